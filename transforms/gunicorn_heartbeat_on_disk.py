"""DF401 gunicorn-heartbeat-on-disk: Gunicorn's worker heartbeat files are on disk.

Why: each worker proves it is alive by updating a temporary file, by default in
/tmp, which in a container is on the overlay filesystem. When that disk is slow,
workers block on the heartbeat and the master kills them (WORKER TIMEOUT).
/dev/shm is a tmpfs in every container.

Change: add `--worker-tmp-dir /dev/shm` right after the gunicorn word of the
shipped stage's command, keeping its form (exec or shell), quoting and argument
order; when the Dockerfile sets GUNICORN_CMD_ARGS, add it to that value instead,
in its style.

Fix safety: safe; /dev/shm exists in Docker, Podman and Kubernetes containers.

Skips: a tmp dir set anywhere (a note when it is not a tmpfs path), a config file
(-c, or gunicorn.conf.py in the working directory), Gunicorn started by a script
or by the base image, and a CMD that is not valid JSON (reported).
Related hadolint rule: none.
"""

from __future__ import annotations

from fixer import images, stageinfo
from fixer.passes import FixContext, Transform
from transforms._gunicorn_flags import add_flags


def fix(ctx: FixContext) -> None:
    gunicorn = ctx.gunicorn
    for instruction, problem in gunicorn.problems:
        if problem == "not-json":
            ctx.note(instruction, (
                f"{instruction.keyword} looks like an exec-form array but is not valid "
                "JSON, so Docker runs it with /bin/sh -c as one string. Write it with "
                "double quotes"
            ), kind="warning")
    if not gunicorn.calls:
        _note_base_image(ctx, gunicorn)
        for instruction, what in gunicorn.unexamined:
            ctx.note(instruction, (
                f"the command runs {what}; dockerfix does not examine it, so Gunicorn "
                "started there gets no flags"
            ))
        return
    if "worker_tmp_dir" in gunicorn.settings:
        value, source = gunicorn.settings["worker_tmp_dir"]
        if not value.startswith("/dev/shm") and "$" not in value:
            ctx.note(gunicorn.calls[0].instruction, (
                f"worker_tmp_dir={value} ({source}) is in the image, so on the overlay "
                "filesystem, not a tmpfs, unless a tmpfs is mounted there at run time"
            ))
        return
    if "config" in gunicorn.settings:
        path, source = gunicorn.settings["config"]
        ctx.note(gunicorn.calls[0].instruction, (
            f"gunicorn reads {path} ({source}), which dockerfix does not examine; "
            'set worker_tmp_dir = "/dev/shm" there'
        ))
        return
    add_flags(ctx, gunicorn, [("--worker-tmp-dir", "/dev/shm")])


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
    summary="add --worker-tmp-dir /dev/shm to Gunicorn",
    skips="tmp dir already set, config file, script or base image starts Gunicorn",
    fix=fix,
)
