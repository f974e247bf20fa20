"""DF404 development-server: the image starts a development server.

Why: `flask run`, `manage.py runserver` and `uvicorn --reload` are made for a
developer's machine: single-process, with reloaders that watch the file system, and
in Django's and Flask's case documented as unfit for production. `gunicorn --reload`
restarts workers whenever a file changes.

Change: none. A note names the command and line, in the shipped stage's command and
in the start scripts it runs, so the author can switch to Gunicorn (or drop --reload).

Fix safety: nothing changes, so nothing can break.

Skips: commands outside the shipped stage's start path, such as RUN steps.
Related hadolint rule: none.
"""

from __future__ import annotations

import posixpath

from fixer.passes import FixContext, Transform

PYTHON_PREFIXES = ("python", "pypy")


def fix(ctx: FixContext) -> None:
    for seen in ctx.gunicorn.commands:
        place, offset = seen.place, seen.offset
        server = development_server(seen.words)
        if server is None:
            continue
        if server.endswith("--reload"):
            text = f"{server} reloads on every code change, a development setting; drop --reload in production"
        else:
            text = f"{server} is a development server, not meant for production; serve the application with Gunicorn instead"
        place.report(ctx, offset, text, kind="note")


def development_server(words: list[str]) -> str | None:
    """Name the development server a command starts, or None."""
    names = [posixpath.basename(word) for word in words]
    if names and names[0] == "exec":
        names = names[1:]
    if names and names[0].startswith(PYTHON_PREFIXES) and names[1:2] == ["-m"]:
        names = names[2:]
    elif names and names[0].startswith(PYTHON_PREFIXES):
        names = names[1:]
    if not names:
        return None
    command, rest = names[0], names[1:]
    if command == "flask" and "run" in rest:
        return "flask run"
    if command in ("manage.py", "django-admin") and "runserver" in rest:
        return f"{command} runserver"
    if command in ("uvicorn", "gunicorn") and "--reload" in rest:
        return f"{command} --reload"
    return None


TRANSFORM = Transform(
    code="DF404",
    slug="development-server",
    summary="note a development server in the shipped stage's command",
    skips="never changes the file",
    fix=fix,
)
