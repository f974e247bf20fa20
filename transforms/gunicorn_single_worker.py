"""DF402 gunicorn-single-worker: Gunicorn runs one sync worker with one thread.

Why: Gunicorn's defaults serve one request at a time per container, so a single
slow request blocks every other one.

Change: set 2 workers and 4 threads (--workers and --threads choose the numbers)
where the author configures Gunicorn: `workers` and `threads` in the config file
when there is one, else an existing GUNICORN_CMD_ARGS, else `--workers 2
--threads 4` after the gunicorn word of each command that sets none of them.
More than one thread makes Gunicorn use its gthread worker.

Fix safety: needs review: the application must be thread-safe, and the container
needs memory for two worker processes.

Skips: any of workers, threads or worker class set (command line,
GUNICORN_CMD_ARGS, the config file, WEB_CONCURRENCY), so threads are never added
for gevent, eventlet, tornado or Uvicorn workers. A config file that sizes workers
from multiprocessing.cpu_count() gets a warning: in a container that counts the
host's CPUs, not the container's limit.
Related hadolint rule: none.
"""

from __future__ import annotations

from fixer.passes import FixContext, Transform
from transforms._gunicorn_flags import add_settings
from transforms.gunicorn_heartbeat_on_disk import config_usable

SIZING = ("workers", "threads", "worker_class")


def fix(ctx: FixContext) -> None:
    gunicorn = ctx.gunicorn
    # DF401 notes an unusable config file; this pass does when DF401 does not run.
    if not gunicorn.calls or not config_usable(ctx, gunicorn, note=not ctx.runs("DF401")):
        return
    config = gunicorn.config
    if config is not None and "workers" in config.settings.cpu_count:
        ctx.message_in(config.path, 0, (
            "workers uses multiprocessing.cpu_count(), which counts the host's CPUs "
            "inside a container, not its CPU limit"
        ), kind="warning", instruction=gunicorn.calls[0].instruction)
    if any(name in gunicorn.shared for name in SIZING):
        return
    missing = [
        call for call in gunicorn.calls
        if not any(gunicorn.setting(name, call) for name in SIZING)
    ]
    if not missing:
        return
    options = ctx.options
    settings = [("workers", str(options.workers)), ("threads", str(options.threads))]
    placement = add_settings(ctx, gunicorn, settings, missing)
    placement.note(
        "threads make Gunicorn use its gthread worker; ignore DF402 if the "
        "application is not thread-safe"
    )
    if placement.where == "command line":
        placement.note(
            "--workers on the command line overrides WEB_CONCURRENCY and "
            "GUNICORN_CMD_ARGS supplied at run time"
        )


TRANSFORM = Transform(
    code="DF402",
    slug="gunicorn-single-worker",
    summary="give Gunicorn 2 workers with 4 threads each",
    skips="workers, threads or worker class set anywhere",
    fix=fix,
)
