"""Checks DF101 runs before it adds a user: who the image runs as, and why root may
be needed."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from fixer import images, shell, stageinfo
from transforms import _django
from fixer.buildcontext import copy_arguments, final_workdir
from fixer.command import find_script, read_found, script_word
from fixer.command import json_elements
from fixer.model import Instruction, Stage, expand_args

# Commands that start as root and switch to another user themselves.
PRIVILEGE_DROPPERS = {"gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "chpst",
                      "setuidgid"}
USERADD_VALUE_OPTIONS = {
    "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "--home", "-h",
    "-s", "--shell", "-c", "--comment", "-k", "--skel", "-e", "--expiredate", "-f",
    "--inactive", "-K", "--key", "-p", "--password", "-R", "--root", "-b", "--base-dir",
    "--ingroup", "--gecos", "--firstuid", "--lastuid", "-Z", "--selinux-user",
}
PIP_RE = re.compile(r"^pip(\d+(\.\d+)?)?$")
# Commands that, run when the container starts, need root or write into the image.
PACKAGE_TOOLS = {"apt-get", "apt", "apk", "dnf", "yum", "microdnf", "dpkg", "update-ca-certificates"}
ACCOUNT_TOOLS = {"useradd", "groupadd", "usermod", "adduser", "addgroup", "chown", "chgrp",
                 "sysctl", "mount"}
FILE_TOOLS = {"mkdir", "touch", "cp", "mv", "rm", "ln", "install", "tee", "chmod"}
# Programs a container commonly starts that are not start scripts of the project.
KNOWN_PROGRAMS = {
    "gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "uwsgi", "granian",
    "celery", "flask", "django-admin", "streamlit", "dramatiq", "rq", "fastapi", "env",
    "exec", "tini", "dumb-init", "poetry", "uv", "pipenv", "pdm", "hatch", "ddtrace-run",
    "opentelemetry-instrument", "newrelic-admin", "node", "npm", "java", "nginx",
    "supervisord", "sh", "bash", "dash", "ash", "echo", "sleep", "true",
}
WRITING_DJANGO_TASKS = {"collectstatic", "compilemessages"}
TEMPORARY_PREFIXES = ("/tmp/", "/tmp", "/dev/", "/proc/", "/var/tmp/", "/run/user/")
# Gunicorn settings that name a file or folder it writes to, as the running user.
WRITTEN_SETTINGS = {"worker_tmp_dir": "folder", "pidfile": "file", "accesslog": "file",
                    "errorlog": "file"}
# Folders everyone may write to, and shared system folders never handed to the user.
WORLD_WRITABLE = ("/tmp", "/dev/shm", "/var/tmp", "/dev/")
SYSTEM_FOLDERS = {"/", "/var", "/var/log", "/var/run", "/run", "/var/lib", "/usr", "/usr/local",
                  "/etc", "/opt", "/srv", "/home", "/root", "/app", "/code"}


@dataclass
class ExistingUser:
    name: str
    uid: str | None
    gid: str | None

    @property
    def user_line(self) -> str:
        if self.uid and self.gid:
            return f"{self.uid}:{self.gid}"
        return self.uid or self.name

    @property
    def owner(self) -> str:
        return self.user_line if self.uid else self.name

    @property
    def description(self) -> str:
        return f"uid {self.uid} ({self.name})" if self.uid else f"user {self.name}"


def effective_user(stage: Stage) -> str | None:
    """Return the value of the last USER in the stage or its ancestors."""
    user = None
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword == "USER":
                user = instruction.value.strip()
    return user


def existing_user(stage: Stage) -> ExistingUser | None:
    """Return the user a RUN creates (useradd or adduser), the last one."""
    found = None
    for command in stageinfo.run_commands(stage):
        words = command.words
        if not words or posixpath.basename(words[0]) not in ("useradd", "adduser"):
            continue
        options, positionals = parse_account_command(words[1:])
        # `adduser USER GROUP` (Debian) adds an existing user to a group.
        if len(positionals) != 1:
            continue
        uid = options.get("-u") or options.get("--uid")
        gid = options.get("-g") or options.get("--gid")
        found = ExistingUser(
            positionals[0],
            uid if uid and uid.isdigit() else None,
            gid if gid and gid.isdigit() else None,
        )
    return found


def parse_account_command(words: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split useradd/adduser/groupadd/addgroup arguments into options and names.

    Short flags may be combined (`-ms /bin/bash`); the first flag in a group that
    takes a value takes the rest of the group, or else the next word.
    """
    options: dict[str, str] = {}
    positionals: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word.startswith("--"):
            name, has_value, value = word.partition("=")
            if name in USERADD_VALUE_OPTIONS and not has_value:
                value = words[index] if index < len(words) else ""
                index += 1
            options[name] = value
        elif word.startswith("-") and len(word) > 1:
            for position, letter in enumerate(word[1:], start=1):
                flag = "-" + letter
                if flag not in USERADD_VALUE_OPTIONS:
                    options[flag] = ""
                    continue
                value = word[position + 1 :]
                if not value:
                    value = words[index] if index < len(words) else ""
                    index += 1
                options[flag] = value
                break
        else:
            positionals.append(word)
    return options, positionals


