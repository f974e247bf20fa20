"""Fixtures that build each example image before and after `dockerfix fix --write`.

The tests need rootful podman and the base image that tests/e2e/setup-podman makes,
because no container registry is reachable. Without them the tests are skipped, unless
the environment variable CI is true, where a missing engine fails them instead.
"""

from __future__ import annotations

import math
import shutil
import time
import uuid
from collections.abc import Iterator

import pytest

from .engine import (
    NAME_PREFIX,
    SESSION_LABEL,
    Container,
    Podman,
    PodmanError,
    assert_port_free,
)
from .harness import (
    EXAMPLES,
    EXAMPLES_DIR,
    Example,
    ExampleBuild,
    run_dockerfix,
    skip_without_engine,
)

# (image label, seconds) of every podman build in this session, printed at the end.
BUILD_SECONDS: list[tuple[str, float]] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if BUILD_SECONDS:
        builds = ", ".join(
            f"{label} {seconds:.1f} s" for label, seconds in BUILD_SECONDS
        )
        terminalreporter.write_line(f"podman build times: {builds}")


@pytest.fixture(scope="session")
def podman() -> Podman:
    """Return a podman runner, or skip or fail as skip_without_engine does."""
    skip_without_engine()
    executable = shutil.which("podman")
    assert executable is not None
    return Podman(executable)


@pytest.fixture(scope="session")
def session_token(podman: Podman) -> Iterator[str]:
    """Return a token for the names the tests create, and remove those at the end."""
    token = uuid.uuid4().hex[:8]
    yield token
    leftovers = podman.run(
        "ps",
        "--all",
        "--quiet",
        "--filter",
        f"name={NAME_PREFIX}-{token}-",
        check=False,
    ).stdout.split()
    if leftovers:
        podman.run("rm", "--force", "--volumes", "--time=2", *leftovers, check=False)
    reference = f"reference=localhost/{NAME_PREFIX}/*:{token}-*"
    images = podman.run(
        "images", "--quiet", "--filter", reference, check=False
    ).stdout.split()
    if images:
        podman.run("rmi", "--force", *set(images), check=False)

    # Removing a tagged image also removes the intermediate images under it that no other
    # image is built on. Those left come from failed builds, or are parents of images
    # that a concurrent session built from this cache. Removing one of those deletes only
    # its image record, because podman 4.3 keeps layers that other images still use.
    intermediates = podman.run(
        "images",
        "--all",
        "--quiet",
        "--filter",
        f"label={SESSION_LABEL}={token}",
        check=False,
    ).stdout.split()
    for image in dict.fromkeys(intermediates):
        podman.run("rmi", image, check=False)


@pytest.fixture(scope="session")
def session_started(session_token: str) -> float:
    """Return the time.monotonic() value when the session started to build images."""
    return time.monotonic()


@pytest.fixture(scope="session", params=EXAMPLES, ids=lambda example: example.name)
def built(
    request: pytest.FixtureRequest,
    podman: Podman,
    session_token: str,
    session_started: float,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ExampleBuild]:
    """Build the example as written, fix a copy with dockerfix, and build that too.

    The fixed image stays until the session ends, so that later builds can reuse its
    upgrade layer. The session_token fixture removes it then.
    """
    example: Example = request.param
    directory = tmp_path_factory.mktemp("examples") / example.name
    shutil.copytree(
        EXAMPLES_DIR / example.name,
        directory,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    dockerfile = directory / "Dockerfile"
    original_dockerfile = dockerfile.read_text()
    image_repository = f"localhost/{NAME_PREFIX}/{example.name}"
    original_image = f"{image_repository}:{session_token}-original"
    fixed_image = f"{image_repository}:{session_token}-fixed"

    def build(tag: str) -> float:
        # Only layers made since the session started are reused.
        cache_ttl = math.ceil(time.monotonic() - session_started)
        return podman.build(
            directory, tag, session=session_token, cache_ttl=cache_ttl
        )

    try:
        seconds = build(original_image)
        BUILD_SECONDS.append((f"{example.name} original", seconds))
        fix_run = run_dockerfix("fix", "--write", str(dockerfile))
        assert fix_run.returncode == 0, fix_run.describe()
        fixed_dockerfile = dockerfile.read_text()
        assert fixed_dockerfile != original_dockerfile, (
            f"dockerfix left {dockerfile} unchanged:\n{fix_run.describe()}"
        )
        try:
            seconds = build(fixed_image)
        except PodmanError as error:
            pytest.fail(
                f"the fixed Dockerfile does not build:\n{fixed_dockerfile}\n{error}",
                pytrace=False,
            )
        BUILD_SECONDS.append((f"{example.name} fixed", seconds))
        yield ExampleBuild(
            example=example,
            directory=directory,
            original_dockerfile=original_dockerfile,
            fixed_dockerfile=fixed_dockerfile,
            fix_run=fix_run,
            original_image=original_image,
            fixed_image=fixed_image,
            token=session_token,
        )
    finally:
        podman.remove_image(original_image)


@pytest.fixture(scope="session")
def running(built: ExampleBuild, podman: Podman) -> Iterator[Container]:
    """Run the fixed image on the host network until GET / returns 200."""
    example = built.example
    assert_port_free(example.port)
    with podman.container(
        built.fixed_image, built.container_name("fixed"), example.port
    ) as container:
        container.wait_until_serving()
        container.wait_for_workers(example.workers)
        yield container
