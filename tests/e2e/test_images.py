"""Check that each example image still works after `dockerfix fix --write`.

Each test runs once per example in harness.EXAMPLES, on the image built from the fixed
copy. That image runs on the host network and is reached on 127.0.0.1 only. The tests
named test_original_* run the image as written, to show that a check fails there.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from .engine import NAME_PREFIX, Container, Podman, ProcessInfo
from .harness import (
    BASE_IMAGE,
    EXAMPLES_DIR,
    Example,
    ExampleBuild,
    run_dockerfix,
    skip_without_engine,
)

# Checked once here, so that pytest reports a single skip for the whole module.
skip_without_engine(module_level=True)

# GET /slow?seconds=N in every example sleeps N seconds, so concurrent requests keep
# threads busy and make gthread workers start all of their threads.
SLOW_SECONDS = 1.0
CONCURRENT_SLOW_REQUESTS = 24
THREAD_ROUNDS_MAX = 5
# With exec form or `CMD exec gunicorn`, podman stop took under 1.5 s on a 2-core
# machine. A shell that does not pass SIGTERM on is killed after the full 10 s.
STOP_TIMEOUT_SECONDS = 10
CLEAN_STOP_SECONDS_MAX = 5.0
# gunicorn.workers.workertmp names each worker's heartbeat file wgunicorn-XXXXXX and
# unlinks it at once, so it shows in /proc/PID/fd as "DIR/wgunicorn-XXXXXX (deleted)".
HEARTBEAT_FILE_PREFIX = "wgunicorn-"
APT_SUMMARY = re.compile(
    r"(\d+) upgraded, (\d+) newly installed, (\d+) to remove and (\d+) not upgraded"
)


def expected_ids(container: Container, example: Example) -> tuple[int, int]:
    """Return the uid and gid that Gunicorn must run as in the fixed image."""
    if example.run_as.isdigit():
        # dockerfix writes USER 10001:10001, so the group id equals the user id.
        return int(example.run_as), int(example.run_as)
    uid = int(container.exec("id", "-u", example.run_as))
    gid = int(container.exec("id", "-g", example.run_as))
    return uid, gid


def assert_runs_as(process: ProcessInfo, role: str, uid: int, gid: int) -> None:
    assert process.uids == (uid,) * 4, (
        f"{role} runs with uids {process.uids}, not {uid}"
    )
    assert process.gids == (gid,) * 4, (
        f"{role} runs with gids {process.gids}, not {gid}"
    )


def user_instructions(dockerfile: str) -> list[str]:
    instructions = []
    for line in dockerfile.splitlines():
        words = line.split(maxsplit=1)
        if words and words[0].upper() == "USER":
            instructions.append(line.strip())
    return instructions


@dataclass(frozen=True)
class AptUpgradeReport:
    installs: list[str]  # "Inst ..." lines of a simulated upgrade
    held_back: int  # packages `apt-get upgrade` would not upgrade
    output: str


def simulate_upgrade(podman: Podman, image: str, name: str) -> AptUpgradeReport:
    """Simulate `apt-get upgrade` as root in a throwaway container of image.

    The images delete their package lists, so the lists are downloaded first: without
    them nothing would show as upgradable.
    """
    result = podman.run(
        "run", "--rm", "--pull=never", "--network=host", "--user=0",
        "--entrypoint=/bin/sh", "--name", name, image,
        "-c", "apt-get update -qq && apt-get --simulate upgrade",
        timeout=300,
    )  # fmt: skip
    summary = APT_SUMMARY.search(result.stdout)
    assert summary is not None, f"no summary in apt-get output:\n{result.stdout}"
    installs = [line for line in result.stdout.splitlines() if line.startswith("Inst ")]
    return AptUpgradeReport(installs, int(summary.group(4)), result.stdout)


def test_fixed_image_serves_http(running: Container, built: ExampleBuild) -> None:
    status, body = running.get("/")
    assert status == 200, f"GET / returned {status}:\n{body.decode(errors='replace')}"
    assert built.example.greeting in body.decode(errors="replace")


def test_gunicorn_is_pid_1(running: Container, built: ExampleBuild) -> None:
    table = running.process_table()
    master = table.master
    assert master is not None, f"no single Gunicorn master:\n{table.describe()}"
    # A shell left as PID 1 by a shell-form CMD does not pass SIGTERM on to Gunicorn.
    assert master.pid == 1, (
        f"PID 1 is not Gunicorn:\n{table.describe()}\n"
        f"fixed Dockerfile:\n{built.fixed_dockerfile}"
    )


def test_processes_run_as_expected_user(
    running: Container, built: ExampleBuild
) -> None:
    table = running.process_table()
    uid, gid = expected_ids(running, built.example)
    if built.example.run_as != "root":
        assert uid != 0, f"{built.example.run_as} resolves to root"
    master = table.master
    assert master is not None, f"no single Gunicorn master:\n{table.describe()}"
    assert_runs_as(master, "Gunicorn master", uid, gid)
    assert table.workers, f"Gunicorn has no workers:\n{table.describe()}"
    for worker in table.workers:
        assert_runs_as(worker, f"worker {worker.pid}", uid, gid)


def test_user_instruction_matches_entrypoint(built: ExampleBuild) -> None:
    users = user_instructions(built.fixed_dockerfile)
    if built.example.adds_user:
        assert users, f"dockerfix added no USER:\n{built.fixed_dockerfile}"
        assert users[-1] == "USER 10001:10001", f"last USER is {users[-1]!r}"
    else:
        # gosu must start as root to switch users, and `manage.py migrate` must write
        # the SQLite database into a root-owned folder, so a USER would break either.
        assert users == [], (
            f"dockerfix added {users}, but the image must keep its user:\n"
            f"{built.fix_run.describe()}"
        )


def test_user_note_reported(built: ExampleBuild) -> None:
    note = built.example.user_note
    if note is None:
        pytest.skip("dockerfix adds a USER to this example, so it reports no such note")
    assert f"DF101 note: {note}" in built.fix_run.stderr, built.fix_run.describe()


def test_files_besides_dockerfile_fixed(built: ExampleBuild) -> None:
    changes = built.example.file_changes
    if not changes:
        pytest.skip("dockerfix changes only the Dockerfile of this example")
    for change in changes:
        original_path = EXAMPLES_DIR / built.example.name / change.path
        fixed_path = built.directory / change.path
        original = original_path.read_text()
        assert original.count(change.before) == 1, (
            f"{original_path} should contain {change.before!r} once"
        )
        assert change.after not in original, (
            f"{original_path} already contains {change.after!r}: was it fixed in place?"
        )
        expected = original.replace(change.before, change.after)
        assert fixed_path.read_text() == expected, built.fix_run.describe()
        # The script must stay executable, since CMD runs it by its path.
        assert fixed_path.stat().st_mode == original_path.stat().st_mode, change.path
        assert f"{fixed_path}:" in built.fix_run.stderr, (
            f"the report does not name {fixed_path}:\n{built.fix_run.describe()}"
        )


def test_example_source_unchanged(built: ExampleBuild) -> None:
    # dockerfix ran on a copy, so the Dockerfile under examples/ must be as it was.
    original_path = EXAMPLES_DIR / built.example.name / "Dockerfile"
    assert original_path.read_text() == built.original_dockerfile


def test_heartbeat_files_on_dev_shm(running: Container) -> None:
    table = running.process_table()
    assert table.workers, f"Gunicorn has no workers:\n{table.describe()}"
    for worker in table.workers:
        assert worker.fd_error is None, f"cannot list fds of worker {worker.pid}"
        heartbeats = [t for t in worker.fd_targets if HEARTBEAT_FILE_PREFIX in t]
        assert heartbeats, (
            f"worker {worker.pid} holds no heartbeat file; its fds: {worker.fd_targets}"
        )
        for target in heartbeats:
            assert target.startswith("/dev/shm/"), f"worker {worker.pid}: {target}"
            assert target.endswith(" (deleted)"), f"worker {worker.pid}: {target}"


def test_worker_count(running: Container, built: ExampleBuild) -> None:
    table = running.wait_for_workers(built.example.workers)
    assert len(table.workers) == built.example.workers, table.describe()


def test_thread_count(running: Container, built: ExampleBuild) -> None:
    example = built.example
    if example.threads is None:
        # Only gthread workers use threads; Uvicorn workers ignore --threads.
        assert "--threads" not in built.fixed_dockerfile, built.fixed_dockerfile
        return

    # Threads start only when requests wait for them, so keep every worker busy with
    # concurrent slow requests and record the max threads each worker had.
    max_threads: dict[int, int] = {}
    for _ in range(THREAD_ROUNDS_MAX):
        with ThreadPoolExecutor(max_workers=CONCURRENT_SLOW_REQUESTS) as pool:
            replies = [
                pool.submit(running.get, f"/slow?seconds={SLOW_SECONDS}", timeout=30)
                for _ in range(CONCURRENT_SLOW_REQUESTS)
            ]
            time.sleep(SLOW_SECONDS / 2)
            table = running.process_table()
            statuses = [reply.result()[0] for reply in replies]
        assert statuses == [200] * len(statuses), f"GET /slow statuses: {statuses}"
        for worker in table.workers:
            max_threads[worker.pid] = max(
                max_threads.get(worker.pid, 0), worker.threads
            )
        if len(max_threads) >= example.workers and all(
            count >= example.threads + 1 for count in max_threads.values()
        ):
            break

    assert len(max_threads) == example.workers, f"workers seen: {max_threads}"
    for pid, count in max_threads.items():
        # One main thread that accepts connections, plus the pool of request threads.
        assert count - 1 == example.threads, (
            f"worker {pid} ran {count - 1} request threads, not {example.threads} "
            f"(threads per worker pid: {max_threads})"
        )


def test_upgrade_layer_leaves_nothing_to_upgrade(
    podman: Podman, built: ExampleBuild
) -> None:
    report = simulate_upgrade(podman, built.fixed_image, built.container_name("apt"))
    assert report.installs == [], f"the fixed image is not up to date:\n{report.output}"
    assert report.held_back == 0, f"packages held back:\n{report.output}"


def test_base_image_has_upgrades(podman: Podman, session_token: str) -> None:
    """Show that the upgrade check above can fail: the base image lags behind Debian."""
    report = simulate_upgrade(
        podman, BASE_IMAGE, f"{NAME_PREFIX}-{session_token}-base-apt"
    )
    if not report.installs:
        pytest.skip(f"{BASE_IMAGE} is up to date, so there is no stale package to show")
    assert report.installs


def test_stop_is_clean(podman: Podman, built: ExampleBuild) -> None:
    # A second container of the image, on its own network, so the one on the host
    # network keeps its port for the other tests.
    name = built.container_name("stop")
    with podman.container(
        built.fixed_image, name, built.example.port, network="none"
    ) as container:
        container.wait_until_serving()
        started = time.monotonic()
        stop = podman.run("stop", f"--time={STOP_TIMEOUT_SECONDS}", name, timeout=60)
        seconds = time.monotonic() - started
        state = container.state()
        logs = container.logs()
    assert state["ExitCode"] == 0, (
        f"exit code {state['ExitCode']} after podman stop (137 is SIGKILL):\n"
        f"{stop.stderr}\n{logs}"
    )
    assert seconds < CLEAN_STOP_SECONDS_MAX, (
        f"podman stop took {seconds:.1f} s:\n{logs}"
    )


def test_original_runs_as_root(podman: Podman, built: ExampleBuild) -> None:
    if not built.example.adds_user:
        pytest.skip("dockerfix keeps the image's user, so the original shows no change")
    name = built.container_name("original")
    with podman.container(
        built.original_image, name, built.example.port, network="none"
    ) as container:
        container.wait_until_serving()
        table = container.process_table()
    master = table.master
    assert master is not None, f"no single Gunicorn master:\n{table.describe()}"
    assert master.uids == (0, 0, 0, 0), table.describe()


def test_original_shell_killed_on_stop(podman: Podman, built: ExampleBuild) -> None:
    if not built.example.original_shell_is_pid_1:
        pytest.skip("not checked for this example: see Example.original_shell_is_pid_1")
    name = built.container_name("original-stop")
    with podman.container(
        built.original_image, name, built.example.port, network="none"
    ) as container:
        container.wait_until_serving()
        podman.run("stop", f"--time={STOP_TIMEOUT_SECONDS}", name, timeout=60)
        state = container.state()
    assert state["ExitCode"] == 137, f"expected SIGKILL after the stop timeout: {state}"


def test_second_fix_changes_nothing(built: ExampleBuild) -> None:
    rerun = run_dockerfix("fix", "--diff", str(built.directory / "Dockerfile"))
    assert rerun.returncode == 0, rerun.describe()
    assert rerun.stdout == "", (
        f"a second run would change the fixed file:\n{rerun.stdout}"
    )
