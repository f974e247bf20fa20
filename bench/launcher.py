"""Start the commands that run.py times, and report their wall time, CPU time and peak RSS.

Linux counts the memory of the process that forks a child in the child's ru_maxrss,
up to the exec, because the exec keeps the old address space's high-water mark. run.py
keeps the corpus paths and the tools' reports in memory, so it starts every timed
command through this small process instead, which stays at about 10 MB (`python -I -S`,
no third-party imports). A command whose real peak is below that size shows this
process's size.

Protocol, one JSON object per line: run.py writes a request
    {"argv": [...], "cwd": DIR, "stdout": PATH, "stderr": PATH or "stdout", "append": BOOL}
and this process answers {"pid": N} once the command runs, or {"errno": N, "error": TEXT}
when it cannot start, then {"wall": s, "cpu": s, "max_rss": bytes, "exit_code": N}.
"""

import json
import os
import sys
import time


def start(request: dict) -> tuple[int, int]:
    """Fork and exec the command; return (pid, errno), errno 0 when the exec succeeded."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if request["append"] else os.O_TRUNC)
    # The pipe is close-on-exec: it reads empty when the exec succeeds, and carries
    # the errno when it fails (E2BIG for an argument list over ARG_MAX, ENOENT, ...).
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.chdir(request["cwd"])
            stdin = os.open(os.devnull, os.O_RDONLY)
            stdout = os.open(request["stdout"], flags, 0o644)
            os.dup2(stdin, 0)
            os.dup2(stdout, 1)
            if request["stderr"] == "stdout":
                os.dup2(stdout, 2)
            else:
                os.dup2(os.open(request["stderr"], flags, 0o644), 2)
            os.execv(request["argv"][0], request["argv"])
        except OSError as error:
            os.write(write_end, str(error.errno).encode())
        finally:
            os._exit(127)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        failure = pipe.read()
    return pid, int(failure) if failure else 0


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        started = time.perf_counter()
        pid, failure = start(request)
        if failure:
            os.waitpid(pid, 0)
            reply = {"errno": failure, "error": os.strerror(failure)}
            print(json.dumps(reply), flush=True)
            continue
        print(json.dumps({"pid": pid}), flush=True)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
        print(json.dumps({
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "max_rss": usage.ru_maxrss * 1024,  # ru_maxrss is in KiB on Linux
            "exit_code": os.waitstatus_to_exitcode(status),
        }), flush=True)


if __name__ == "__main__":
    serve()