def taken_ids(stage: Stage) -> set[str]:
    """Return the numeric user and group ids RUN steps already create."""
    taken = set()
    for command in stageinfo.run_commands(stage):
        words = command.words
        tool = posixpath.basename(words[0]) if words else ""
        if tool not in ("useradd", "adduser", "groupadd", "addgroup"):
            continue
        options, _ = parse_account_command(words[1:])
        for flag in ("-u", "--uid", "-g", "--gid"):
            if options.get(flag, "").isdigit():
                taken.add(options[flag])
    return taken


def volume_paths(instruction: Instruction) -> list[str]:
    elements = json_elements(instruction)
    if elements is not None:
        return [element[0] for element in elements]
    return [word.unquoted for word in instruction.words()]


def reasons_to_keep_root(ctx, stage: Stage) -> list[tuple[Instruction, str]]:
    """Return why the shipped stage must keep starting as root, with where."""
    reasons = []
    gunicorn = ctx.gunicorn
    reasons.extend(_privilege_drop(ctx, stage, gunicorn))
    if reasons:
        return reasons  # the entrypoint's own switch explains everything else
    for name in ("user", "group"):
        if name in gunicorn.settings:
            value, source = gunicorn.settings[name]
            where = gunicorn.cmd_args.instruction if source == "GUNICORN_CMD_ARGS" else _command_of(gunicorn)
            reasons.append((where, (
                f"gunicorn switches workers to {value} itself ({source}) while the master "
                "stays root. Remove --user/--group to let dockerfix add a non-root USER"
            )))
            break
    port = _bind_port(gunicorn, stage)
    if port is not None and port < 1024:
        reasons.append((_command_of(gunicorn) or stage.from_instruction, (
            f"gunicorn binds port {port}, which needs root outside Docker's default "
            "bridge. Bind a port of 1024 or above and update EXPOSE and port mappings"
        )))
    reasons.extend(_root_only_installs(stage, gunicorn))
    reasons.extend(_onbuild_and_children(ctx, stage))
    reasons.extend(_start_up_writes(ctx, stage, gunicorn))
    return reasons


def _start_up_writes(ctx, stage: Stage, gunicorn) -> list[tuple[Instruction, str]]:
    """Find commands that write into the image when the container starts, which
    fail once the container no longer runs as root."""
    for seen in gunicorn.commands:
        where = seen.place.describe(seen.offset)
        database = _database_write(ctx, stage, gunicorn, seen.words)
        if database is not None:
            return [(seen.place.instruction, f"{where} {database}")]
        what = _writes(seen.words, seen.redirect_targets)
        if what is None:
            continue
        return [(seen.place.instruction, (
            f"{where} runs `{what}` at start-up, which writes into the image and needs "
            "root. Move it to a RUN step or make its target writable, then rerun dockerfix"
        ))]
    return []


