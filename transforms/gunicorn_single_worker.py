"""DF402 gunicorn-single-worker: Gunicorn runs one sync worker with one thread.

Why: Gunicorn's defaults serve one request at a time per container, so a single
slow request blocks every other one.

Change: add `--workers 2 --threads 4` (the --workers and --threads options set the
numbers) after the gunicorn word, or into an existing GUNICORN_CMD_ARGS.
More than one thread makes Gunicorn use its gthread worker.

Fix safety: needs review: the application must be thread-safe, and the container
needs memory for two worker processes.

Skips: any of workers, threads or worker class set anywhere (command line,
GUNICORN_CMD_ARGS, WEB_CONCURRENCY), so threads are never added for gevent,
eventlet, tornado or Uvicorn workers; a config file; Gunicorn not found.
Related hadolint rule: none.
"""

from __future__ import annotations

from fixer.passes import FixContext, Transform
from transforms._gunicorn_flags import add_flags


def fix(ctx: FixContext) -> None:
    gunicorn = ctx.gunicorn
    if not gunicorn.calls or gunicorn.is_set("workers", "threads", "worker_class"):
        return
    if "config" in gunicorn.settings:
        path, source = gunicorn.settings["config"]
        ctx.note(gunicorn.calls[0].instruction, (
            f"gunicorn reads {path} ({source}), which dockerfix does not examine; "
            "set workers and threads there"
        ))
        return
    options = ctx.options
    where = add_flags(
        ctx,
        gunicorn,
        [("--workers", str(options.workers)), ("--threads", str(options.threads))],
    )
    instruction = gunicorn.calls[0].instruction
    ctx.note(instruction, (
        "threads make Gunicorn use its gthread worker; ignore DF402 if the "
        "application is not thread-safe"
    ))
    if where == "command line":
        ctx.note(instruction, (
            "--workers on the command line overrides WEB_CONCURRENCY and "
            "GUNICORN_CMD_ARGS supplied at run time"
        ))


TRANSFORM = Transform(
    code="DF402",
    slug="gunicorn-single-worker",
    summary="add --workers 2 --threads 4 to Gunicorn",
    skips="workers, threads or worker class set anywhere; config file",
    fix=fix,
)
