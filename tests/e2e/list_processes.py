"""Print every process of the container this runs in as a JSON list.

The end-to-end tests pipe this file into `python3 -` through `podman exec`; it needs
only the standard library. Reading /proc/PID/fd needs the uid of PID, so the tests run
it as the user Gunicorn runs as.
"""

import json
import os


def read_process(pid: str) -> dict:
    base = f"/proc/{pid}"
    with open(f"{base}/status") as status_file:
        status = dict(
            line.split(":\t", 1)
            for line in status_file.read().splitlines()
            if ":\t" in line
        )
    with open(f"{base}/cmdline", "rb") as cmdline_file:
        raw_args = cmdline_file.read().split(b"\0")
    fd_targets, fd_error = [], None
    try:
        for fd in os.listdir(f"{base}/fd"):
            try:
                fd_targets.append(os.readlink(f"{base}/fd/{fd}"))
            except OSError:
                pass  # the fd was closed after listdir
    except OSError as error:
        fd_error = str(error)
    return {
        "pid": int(pid),
        "ppid": int(status["PPid"]),
        "uids": [int(value) for value in status["Uid"].split()],
        "gids": [int(value) for value in status["Gid"].split()],
        "cmdline": [arg.decode(errors="replace") for arg in raw_args if arg],
        "threads": len(os.listdir(f"{base}/task")),
        "fd_targets": fd_targets,
        "fd_error": fd_error,
    }


def main() -> None:
    processes = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            processes.append(read_process(entry))
        except (OSError, KeyError):
            continue  # the process exited while it was read
    print(json.dumps(processes))


main()