def _writes(words: list[str], redirect_targets: list[str]) -> str | None:
    """Return the command text when it writes outside temporary folders."""
    for target in redirect_targets:
        if not _temporary(target):
            return f"> {target}"
    if not words:
        return None
    names = [posixpath.basename(word) for word in words]
    if names[0] in ("exec", "sudo", "env"):
        return _writes(words[1:], [])
    shown = " ".join(words[:3])
    if names[0] in PACKAGE_TOOLS or names[0] in ACCOUNT_TOOLS:
        return shown
    if names[0] in FILE_TOOLS:
        paths = [word for word in words[1:] if not word.startswith("-")]
        if any(not _temporary(path) for path in paths):
            return shown
        return None
    if names[0] == "sed" and any(word.startswith("-i") for word in words[1:]):
        return shown
    if PIP_RE.match(names[0]) and "install" in words:
        return shown
    if "manage.py" in names:
        for task in WRITING_DJANGO_TASKS:
            if task in words:
                return f"manage.py {task}"
    return None


def _database_write(ctx, stage: Stage, gunicorn, words: list[str]) -> str | None:
    """Return `manage.py TASK` when it writes a SQLite database kept in the image, or
    when dockerfix cannot tell which database the project uses."""
    names = [posixpath.basename(word) for word in words]
    if "manage.py" not in names:
        return None
    task = next((word for word in words if word in _django.DATABASE_TASKS), None)
    if task is None:
        return None
    sqlite = _django.uses_sqlite(ctx, stage, gunicorn.env)
    if sqlite is False:
        return None
    if sqlite:
        return (
            f"runs `manage.py {task}` at start-up, which writes the project's SQLite "
            "database into the image and needs root. Keep the database on a volume or "
            "run the task in a RUN step, then rerun dockerfix"
        )
    return (
        f"runs `manage.py {task}` at start-up, and dockerfix cannot read the settings "
        "to tell whether its database is a SQLite file in the image. Check them, then "
        "add USER by hand"
    )


def _temporary(path: str) -> bool:
    return path.startswith(TEMPORARY_PREFIXES)


def _onbuild_and_children(ctx, stage: Stage) -> list[tuple[Instruction, str]]:
    for current in stage.chain():
        for instruction in current.instructions:
            trigger = instruction.value.split(None, 1)[:1]
            if instruction.keyword == "ONBUILD" and trigger and trigger[0].upper() == "RUN":
                return [(instruction, (
                    "ONBUILD RUN steps run in child images as the image's user, so they "
                    "would run as the new user"
                ))]
    for later in ctx.doc.stages[stage.index + 1 :]:
        if stage in later.chain() and any(i.keyword == "RUN" for i in later.instructions):
            name = later.name or str(later.index)
            return [(later.from_instruction, (
                f"stage {name} is built on the shipped stage and its RUN steps would run "
                "as the new user"
            ))]
    return []


def writable_folders(ctx, stage: Stage) -> tuple[list[str], list[tuple[Instruction, str]]]:
    """Return the folders Gunicorn writes to that the new user must own, and the
    reasons to keep root when such a folder cannot be handed over safely."""
    gunicorn = ctx.gunicorn
    workdir = final_workdir(stage)
    folders, reasons = [], []
    for name, kind in WRITTEN_SETTINGS.items():
        if name not in gunicorn.settings:
            continue
        value, source = gunicorn.settings[name]
        if value in ("-", "") or "$" in value or value.startswith(WORLD_WRITABLE):
            continue
        path = posixpath.normpath(posixpath.join(workdir, value))
        folder = path if kind == "folder" else posixpath.dirname(path)
        if folder.startswith(WORLD_WRITABLE):
            continue
        if folder in SYSTEM_FOLDERS or workdir == folder or workdir.startswith(folder + "/"):
            where = gunicorn.cmd_args.instruction if source == "GUNICORN_CMD_ARGS" else _command_of(gunicorn)
            reasons.append((where, (
                f"gunicorn writes {value} ({source}) into {folder}, which must stay "
                "root-owned. Point it to /tmp or a folder of its own"
            )))
        elif folder not in folders:
            folders.append(folder)
    return folders, reasons


