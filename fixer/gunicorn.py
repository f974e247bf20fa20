"""Find Gunicorn in the shipped stage's command and gather its settings.

The effective command is ENTRYPOINT and CMD combined as Docker combines them: an
exec-form ENTRYPOINT receives CMD as arguments, a shell-form ENTRYPOINT ignores CMD,
and an ENTRYPOINT set in a stage clears the CMD it inherited. Settings come from the
command line, `GUNICORN_CMD_ARGS` and `WEB_CONCURRENCY` in the stage's ENV.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from dataclasses import dataclass, field

from fixer import shell
from fixer.buildcontext import final_workdir, find_file
from fixer.model import Instruction, Stage, Word, split_words

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
RUN_WRAPPERS = {"poetry", "uv", "pipenv", "pdm", "hatch", "rye"}  # `X run gunicorn`
PLAIN_WRAPPERS = {"exec", "ddtrace-run", "tini", "dumb-init", "nohup", "nice"}
VALUE_WRAPPERS = {"opentelemetry-instrument"}  # options are `--name value` pairs
USER_WRAPPERS = {"gosu": 1, "su-exec": 1, "s6-setuidgid": 1}  # name, then the command


@dataclass
class Call:
    """One place where Gunicorn is started, with where to insert its flags."""

    instruction: Instruction
    form: str  # "exec", "shell" or "shell-c"
    insert_at: int  # offset in instruction.text right after the gunicorn word
    args: list[str]  # Gunicorn's own arguments, unquoted
    exec_at: int | None = None  # where `exec ` goes (shell forms)
    already_exec: bool = False
    runs_last: bool = False
    has_assignments: bool = False
    separator: str = ", "  # between exec-form elements

    def encode(self, text: str) -> str:
        """Escape text for the place it is inserted (a JSON string for shell-c)."""
        return json.dumps(text)[1:-1] if self.form == "shell-c" else text


@dataclass
class EnvEntry:
    name: str
    value: str
    instruction: Instruction
    word: Word | None  # the NAME=VALUE word; None for the legacy `ENV NAME VALUE`


@dataclass
class Gunicorn:
    calls: list[Call] = field(default_factory=list)
    settings: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (value, source)
    cmd_args: EnvEntry | None = None  # the GUNICORN_CMD_ARGS in effect
    env: dict[str, EnvEntry] = field(default_factory=dict)
    problems: list[tuple[Instruction, str]] = field(default_factory=list)
    unexamined: list[tuple[Instruction, str]] = field(default_factory=list)
    entrypoint: Instruction | None = None
    cmd: Instruction | None = None

    def is_set(self, *names: str) -> bool:
        return any(name in self.settings for name in names)


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
            index = _skip_options(words, index + 2)
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


def _skip_options(words: list[str], index: int) -> int:
    while index < len(words) and words[index].startswith("-"):
        index += 1
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


def json_elements(instruction: Instruction) -> list[tuple[str, int, int]] | None:
    """Return the exec-form elements with their offsets, or None for shell form."""
    text = instruction.text
    value = text[instruction.value_start :].rstrip()
    if not value.startswith("["):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
        return None
    elements = []
    position = instruction.value_start + 1
    while len(elements) < len(parsed):
        if text[position] == '"':
            decoded, end = json.decoder.scanstring(text, position + 1)
            elements.append((decoded, position, end))
            position = end
        else:
            position += 1
    return elements


def looks_like_json_array(instruction: Instruction) -> bool:
    value = instruction.value
    return value.startswith("[") and value.endswith("]") and json_elements(instruction) is None


def analyse(ctx) -> Gunicorn:
    """Gather Gunicorn calls and settings for the shipped stage."""
    stage: Stage = ctx.shipped
    result = Gunicorn()
    result.env = stage_env(stage)
    result.entrypoint, result.cmd = effective_command(stage)
    for instruction in (result.entrypoint, result.cmd):
        if instruction is not None and looks_like_json_array(instruction):
            result.problems.append((instruction, "not-json"))
    _find_calls(result)
    for call in result.calls:
        for name, value in parse_options(call.args).items():
            result.settings.setdefault(name, (value, "command line"))
    cmd_args = result.env.get("GUNICORN_CMD_ARGS")
    if cmd_args is not None:
        result.cmd_args = cmd_args
        try:
            words = shlex.split(cmd_args.value)
        except ValueError:
            words = cmd_args.value.split()
        for name, value in parse_options(words).items():
            result.settings.setdefault(name, (value, "GUNICORN_CMD_ARGS"))
    if "WEB_CONCURRENCY" in result.env:
        result.settings.setdefault(
            "workers", (result.env["WEB_CONCURRENCY"].value, "WEB_CONCURRENCY")
        )
    if result.calls and "config" not in result.settings:
        _implicit_config(ctx, stage, result)
    return result


def _implicit_config(ctx, stage: Stage, result: Gunicorn) -> None:
    # Gunicorn 20+ reads ./gunicorn.conf.py from its working directory.
    chdir = result.settings.get("chdir", ("", ""))[0]
    directory = posixpath.join(final_workdir(stage), chdir)
    path = posixpath.join(directory, "gunicorn.conf.py")
    if find_file(stage, path, ctx.build_context):
        result.settings["config"] = (path, "working directory")


def _find_calls(result: Gunicorn) -> None:
    entrypoint, cmd = result.entrypoint, result.cmd
    if entrypoint is not None:
        if _search(entrypoint, result):
            call = result.calls[-1] if result.calls else None
            if call is not None and call.form == "exec" and cmd is not None:
                # An exec-form ENTRYPOINT gets CMD appended to its arguments.
                elements = json_elements(cmd)
                call.args += [e[0] for e in elements] if elements else ["/bin/sh", "-c", cmd.value]
            return
        if json_elements(entrypoint) is None:
            return  # a shell-form ENTRYPOINT ignores CMD
    if cmd is not None:
        _search(cmd, result)


def _search(instruction: Instruction, result: Gunicorn) -> bool:
    if any(problem[0] is instruction for problem in result.problems):
        return False
    elements = json_elements(instruction)
    if elements is None:
        return _search_shell(instruction, instruction.value_start, instruction.value, result, "shell")
    words = [element[0] for element in elements]
    index = find_gunicorn(words)
    if index is not None:
        separator = ", "
        if len(elements) >= 2:
            between = instruction.text[elements[0][2] : elements[1][1]]
            separator = "," if between == "," else ", "
        result.calls.append(
            Call(instruction, "exec", elements[index][2], words[index + 1 :], separator=separator)
        )
        return True
    script_index = shell.shell_c_string(words)
    if script_index is not None:
        decoded, start, end = elements[script_index]
        raw = instruction.text[start + 1 : end - 1]
        if raw != decoded:
            # NOTE: escapes in the JSON string shift offsets; such strings are left alone.
            result.unexamined.append((instruction, "escaped sh -c string"))
            return False
        return _search_shell(instruction, start + 1, decoded, result, "shell-c")
    if words and _looks_like_script(words):
        result.unexamined.append((instruction, f"script {words[0]}"))
    return False


def _looks_like_script(words: list[str]) -> bool:
    first = words[0]
    if posixpath.basename(first) in shell.SHELLS or PYTHON_RE.match(posixpath.basename(first)):
        return len(words) > 1 and words[1].endswith(".sh")
    return first.endswith(".sh") or "/" in first and "." not in posixpath.basename(first)


def _search_shell(instruction, base: int, text: str, result: Gunicorn, form: str) -> bool:
    script = shell.parse(text)
    found = False
    for command in script.commands:
        values = [word.value for word in command.words]
        index = find_gunicorn(values)
        if index is None:
            continue
        if script.has_error:
            result.unexamined.append((instruction, "shell syntax error"))
            return False
        found = True
        result.calls.append(
            Call(
                instruction,
                form,
                base + command.words[index].end,
                values[index + 1 :],
                exec_at=base + command.start,
                already_exec=values[0] == "exec",
                runs_last=command.runs_last and not command.redirected,
                has_assignments=bool(command.assignments),
            )
        )
    if not found and script.commands:
        first = [word.value for word in script.commands[0].words]
        if first and _looks_like_script(first):
            result.unexamined.append((instruction, f"script {first[0]}"))
    return found


def effective_command(stage: Stage) -> tuple[Instruction | None, Instruction | None]:
    """Return the ENTRYPOINT and CMD in effect for the stage (the instructions)."""
    entrypoint = cmd = None
    for current in stage.chain():
        cmd_set_here = False
        for instruction in current.instructions:
            if instruction.keyword == "ENTRYPOINT":
                entrypoint = instruction
                if not cmd_set_here:
                    cmd = None
            elif instruction.keyword == "CMD":
                cmd = instruction
                cmd_set_here = True
    return entrypoint, cmd


def stage_env(stage: Stage) -> dict[str, EnvEntry]:
    """Return the ENV variables in effect at the end of the stage, the last one winning."""
    env: dict[str, EnvEntry] = {}
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword == "ENV":
                for entry in parse_env(instruction):
                    env[entry.name] = entry
    return env


def parse_env(instruction: Instruction) -> list[EnvEntry]:
    """Read `ENV A=1 B="2"` and the legacy `ENV NAME VALUE` form."""
    words = split_words(instruction.text, instruction.value_start)
    if not words:
        return []
    if "=" not in words[0].raw:
        name = words[0].raw
        value = instruction.text[words[1].start :].rstrip() if len(words) > 1 else ""
        return [EnvEntry(name, value, instruction, None)]
    entries = []
    for word in words:
        name, _, value = word.raw.partition("=")
        entries.append(EnvEntry(name, shell_unquote(value), instruction, word))
    return entries


def shell_unquote(value: str) -> str:
    from fixer.model import unquote

    return unquote(value)
