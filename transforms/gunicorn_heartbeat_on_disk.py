"""DF401 gunicorn-heartbeat-on-disk: Gunicorn's worker heartbeat files are on disk.

Why: each worker proves it is alive by updating a temporary file, by default in
/tmp, which in a container is on the overlay filesystem. When that disk is slow,
workers block on the heartbeat and the master kills them (WORKER TIMEOUT).
/dev/shm is a tmpfs in every container.

Change: set the worker tmp dir to /dev/shm where the author configures Gunicorn.
With a config file (`-c`, or gunicorn.conf.py in the working directory), append
`worker_tmp_dir = "/dev/shm"` to it. Otherwise, when the Dockerfile sets
GUNICORN_CMD_ARGS, add `--worker-tmp-dir` to that value, in its style. Otherwise add
`--worker-tmp-dir /dev/shm` right after the gunicorn word of every command that
starts Gunicorn: in CMD or ENTRYPOINT (exec form, shell form, `sh -c` strings) and
in start scripts of the build context, keeping form, quoting and layout.

Fix safety: safe; /dev/shm exists in Docker, Podman and Kubernetes containers.

Skips: a tmp dir set anywhere (a note when it is not a tmpfs path), a config file
that is missing from the build context or not valid Python, Gunicorn started by the
base image, and a CMD that is not valid JSON (reported).
Related hadolint rule: none.
"""

from __future__ import annotations

from fixer import images, stageinfo
from fixer.passes import FixContext, Transform
from transforms._gunicorn_flags import add_settings


def fix(ctx: FixContext) -> None:
    gunicorn = ctx.gunicorn
    for instruction, problem in gunicorn.problems:
        if problem == "not-json":
            ctx.note(instruction, (
                f"{instruction.keyword} looks like an exec-form array but is not valid "
                "JSON, so Docker runs it with /bin/sh -c as one string. Write it as a JSON "
                "array: each element in double quotes, commas between them, closed with ]"
            ), kind="warning")
    if not gunicorn.calls:
        _note_base_image(ctx, gunicorn)
        for instruction, what in gunicorn.unexamined:
            ctx.note(instruction, (
                f"the command runs {what}; dockerfix cannot examine it, so Gunicorn "
                "started there gets no flags"
            ))
        return
    if not config_usable(ctx, gunicorn, note=True):
        return
    for call in gunicorn.calls:
        found = gunicorn.setting("worker_tmp_dir", call)
        if found is None:
            continue
        value, source = found
        if value and not value.startswith("/dev/shm") and "$" not in value:
            call.place.report(ctx, call.insert_at, (
                f"worker_tmp_dir={value} ({source}) is in the image, so on the overlay "
                "filesystem, not a tmpfs, unless a tmpfs is mounted there at run time"
            ), kind="note")
    missing = [c for c in gunicorn.calls if gunicorn.setting("worker_tmp_dir", c) is None]
    if missing:
        add_settings(ctx, gunicorn, [("worker_tmp_dir", "/dev/shm")], missing)


def config_usable(ctx: FixContext, gunicorn, note: bool) -> bool:
    """Return False when Gunicorn loads a config file dockerfix cannot read."""
    config = gunicorn.config
    if config is None:
        return True
    instruction = gunicorn.calls[0].instruction
    if config.path is None:
        if note:
            ctx.note(instruction, (
                f"gunicorn loads {config.image_path} ({config.source}), which is not in "
                "the build context; no Gunicorn settings added. Pass --context"
            ))
        return False
    problem = config.settings.error
    if problem is None and config.settings.star_import:
        problem = "it uses `import *`, so what it sets is unknown"
    if problem is not None:
        if note:
            ctx.note(instruction, (
                f"cannot read {config.path.name}: {problem}; no Gunicorn settings added"
            ))
        return False
    return True


def _note_base_image(ctx: FixContext, gunicorn) -> None:
    if gunicorn.cmd is not None or gunicorn.entrypoint is not None:
        return
    image = stageinfo.image_of(ctx.shipped)
    if image is not None and images.gunicorn_base_port(image) is not None:
        ctx.note(ctx.shipped.from_instruction, (
            f"gunicorn is started by the base image {image.reference}, whose own "
            "start script sets its options; nothing changed"
        ))


TRANSFORM = Transform(
    code="DF401",
    slug="gunicorn-heartbeat-on-disk",
    summary="set Gunicorn's worker tmp dir to /dev/shm",
    skips="tmp dir already set, unreadable config, Gunicorn started by the base image",
    fix=fix,
)
