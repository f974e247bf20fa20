"""Podman, containers and the processes in them, as the end-to-end tests use them."""

from __future__ import annotations

import contextlib
import json
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Image repositories and container names the tests create start with this, so that
# `podman ps -a --filter name=dockerfix-e2e` finds anything a crashed run left behind.
NAME_PREFIX = "dockerfix-e2e"
# Label on every image a test session builds, intermediate images included, whose value
# is the session's token. It finds the intermediate images a failed build leaves.
SESSION_LABEL = f"{NAME_PREFIX}.session"
BUILD_TIMEOUT_SECONDS = 900
STARTUP_TIMEOUT_SECONDS = 30.0
# Gunicorn forks its workers one after another, so the last may appear after the first
# request was served.
WORKERS_TIMEOUT_SECONDS = 10.0


class PodmanError(Exception):
    """A podman command failed or timed out."""


class Podman:
    """Runner for podman commands that raises PodmanError with podman's output."""

    def __init__(self, executable: str) -> None:
        self.executable = executable

    def run(
        self,
        *args: str,
        timeout: float = 120,
        check: bool = True,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        command = [self.executable, *args]
        try:
            result = subprocess.run(
                command, input=input, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired as error:
            raise PodmanError(
                f"`{shlex.join(command)}` timed out after {timeout} s"
            ) from error
        if check and result.returncode != 0:
            raise PodmanError(
                f"`{shlex.join(command)}` failed with exit code {result.returncode}:\n"
                f"{tail(result.stdout + result.stderr)}"
            )
        return result

    def build(self, context: Path, tag: str, *, session: str, cache_ttl: int) -> float:
        """Build the Dockerfile in context as tag and return the seconds it took.

        The image and its intermediate images get the label SESSION_LABEL=session. A
        step reuses a cached layer only when that layer is under cache_ttl seconds old.
        """
        # The fixed Dockerfiles share their first step, the same apt-get upgrade on the
        # same base image, so later builds reuse the layer the first one made. A ttl no
        # longer than the session keeps out a stale upgrade layer from an earlier run.
        started = time.monotonic()
        self.run(
            "build",
            "--pull=never",
            "--network=host",
            "--layers=true",
            f"--cache-ttl={cache_ttl}s",
            f"--label={SESSION_LABEL}={session}",
            f"--tag={tag}",
            str(context),
            timeout=BUILD_TIMEOUT_SECONDS,
        )
        return time.monotonic() - started

    def remove_image(self, tag: str) -> None:
        self.run("rmi", "--force", tag, check=False)

    @contextlib.contextmanager
    def container(
        self, image: str, name: str, port: int, *, network: str = "host"
    ) -> Iterator[Container]:
        """Run image detached as container name, and remove it with its volumes on exit.

        port is where the app in the image listens, on the host's loopback when network
        is "host" and on the container's own loopback otherwise.
        """
        self.run(
            "run",
            "--detach",
            "--pull=never",
            f"--network={network}",
            "--name",
            name,
            image,
        )
        try:
            yield Container(self, name, port, on_host_network=network == "host")
        finally:
            self.run("rm", "--force", "--volumes", "--time=2", name, check=False)


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


# Copied into containers to list their processes.
LIST_PROCESSES_SCRIPT = Path(__file__).with_name("list_processes.py")


@dataclass(frozen=True)
class ProcessInfo:
    """One process in a container, read from /proc/PID."""

    pid: int
    ppid: int
    uids: tuple[int, ...]  # real, effective, saved and filesystem uid
    gids: tuple[int, ...]
    cmdline: tuple[str, ...]
    threads: int  # entries in /proc/PID/task
    fd_targets: tuple[str, ...]
    fd_error: str | None  # why /proc/PID/fd could not be listed

    @property
    def is_gunicorn(self) -> bool:
        return any(Path(arg).name == "gunicorn" for arg in self.cmdline[:2])

    def describe(self) -> str:
        ids = f"uids {self.uids} gids {self.gids}"
        return f"pid {self.pid} ppid {self.ppid} {ids}: {shlex.join(self.cmdline)}"


@dataclass(frozen=True)
class ProcessTable:
    processes: tuple[ProcessInfo, ...]

    @property
    def master(self) -> ProcessInfo | None:
        """Return the Gunicorn arbiter: the one Gunicorn process with another parent."""
        gunicorn_pids = {p.pid for p in self.processes if p.is_gunicorn}
        masters = [
            p for p in self.processes if p.is_gunicorn and p.ppid not in gunicorn_pids
        ]
        return masters[0] if len(masters) == 1 else None

    @property
    def workers(self) -> list[ProcessInfo]:
        master = self.master
        if master is None:
            return []
        return [p for p in self.processes if p.ppid == master.pid and p.is_gunicorn]

    def describe(self) -> str:
        return "\n".join(p.describe() for p in self.processes)


class Container:
    """A container the tests started, addressed by its name."""

    def __init__(
        self, podman: Podman, name: str, port: int, *, on_host_network: bool
    ) -> None:
        self.podman = podman
        self.name = name
        self.port = port
        self.on_host_network = on_host_network

    def get(self, path: str, *, timeout: float = 5.0) -> tuple[int, bytes]:
        """Send GET path to the app from the host and return the status and body."""
        assert self.on_host_network, f"container {self.name} is not on the host network"
        return http_get(self.port, path, timeout=timeout)

    def exec(
        self, *command: str, user: str | None = None, input: str | None = None
    ) -> str:
        options = ["--interactive"] if input is not None else []
        if user is not None:
            options.append(f"--user={user}")
        return self.podman.run(
            "exec", *options, self.name, *command, input=input
        ).stdout

    def state(self) -> dict:
        output = self.podman.run(
            "inspect", "--format", "{{json .State}}", self.name
        ).stdout
        return json.loads(output)

    def logs(self) -> str:
        result = self.podman.run("logs", self.name, check=False)
        return tail(result.stdout + result.stderr)

    def process_table(self) -> ProcessTable:
        # Any user may read /proc/1/status, but only PID 1's own uid may read its fd
        # links, so the script runs as that uid.
        status = self.exec("cat", "/proc/1/status")
        uid = next(
            line.split()[1] for line in status.splitlines() if line.startswith("Uid:")
        )
        script = LIST_PROCESSES_SCRIPT.read_text()
        rows = json.loads(self.exec("python3", "-", user=uid, input=script))
        processes = [
            ProcessInfo(
                pid=row["pid"],
                ppid=row["ppid"],
                uids=tuple(row["uids"]),
                gids=tuple(row["gids"]),
                cmdline=tuple(row["cmdline"]),
                threads=row["threads"],
                fd_targets=tuple(row["fd_targets"]),
                fd_error=row["fd_error"],
            )
            for row in rows
        ]
        return ProcessTable(tuple(sorted(processes, key=lambda p: p.pid)))

    def wait_for_workers(self, count: int) -> ProcessTable:
        """Wait until Gunicorn has count workers or time runs out; return the table."""
        deadline = time.monotonic() + WORKERS_TIMEOUT_SECONDS
        while True:
            table = self.process_table()
            if len(table.workers) >= count or time.monotonic() > deadline:
                return table
            time.sleep(0.2)

    def wait_until_serving(self) -> None:
        """Poll GET / until it returns 200, or fail with the container's logs.

        The request comes from the host on the host network, and from inside the
        container otherwise.
        """
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        url = f"http://127.0.0.1:{self.port}/"
        last_error = "no request sent"
        while time.monotonic() < deadline:
            if not self.state().get("Running"):
                pytest.fail(
                    f"container {self.name} exited during startup:\n{self.logs()}"
                )
            try:
                if not self.on_host_network:
                    self.exec("python3", "-c", INSIDE_GET_SCRIPT, url)
                    return
                status, _ = self.get("/", timeout=2.0)
                if status == 200:
                    return
                last_error = f"HTTP status {status}"
            except (OSError, PodmanError) as error:
                last_error = str(error).strip().splitlines()[-1]
            time.sleep(0.25)
        pytest.fail(
            f"{url} in container {self.name} did not return 200 within "
            f"{STARTUP_TIMEOUT_SECONDS} s (last error: {last_error}):\n{self.logs()}"
        )


INSIDE_GET_SCRIPT = (
    "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)"
)

# Requests go to 127.0.0.1 only, so they bypass any proxy that the environment sets.
_LOOPBACK_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_get(port: int, path: str, *, timeout: float = 5.0) -> tuple[int, bytes]:
    """Send GET path to 127.0.0.1:port and return the status and body."""
    try:
        with _LOOPBACK_OPENER.open(
            f"http://127.0.0.1:{port}{path}", timeout=timeout
        ) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def assert_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        in_use = probe.connect_ex(("127.0.0.1", port)) == 0
    assert not in_use, (
        f"127.0.0.1:{port} is already in use, but the example binds it on the host "
        f"network. Stop whatever listens there; leftovers of earlier runs show in "
        f"`podman ps --filter name={NAME_PREFIX}`."
    )
