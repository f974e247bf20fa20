"""The examples, what their fixed images must do, and how the tests run dockerfix."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .engine import NAME_PREFIX, Podman

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO_ROOT / "examples"
SETUP_SCRIPT = "tests/e2e/setup-podman"
BASE_IMAGE = "localhost/pybase:test"


@dataclass(frozen=True)
class FileChange:
    """A change that dockerfix must make to an example's file other than its Dockerfile.

    The fixed file must equal the original with its one occurrence of before replaced by
    after.
    """

    path: str  # relative to the example's folder
    before: str
    after: str


@dataclass(frozen=True)
class Example:
    """An app under examples/ and what its image must do after dockerfix fixed it."""

    name: str
    # Port that the example binds, on 0.0.0.0 or 127.0.0.1. Containers share the host
    # network, so the tests reach it on 127.0.0.1.
    port: int
    # Text that GET / returns, to tell this app from anything else on the port.
    greeting: str
    # User that Gunicorn must run as in the fixed image: a uid, or a name in the image.
    run_as: str
    # False where dockerfix must add no USER: the entrypoint drops privileges itself, or
    # the app writes into root-owned folders of the image at start-up.
    adds_user: bool
    workers: int
    # Threads per gthread worker. None where dockerfix adds no --threads: other worker
    # classes ignore them, and a config file that sets workers keeps the sync worker.
    threads: int | None
    # The original image runs Gunicorn under /bin/sh as PID 1 (a shell-form CMD, or a
    # start script without exec), so podman stop has to kill it. Each example with this
    # set costs a full stop timeout, so set it on one example of each kind only.
    original_shell_is_pid_1: bool = False
    # Start of the DF101 note that dockerfix must report when adds_user is False.
    user_note: str | None = None
    # Files besides the Dockerfile that dockerfix must change, and how.
    file_changes: tuple[FileChange, ...] = ()


EXAMPLES = (
    Example(
        name="vscode-flask",
        port=8000,
        greeting="vscode-flask: hello",
        run_as="10001",
        adds_user=True,
        workers=2,
        threads=4,
    ),
    Example(
        name="django",
        port=18001,
        greeting="django: hello, static files collected: True",
        run_as="10001",
        adds_user=True,
        workers=2,
        threads=4,
        original_shell_is_pid_1=True,
    ),
    Example(
        name="multistage",
        port=18002,
        greeting="multistage: hello",
        run_as="10001",
        adds_user=True,
        workers=2,
        threads=4,
    ),
    # The CMD sets --workers 3 and the Uvicorn worker class, so dockerfix adds only
    # the tmp dir.
    Example(
        name="fastapi-uvicorn",
        port=18003,
        greeting='"example":"fastapi-uvicorn"',
        run_as="10001",
        adds_user=True,
        workers=3,
        threads=None,
    ),
    Example(
        name="gosu-entrypoint",
        port=18004,
        greeting="gosu-entrypoint: hello",
        run_as="app",
        adds_user=False,
        workers=2,
        threads=4,
        user_note="not adding USER: docker-entrypoint.sh drops privileges with gosu",
    ),
    # start.sh runs Gunicorn without exec, and gunicorn.conf.py sets bind and workers.
    # dockerfix appends the tmp dir to the config file and adds exec to the script.
    Example(
        name="script-config",
        port=18005,
        greeting="script-config: hello, start script ran: True",
        run_as="10001",
        adds_user=True,
        workers=2,
        threads=None,
        original_shell_is_pid_1=True,
        file_changes=(
            FileChange("start.sh", "\ngunicorn app:app\n", "\nexec gunicorn app:app\n"),
            FileChange(
                "gunicorn.conf.py",
                'accesslog = "-"\n',
                'accesslog = "-"\nworker_tmp_dir = "/dev/shm"\n',
            ),
        ),
    ),
    # The CMD runs `manage.py migrate` at start-up, which creates the SQLite database in
    # the root-owned project folder, so the image must keep running as root.
    Example(
        name="django-sqlite-migrate",
        port=18006,
        greeting="django-sqlite-migrate: hello, migrations applied: True",
        run_as="root",
        adds_user=False,
        workers=2,
        threads=4,
        user_note=(
            "not adding USER: CMD runs `manage.py migrate` at start-up, which writes "
            "the project's SQLite database"
        ),
    ),
)


def missing_engine_reason() -> str | None:
    """Return why the end-to-end tests cannot run on this machine, or None."""
    executable = shutil.which("podman")
    if executable is None:
        return f"end-to-end tests need podman: run {SETUP_SCRIPT} as root"
    if os.geteuid() != 0:
        return "end-to-end tests need rootful podman: run them as root"
    base_image_check = Podman(executable).run(
        "image", "exists", BASE_IMAGE, check=False
    )
    if base_image_check.returncode != 0:
        return f"base image {BASE_IMAGE} not found: run {SETUP_SCRIPT}"
    return None


def skip_without_engine(*, module_level: bool = False) -> None:
    """Skip the calling test or module when podman cannot run the tests here.

    With the environment variable CI set to true, a test fails instead, because CI must
    test the images. A module is not failed, so that the rest of the suite still runs.
    """
    reason = missing_engine_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        if module_level:
            return
        pytest.fail(f"{reason} (CI is set, so this is a failure)", pytrace=False)
    pytest.skip(reason, allow_module_level=module_level)


@dataclass(frozen=True)
class DockerfixRun:
    command: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return (
            f"`{shlex.join(self.command)}` exited with {self.returncode}\n"
            f"--- stdout\n{self.stdout}--- stderr\n{self.stderr}"
        )


def run_dockerfix(*args: str) -> DockerfixRun:
    """Run the dockerfix CLI of this checkout as `python -m fixer`."""
    command = (sys.executable, "-m", "fixer", *args)
    result = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    return DockerfixRun(command, result.returncode, result.stdout, result.stderr)


@dataclass(frozen=True)
class ExampleBuild:
    """An example copied to a tmp dir, fixed there, with both of its images built."""

    example: Example
    directory: Path  # the fixed copy
    original_dockerfile: str
    fixed_dockerfile: str
    fix_run: DockerfixRun
    original_image: str
    fixed_image: str
    token: str  # unique to this pytest session, part of every name the tests create

    def container_name(self, purpose: str) -> str:
        return f"{NAME_PREFIX}-{self.token}-{self.example.name}-{purpose}"