def _command_of(gunicorn) -> Instruction | None:
    if gunicorn.calls:
        return gunicorn.calls[0].instruction
    return gunicorn.cmd or gunicorn.entrypoint


def _command_words(gunicorn) -> list[tuple[Instruction, list[list[str]]]]:
    """Return the commands of ENTRYPOINT and CMD as word lists."""
    found = []
    for instruction in (gunicorn.entrypoint, gunicorn.cmd):
        if instruction is None:
            continue
        elements = json_elements(instruction)
        if elements is not None:
            words = [element[0] for element in elements]
            script = shell.shell_c_string(words)
            commands = [words]
            if script is not None:
                commands += [[w.value for w in c.words] for c in shell.parse(words[script]).commands]
            found.append((instruction, commands))
        else:
            commands = shell.parse(instruction.value).commands
            found.append((instruction, [[w.value for w in c.words] for c in commands]))
    return found


def _known_program(word: str) -> bool:
    """Return True for a word that names a program rather than a start script."""
    name = posixpath.basename(word)
    if name in KNOWN_PROGRAMS or re.match(r"^(python|pypy)\d*(\.\d+)?$", name):
        return True
    looks_like_script = name.endswith(".sh") or any(
        hint in name for hint in ("entrypoint", "start", "run", "boot", "init")
    )
    return not looks_like_script


def _dropper(words: list[str]) -> str | None:
    for index, word in enumerate(words):
        base = posixpath.basename(word)
        if base in PRIVILEGE_DROPPERS:
            return base
        if base == "su" and "-c" in words[index:]:
            return "su"
        if base == "chroot" and any(w.startswith("--userspec") for w in words[index:]):
            return "chroot --userspec"
        if base in ("exec", "env", "sudo") or base.startswith("-"):
            continue
        if index > 0:
            break
    return None


def _privilege_drop(ctx, stage: Stage, gunicorn) -> list[tuple[Instruction, str]]:
    for instruction, commands in _command_words(gunicorn):
        for words in commands:
            tool = _dropper(words)
            if tool:
                return [(instruction, f"the command drops privileges with {tool}")]
            script = script_word(words)
            if script is None:
                continue
            found = find_script(ctx, stage, script)
            if found is None:
                if _known_program(script):
                    continue
                return [(instruction, (
                    f"cannot check {script}, which is not in the build context and may "
                    "need root when the container starts. Check it, then add USER by hand"
                ))]
            text = read_found(ctx, found)
            if text is None:
                continue
            for command in shell.parse(text).commands:
                tool = _dropper([w.value for w in command.words])
                if tool:
                    name = posixpath.basename(script)
                    return [(instruction, f"{name} drops privileges with {tool}")]
    return []


def _bind_port(gunicorn, stage: Stage) -> int | None:
    bind = gunicorn.settings.get("bind")
    if bind is not None:
        # $PORT in the bind address expands from the image's ENV when a shell runs it.
        values = {name: entry.value for name, entry in gunicorn.env.items()}
        address = expand_args(bind[0], values) or bind[0]
        # A config file may bind a list of addresses; the lowest port decides.
        ports = [int(port) for port in re.findall(r":(\d+)\b", address)]
        return min(ports) if ports else None
    if not gunicorn.calls:
        image = stageinfo.image_of(stage)
        if image is not None and gunicorn.cmd is None and gunicorn.entrypoint is None:
            return images.gunicorn_base_port(image)
        return None
    port = gunicorn.env.get("PORT")
    if port is not None and port.value.isdigit():
        return int(port.value)  # Gunicorn binds 0.0.0.0:$PORT when no bind is given
    return None


