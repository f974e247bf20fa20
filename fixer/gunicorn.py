"""Find every place Gunicorn is started and configured for the shipped stage.

Gunicorn is started by the stage's command (see fixer.command) or by a start script
that command runs. It reads its settings, from lowest to highest precedence, from
the environment (WEB_CONCURRENCY, PORT), the config file, GUNICORN_CMD_ARGS and the
command line. All sources are gathered here, once, before any transform decides.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from fixer import shell
from fixer.buildcontext import final_workdir, find_file
from fixer.command import (
    EnvEntry,
    effective_command,
    find_script,
    json_elements,
    looks_like_json_array,
    read_found,
    script_word,
    stage_env,
)
from fixer.model import Heredoc, Instruction, Stage, unquote
from fixer.pyconf import ConfigSettings, read_config
from fixer.sources import EditedFile

# Gunicorn options dockerfix reads, by every spelling, mapped to the setting name.
OPTIONS = {
    "-w": "workers", "--workers": "workers",
    "--threads": "threads",
    "-k": "worker_class", "--worker-class": "worker_class",
    "--worker-tmp-dir": "worker_tmp_dir",
    "-c": "config", "--config": "config",
    "-u": "user", "--user": "user",
    "-g": "group", "--group": "group",
    "-b": "bind", "--bind": "bind",
    "--chdir": "chdir",
    "-p": "pidfile", "--pid": "pidfile",
    "--access-logfile": "accesslog",
    "--error-logfile": "errorlog", "--log-file": "errorlog",
}
SWITCHES = {"--reload": "reload"}
PYTHON_RE = re.compile(r"^python(\d+(\.\d+)?)?$")
# `X run gunicorn`, with the options of `X run` that take a value.
RUN_WRAPPERS = {
    "uv": {"--with", "--with-editable", "--with-requirements", "--python", "-p", "--extra",
           "--group", "--only-group", "--no-group", "--package", "--env-file", "--directory",
           "--project", "--index", "--default-index", "--index-url", "--extra-index-url",
           "--find-links", "-f", "--config-file", "--cache-dir", "--exclude-newer",
           "--resolution", "--prerelease", "--link-mode", "--no-extra"},
    "poetry": {"-C", "--directory", "-P", "--project"},
    "pipenv": set(),
    "pdm": {"-p", "--project", "--venv"},
    "hatch": {"-e", "--env"},
    "rye": {"--pyproject"},
}
# Every long option of Gunicorn's command line (23.0). Gunicorn's argparse parser
# accepts any unambiguous prefix of one, such as --thread for --threads.
LONG_OPTIONS = (
    "--access-logfile", "--access-logformat", "--backlog", "--bind", "--ca-certs",
    "--capture-output", "--casefold-http-method", "--cert-reqs", "--certfile", "--chdir",
    "--check-config", "--ciphers", "--config", "--daemon", "--disable-redirect-access-to-syslog",
    "--do-handshake-on-connect", "--dogstatsd-tags", "--enable-stdio-inheritance", "--env",
    "--error-logfile", "--forwarded-allow-ips", "--forwarder-headers", "--graceful-timeout",
    "--group", "--header-map", "--help", "--initgroups", "--keep-alive", "--keyfile",
    "--limit-request-field_size", "--limit-request-fields", "--limit-request-line",
    "--log-config", "--log-config-json", "--log-file", "--log-level", "--log-syslog",
    "--log-syslog-facility", "--log-syslog-prefix", "--log-syslog-to", "--logger-class",
    "--max-requests", "--max-requests-jitter", "--name", "--no-sendfile", "--paste",
    "--paster", "--permit-obsolete-folding", "--permit-unconventional-http-method",
    "--permit-unconventional-http-version", "--pid", "--preload", "--print-config",
    "--proxy-allow-from", "--proxy-protocol", "--pythonpath", "--reload", "--reload-engine",
    "--reload-extra-file", "--reuse-port", "--spew", "--ssl-version", "--statsd-host",
    "--statsd-prefix", "--strip-header-spaces", "--suppress-ragged-eofs", "--threads",
    "--timeout", "--umask", "--user", "--version", "--worker-class",
    "--worker-connections", "--worker-tmp-dir", "--workers",
)
PLAIN_WRAPPERS = {"exec", "ddtrace-run", "tini", "dumb-init", "nohup", "nice"}
VALUE_WRAPPERS = {"opentelemetry-instrument"}  # options are `--name value` pairs
USER_WRAPPERS = {"gosu": 1, "su-exec": 1, "s6-setuidgid": 1}  # name, then the command


@dataclass
class Place:
    """The text that holds a Gunicorn command: an instruction, a script or a heredoc."""

    instruction: Instruction  # the Dockerfile instruction that runs it
    file: EditedFile | None = None  # a start script in the build context
    heredoc: Heredoc | None = None  # a `COPY <<EOF /start.sh` body

    def insert(self, ctx, offset: int, text: str) -> None:
        if self.file is not None:
            if not ctx.doc.suppressed(ctx.code, self.instruction):
                self.file.insert(offset, text, ctx.code)
        elif self.heredoc is not None:
            ctx.doc.insert_in_heredoc(self.instruction, self.heredoc, offset, text, ctx.code)
        else:
            ctx.doc.insert_text(self.instruction, offset, text, ctx.code)

    def report(self, ctx, offset: int, text: str, kind: str = "change") -> None:
        """Record a message at the line holding `offset`."""
        if self.file is not None:
            ctx.message_in(self.file.path, self.file.line_of(offset), text, kind, self.instruction)
        elif self.heredoc is not None:
            line = self.heredoc.body_start + self.heredoc.text.count("\n", 0, offset)
            ctx.message_at(line, text, kind, self.instruction)
        elif kind == "change":
            ctx.change(self.instruction, text)
        else:
            ctx.note(self.instruction, text, kind)

    def describe(self, offset: int) -> str:
        """Name the place for a message, e.g. `start.sh line 7`."""
        if self.file is not None:
            return f"{self.file.path.name} line {self.file.line_of(offset) + 1}"
        if self.heredoc is not None:
            line = self.heredoc.body_start + self.heredoc.text.count("\n", 0, offset)
            return f"the heredoc script on line {line + 1}"
        return self.instruction.keyword


@dataclass
class Call:
    """One place where Gunicorn is started, with where to insert its flags."""

    place: Place
    form: str  # "exec", "shell" or "shell-c"
    insert_at: int  # offset right after the gunicorn word
    args: list[str]  # Gunicorn's own arguments, unquoted
    exec_at: int | None = None  # where `exec ` goes (shell forms)
    already_exec: bool = False
    runs_last: bool = False
    has_assignments: bool = False
    separator: str = ", "  # between exec-form elements
    in_script_with_trap: bool = False
    # Settings the shell sets for this call through WEB_CONCURRENCY or
    # GUNICORN_CMD_ARGS: assigned in its script or in front of the command.
    env_options: dict[str, str] = field(default_factory=dict)
    env_names: set[str] = field(default_factory=set)  # variables the shell sets for it

    @property
    def instruction(self) -> Instruction:
        return self.place.instruction

    @property
    def options(self) -> dict[str, str]:
        return parse_options(self.args)

    def encode(self, text: str) -> str:
        """Escape text for the place it is inserted (a JSON string for shell-c)."""
        return json.dumps(text)[1:-1] if self.form == "shell-c" else text


@dataclass
class ConfigFile:
    """The gunicorn.conf.py Gunicorn loads, traced to the build context."""

    image_path: str
    source: str  # how Gunicorn finds it: "-c", "GUNICORN_CMD_ARGS" or "working directory"
    path: Path | None  # in the build context; None when missing there
    settings: ConfigSettings = field(default_factory=ConfigSettings)


@dataclass
class SeenCommand:
    """A simple command the container runs at start-up, with where it is written."""

    place: Place
    offset: int
    words: list[str]
    redirect_targets: list[str] = field(default_factory=list)


@dataclass
class Gunicorn:
    calls: list[Call] = field(default_factory=list)
    settings: dict[str, tuple[str, str]] = field(default_factory=dict)  # any source
    shared: dict[str, tuple[str, str]] = field(default_factory=dict)  # all but the CLI
    cmd_args: EnvEntry | None = None  # the GUNICORN_CMD_ARGS in effect
    config: ConfigFile | None = None
    env: dict[str, EnvEntry] = field(default_factory=dict)
    problems: list[tuple[Instruction, str]] = field(default_factory=list)
    unexamined: list[tuple[Instruction, str]] = field(default_factory=list)
    entrypoint: Instruction | None = None
    cmd: Instruction | None = None
    # Every simple command seen in the command and its scripts.
    commands: list[SeenCommand] = field(default_factory=list)

    def is_set(self, *names: str) -> bool:
        return any(name in self.settings for name in names)

    def setting(self, name: str, call: Call | None = None) -> tuple[str, str] | None:
        """Return (value, source) of a setting as Gunicorn resolves it for a call."""
        if call is not None and name in call.options:
            return call.options[name], "command line"
        if call is not None and name in call.env_options:
            return call.env_options[name], "the shell's environment"
        return self.shared.get(name)


def parse_options(args: list[str]) -> dict[str, str]:
    """Read the settings dockerfix cares about from Gunicorn arguments."""
    found: dict[str, str] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg in SWITCHES:
            found[SWITCHES[arg]] = "true"
            continue
        name, has_value, value = arg.partition("=")
        name = expand_abbreviation(name)
        if name in SWITCHES:
            found[SWITCHES[name]] = "true"
            continue
        if arg.startswith("--") and name in OPTIONS:
            if not has_value:
                value = args[index] if index < len(args) else ""
                index += 1
            found[OPTIONS[name]] = value
        elif not arg.startswith("--") and arg[:2] in OPTIONS:
            value = arg[2:]
            if not value:
                value = args[index] if index < len(args) else ""
                index += 1
            found[OPTIONS[arg[:2]]] = value
    return found


def expand_abbreviation(name: str) -> str:
    """Return the long option an unambiguous prefix stands for, else the name."""
    if not name.startswith("--") or name in LONG_OPTIONS:
        return name
    matches = [option for option in LONG_OPTIONS if option.startswith(name)]
    return matches[0] if len(matches) == 1 else name


def find_gunicorn(words: list[str]) -> int | None:
    """Return the index of the word that starts Gunicorn, through known wrappers."""
    index = 0
    while index < len(words):
        base = posixpath.basename(words[index])
        if base == "gunicorn":
            return index
        if base == "env":
            index += 1
            while index < len(words) and ("=" in words[index] or words[index].startswith("-")):
                index += 1
        elif base in RUN_WRAPPERS and index + 1 < len(words) and words[index + 1] == "run":
            index = _skip_options(words, index + 2, RUN_WRAPPERS[base])
        elif base == "newrelic-admin" and words[index + 1 : index + 2] == ["run-program"]:
            index += 2
        elif base in PLAIN_WRAPPERS:
            index = _skip_options(words, index + 1)
        elif base in VALUE_WRAPPERS:
            index += 1
            while index < len(words) and words[index].startswith("--"):
                index += 1 if "=" in words[index] else 2
        elif base in USER_WRAPPERS:
            index = _skip_options(words, index + 1) + USER_WRAPPERS[base]
        elif PYTHON_RE.match(base):
            return _python_module(words, index + 1)
        else:
            return None
    return None


def _skip_options(words: list[str], index: int, with_value: set[str] = frozenset()) -> int:
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in with_value else 1
    return index


def _python_module(words: list[str], index: int) -> int | None:
    """Follow `python [options] -m gunicorn`, also through `-m debugpy ... -m gunicorn`."""
    while index < len(words):
        word = words[index]
        if word == "-m" and index + 1 < len(words):
            module = words[index + 1]
            if module == "gunicorn":
                return index + 1
            if module != "debugpy":
                return None
            # debugpy takes its own options, then `-m MODULE` to run.
            index += 2
            while index < len(words) and words[index] != "-m":
                index += 1
            continue
        if not word.startswith("-"):
            return None
        index += 2 if word in ("-X", "-W") else 1
    return None


def analyse(ctx) -> Gunicorn:
    """Gather Gunicorn calls and settings for the shipped stage."""
    stage: Stage = ctx.shipped
    result = Gunicorn(env=stage_env(stage))
    result.entrypoint, result.cmd = effective_command(stage)
    for instruction in (result.entrypoint, result.cmd):
        if instruction is not None and looks_like_json_array(instruction):
            result.problems.append((instruction, "not-json"))
    _find_calls(ctx, stage, result)
    _gather_shared(ctx, stage, result)
    for call in result.calls:
        for name, value in call.options.items():
            result.settings.setdefault(name, (value, "command line"))
    for name, value in result.shared.items():
        result.settings.setdefault(name, value)
    return result


def _gather_shared(ctx, stage: Stage, result: Gunicorn) -> None:
    """Collect settings from GUNICORN_CMD_ARGS, the config file and the environment,
    highest precedence first."""
    cmd_args = result.env.get("GUNICORN_CMD_ARGS")
    if cmd_args is not None:
        result.cmd_args = cmd_args
        try:
            words = shlex.split(cmd_args.value)
        except ValueError:
            words = cmd_args.value.split()
        for name, value in parse_options(words).items():
            result.shared.setdefault(name, (value, "GUNICORN_CMD_ARGS"))
    if result.calls:
        result.config = _resolve_config(ctx, stage, result)
    config = result.config
    if config is not None and config.path is not None:
        for name, value in config.settings.values.items():
            shown = "" if value is None else str(value)
            result.shared.setdefault(name, (shown, config.path.name))
    if "WEB_CONCURRENCY" in result.env:
        result.shared.setdefault("workers", (result.env["WEB_CONCURRENCY"].value, "WEB_CONCURRENCY"))


def _resolve_config(ctx, stage: Stage, result: Gunicorn) -> ConfigFile | None:
    """Find the config file the way Gunicorn does: -c or --config, then
    ./gunicorn.conf.py in the working directory (Gunicorn 20 and later)."""
    named = next((c.options["config"] for c in result.calls if "config" in c.options), None)
    source = "-c"
    if named is None and "config" in result.shared:
        named, source = result.shared["config"][0], "GUNICORN_CMD_ARGS"
    workdir = final_workdir(stage)
    if named is None:
        chdir = next((c.options["chdir"] for c in result.calls if "chdir" in c.options), "")
        image_path = posixpath.join(workdir, chdir, "gunicorn.conf.py")
        config = _trace_config(ctx, stage, image_path, "working directory")
        return config if config.path is not None else None
    if named.startswith("python:"):
        module = named[len("python:") :]
        image_path = posixpath.join(workdir, module.replace(".", "/") + ".py")
    else:
        image_path = posixpath.join(workdir, named.removeprefix("file:"))
    return _trace_config(ctx, stage, image_path, source)


def _trace_config(ctx, stage: Stage, image_path: str, source: str) -> ConfigFile:
    image_path = posixpath.normpath(image_path)
    found = find_file(stage, image_path, ctx.build_context)
    config = ConfigFile(image_path, source, None)
    if found is None or found.path is None:
        return config
    text = ctx.files.read(found.path)
    if text is None:
        return config
    config.path = found.path
    config.settings = read_config(text)
    return config


def _find_calls(ctx, stage: Stage, result: Gunicorn) -> None:
    entrypoint, cmd = result.entrypoint, result.cmd
    if entrypoint is not None:
        if _search(ctx, stage, entrypoint, result):
            call = result.calls[-1]
            if call.form == "exec" and call.place.file is None and cmd is not None:
                # An exec-form ENTRYPOINT gets CMD appended to its arguments.
                elements = json_elements(cmd)
                call.args += [e[0] for e in elements] if elements else ["/bin/sh", "-c", cmd.value]
            return
        if json_elements(entrypoint) is None:
            return  # a shell-form ENTRYPOINT ignores CMD
    if cmd is not None:
        _search(ctx, stage, cmd, result)


def _search(ctx, stage: Stage, instruction: Instruction, result: Gunicorn) -> bool:
    if any(problem[0] is instruction for problem in result.problems):
        return False
    place = Place(instruction)
    elements = json_elements(instruction)
    if elements is None:
        return _search_shell(ctx, stage, place, instruction.value_start, instruction.value, result, "shell")
    words = [element[0] for element in elements]
    if words:
        result.commands.append(SeenCommand(place, elements[0][1], words))
    index = find_gunicorn(words)
    if index is not None:
        separator = ", "
        if len(elements) >= 2:
            between = instruction.text[elements[0][2] : elements[1][1]]
            separator = "," if between == "," else ", "
        result.calls.append(
            Call(place, "exec", elements[index][2], words[index + 1 :], separator=separator)
        )
        return True
    script_index = shell.shell_c_string(words)
    if script_index is not None:
        decoded, start, end = elements[script_index]
        raw = instruction.text[start + 1 : end - 1]
        if raw != decoded:
            # NOTE: escapes in the JSON string shift offsets; such strings are left alone.
            result.unexamined.append((instruction, "an sh -c string with escapes"))
            return False
        return _search_shell(ctx, stage, place, start + 1, decoded, result, "shell-c")
    return _follow_script(ctx, stage, instruction, words, result)


def _search_shell(ctx, stage, place: Place, base: int, text: str, result: Gunicorn, form: str) -> bool:
    script = shell.parse(text)
    found = False
    has_trap = any(command.name == "trap" for command in script.commands)
    script_env = {name: unquote(value) for name, value in script.assignments}
    for command in script.commands:
        values = [word.value for word in command.words]
        result.commands.append(
            SeenCommand(place, base + command.start, values, command.redirect_targets)
        )
        index = find_gunicorn(values)
        if index is None:
            continue
        if script.has_error:
            result.unexamined.append((place.instruction, f"{place.describe(base)}, which has a shell syntax error"))
            return False
        found = True
        result.calls.append(
            Call(
                place,
                form,
                base + command.words[index].end,
                values[index + 1 :],
                exec_at=base + command.start,
                already_exec=values[0] == "exec",
                runs_last=command.runs_last and not command.redirected,
                has_assignments=bool(command.assignments),
                in_script_with_trap=has_trap,
                env_options=_env_options(script_env, command.assignments),
                env_names=set(script_env) | {a.partition("=")[0] for a in command.assignments},
            )
        )
    if not found and script.commands and place.file is None and place.heredoc is None:
        first = [word.value for word in script.commands[0].words]
        found = _follow_script(ctx, stage, place.instruction, first, result)
    return found


def _env_options(script_env: dict[str, str], prefix: list[str]) -> dict[str, str]:
    """Read the Gunicorn settings a shell passes through the environment."""
    env = dict(script_env)
    for assignment in prefix:
        name, _, value = assignment.partition("=")
        env[name] = unquote(value)
    found: dict[str, str] = {}
    if "GUNICORN_CMD_ARGS" in env:
        try:
            words = shlex.split(env["GUNICORN_CMD_ARGS"])
        except ValueError:
            words = env["GUNICORN_CMD_ARGS"].split()
        found.update(parse_options(words))
    if "WEB_CONCURRENCY" in env:
        found.setdefault("workers", env["WEB_CONCURRENCY"])
    return found


def _follow_script(ctx, stage: Stage, instruction: Instruction, words: list[str], result: Gunicorn) -> bool:
    """Search the start script a command runs, when it is in the build context."""
    word = script_word(words)
    if word is None:
        return False
    found = find_script(ctx, stage, word)
    if found is None:
        if word.endswith(".sh") or "entrypoint" in word or "start" in word:
            result.unexamined.append((instruction, f"script {word}, which is not in the build context"))
        return False
    text = read_found(ctx, found)
    if text is None:
        result.unexamined.append((instruction, f"script {word}, which is not readable text"))
        return False
    if found.heredoc is not None:
        place = Place(found.instruction, heredoc=found.heredoc)
    else:
        edited = ctx.files.edit(found.path)
        if edited is None:
            return False
        place = Place(instruction, file=edited)
    return _search_shell(ctx, stage, place, 0, text, result, "shell")
