"""The transform registry: every pass, in the order they run."""

from __future__ import annotations

from fixer.passes import Transform
from transforms import (
    add_for_local_files,
    development_server,
    end_of_life_base,
    gunicorn_heartbeat_on_disk,
    gunicorn_not_pid_1,
    gunicorn_single_worker,
    root_user,
    stale_os_packages,
)

# NOTE: order matters where two passes insert after the same line: the upgrade
# layer (DF201) comes before the user (DF101), and at the gunicorn word the tmp
# dir (DF401) comes before the worker flags (DF402).
TRANSFORMS: tuple[Transform, ...] = (
    stale_os_packages.TRANSFORM,
    end_of_life_base.TRANSFORM,
    root_user.TRANSFORM,
    add_for_local_files.TRANSFORM,
    gunicorn_heartbeat_on_disk.TRANSFORM,
    gunicorn_single_worker.TRANSFORM,
    gunicorn_not_pid_1.TRANSFORM,
    development_server.TRANSFORM,
)


def find(name: str) -> Transform | None:
    """Return the transform with this code or slug, case-insensitively."""
    for transform in TRANSFORMS:
        if name.upper() == transform.code or name.lower() == transform.slug:
            return transform
    return None