def _root_only_installs(stage: Stage, gunicorn) -> list[tuple[Instruction, str]]:
    for command in stageinfo.run_commands(stage):
        words = command.words
        if not words:
            continue
        is_pip = PIP_RE.match(posixpath.basename(words[0])) or (
            "-m" in words[:3] and "pip" in words[:4]
        )
        if is_pip and "install" in words and "--user" in words:
            return [(command.instruction, (
                "pip install --user puts packages under /root/.local, which the new user "
                "cannot read. Install them system-wide or into a virtual environment"
            ))]
    pip_user = gunicorn.env.get("PIP_USER")
    if pip_user is not None and pip_user.value.lower() in ("1", "true", "yes", "on"):
        return [(pip_user.instruction, (
            "PIP_USER makes pip install packages under /root/.local, which the new user "
            "cannot read. Install them system-wide or into a virtual environment"
        ))]
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword not in ("COPY", "ADD"):
                continue
            arguments = copy_arguments(instruction)
            if arguments and arguments[1].rstrip("/").startswith("/root"):
                return [(instruction, (
                    f"files are copied into {arguments[1]}, which the new user cannot "
                    "read. Copy them to a folder outside /root"
                ))]
    for seen in gunicorn.commands:
        if any(word.startswith("/root/") for word in seen.words):
            return [(seen.place.instruction, (
                f"{seen.place.describe(seen.offset)} runs a program under /root, which the "
                "new user cannot read. Install it outside /root"
            ))]
    for name in ("PATH", "PYTHONUSERBASE", "PYTHONPATH"):
        entry = gunicorn.env.get(name)
        if entry is not None and "/root/" in entry.value:
            return [(entry.instruction, (
                f"{name} points into /root, which the new user cannot read. Install "
                "packages system-wide or into a virtual environment"
            ))]
    for instruction, commands in _command_words(gunicorn):
        for words in commands:
            while words and words[0] in ("exec", "env"):
                words = words[1:]
            if len(words) > 1 and words[0] in ("poetry", "pipenv") and words[1] == "run":
                if _venv_in_project(gunicorn, words[0]):
                    continue
                return [(instruction, (
                    f"{words[0]} run needs the virtual environment created at build time "
                    "in root's home. Set POETRY_VIRTUALENVS_IN_PROJECT=true (or "
                    "PIPENV_VENV_IN_PROJECT=1) or call the environment's gunicorn"
                ))]
    return []


def _venv_in_project(gunicorn, tool: str) -> bool:
    names = {
        "poetry": {"POETRY_VIRTUALENVS_IN_PROJECT": "true1", "POETRY_VIRTUALENVS_CREATE": "false0"},
        "pipenv": {"PIPENV_VENV_IN_PROJECT": "true1"},
    }[tool]
    for name, accepted in names.items():
        entry = gunicorn.env.get(name)
        if entry is not None and entry.value.lower() and entry.value.lower() in accepted:
            return True
    return False


def note_root_only_downloads(ctx, stage: Stage) -> None:
    """Note files ADD fetched from a URL: root-owned, mode 600, unreadable to the user."""
    for instruction in stage.instructions:
        if instruction.keyword != "ADD":
            continue
        flags, _ = instruction.flags()
        if "chown" in flags or "chmod" in flags:
            continue
        words = [w.unquoted for w in instruction.arguments()]
        for source in words[:-1]:
            if re.match(r"^[a-z][a-z0-9+.-]*://", source) and not source.endswith(".git"):
                destination = words[-1]
                if destination.endswith("/"):
                    destination += posixpath.basename(source.split("#")[0])
                ctx.note(instruction, (
                    f"{destination} fetched by ADD {source} is root-owned with mode 600 "
                    f"and unreadable for uid {ctx.options.uid}; add --chmod=644"
                ))
