"""The command line contract: streams, exit codes, modes, paths and bad input."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import dockerfix

FLASK = b"""FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
"""
CLEAN = b"""FROM python:3.12-slim
RUN apt-get update && apt-get -y upgrade
USER 10001
CMD ["python", "app.py"]
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_bytes(FLASK)
    return tmp_path


def test_diff_is_default_and_alone_on_stdout(project):
    run = dockerfix("fix", "Dockerfile")
    assert run.exit_code == 0, run
    out = run.stdout.decode()
    assert out.startswith("--- a/Dockerfile\n+++ b/Dockerfile\n@@ ")
    assert "DF101" not in out
    assert (project / "Dockerfile").read_bytes() == FLASK


def test_report_lines_on_stderr(project):
    run = dockerfix("fix", "Dockerfile")
    lines = run.stderr.splitlines()
    assert "Dockerfile:2 DF201 upgrade OS packages with apt-get" in lines
    assert "Dockerfile:8 DF101 run as uid 10001 (created user appuser)" in lines
    assert lines[-2] == "would fix Dockerfile"
    assert lines[-1] == "1 file would be fixed, 0 unchanged, 0 failed."


def test_check_prints_nothing_and_exits_1(project):
    run = dockerfix("fix", "--check", "Dockerfile")
    assert run.exit_code == 1
    assert run.stdout == b""
    assert (project / "Dockerfile").read_bytes() == FLASK


def test_check_with_diff_prints_diff(project):
    run = dockerfix("fix", "--check", "--diff", "Dockerfile")
    assert run.exit_code == 1
    assert run.stdout.startswith(b"--- a/Dockerfile")


def test_check_clean_file_exits_0(project):
    (project / "Dockerfile").write_bytes(CLEAN)
    run = dockerfix("fix", "--check", "Dockerfile")
    assert run.exit_code == 0, run
    assert run.stderr.splitlines()[-1] == "0 files would be fixed, 1 unchanged, 0 failed."


def test_write_then_second_run_unchanged(project):
    run = dockerfix("fix", "--write", "Dockerfile")
    assert run.exit_code == 0, run
    assert run.stdout == b""
    assert "fixed Dockerfile" in run.stderr.splitlines()
    written = (project / "Dockerfile").read_bytes()
    assert b"USER 10001:10001" in written
    again = dockerfix("fix", "--check", "Dockerfile")
    assert again.exit_code == 0, again


def test_write_keeps_mode_and_symlink(project):
    real = project / "real.Dockerfile"
    real.write_bytes(FLASK)
    real.chmod(0o640)
    link = project / "Dockerfile"
    link.unlink()
    link.symlink_to(real.name)
    assert dockerfix("fix", "--write", "Dockerfile").exit_code == 0
    assert link.is_symlink()
    assert b"USER 10001:10001" in real.read_bytes()
    assert real.stat().st_mode & 0o777 == 0o640


def test_write_refuses_read_only_file(project):
    path = project / "Dockerfile"
    path.chmod(0o444)
    run = dockerfix("fix", "--write", "Dockerfile")
    assert run.exit_code == 123
    assert "error: cannot fix Dockerfile: the file is read-only" in run.stderr
    assert path.read_bytes() == FLASK


def test_write_and_diff_is_usage_error(project):
    run = dockerfix("fix", "--write", "--diff", "Dockerfile")
    assert run.exit_code == 2


def test_unknown_select_is_usage_error(project):
    run = dockerfix("fix", "--select", "DF999", "Dockerfile")
    assert run.exit_code == 2
    assert "DF999" in run.stderr


def test_select_by_slug_and_ignore(project):
    run = dockerfix("fix", "--select", "add-for-local-files,root-user", "--ignore", "DF101", "Dockerfile")
    assert run.exit_code == 0
    assert run.stdout == b""


def test_bad_build_arg_is_usage_error(project):
    assert dockerfix("fix", "--build-arg", "NOVALUE", "Dockerfile").exit_code == 2


def test_options_change_inserted_values(project):
    run = dockerfix("fix", "--uid", "2000", "--user", "web", "--workers", "3", "--threads", "2", "Dockerfile")
    out = run.stdout.decode()
    assert "useradd --system --uid 2000 --gid appgroup --create-home --home-dir /home/web web" in out
    assert "+USER 2000:2000" in out
    assert '"--workers", "3", "--threads", "2"' in out


@pytest.mark.parametrize(
    "content, message",
    [
        pytest.param(b"FROM x\n\xff\xfe bad\n", "Dockerfile:2: not UTF-8", id="not utf-8"),
        pytest.param(b"\x00\x01\x02binary", "binary content", id="binary"),
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"# only\n# comments\n", "only comments", id="only comments"),
        pytest.param(b"RUN echo hi\n", "Dockerfile:1: no FROM instruction", id="no from"),
        pytest.param(b"RUN echo hi\nFROM x\n", "Dockerfile:1: RUN before the first FROM", id="run before from"),
        pytest.param(b"FROM x\nRUN <<EOF\necho hi\n", "Dockerfile:2: heredoc <<EOF is never terminated", id="open heredoc"),
        pytest.param(b"FROM x\nRUN echo \\\n", "Dockerfile:2: line continuation", id="open continuation"),
        pytest.param(b"ARG X\n", "Dockerfile:1: no FROM instruction", id="arg only"),
    ],
)
def test_bad_input_fails_alone(project, content, message):
    (project / "Dockerfile").write_bytes(content)
    (project / "good.Dockerfile").write_bytes(FLASK)
    run = dockerfix("fix", "--write", "Dockerfile", "good.Dockerfile")
    assert run.exit_code == 123, run
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert message in errors[0]
    assert (project / "Dockerfile").read_bytes() == content
    assert b"USER 10001:10001" in (project / "good.Dockerfile").read_bytes()


def test_missing_path_and_empty_folder(project):
    (project / "empty").mkdir()
    run = dockerfix("fix", "nothing-here", "empty", "Dockerfile")
    assert run.exit_code == 123
    assert "error: cannot fix nothing-here: no such file or folder" in run.stderr
    assert "error: cannot fix empty: no Dockerfile in this folder" in run.stderr
    assert run.stdout.startswith(b"--- a/Dockerfile")


def test_permission_denied(project, monkeypatch):
    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    run = dockerfix("fix", "Dockerfile")
    assert run.exit_code == 123
    assert "error: cannot fix Dockerfile: permission denied while reading" in run.stderr


def test_folder_search_names_and_skips(project):
    names = ["Dockerfile.prod", "web.Dockerfile", "api.dockerfile", "Containerfile",
             "sub/Dockerfile", ".git/Dockerfile", "node_modules/x/Dockerfile",
             "venv/Dockerfile", "README.md"]
    for name in names:
        path = project / "repo" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(FLASK)
    (project / "repo" / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    run = dockerfix("fix", "--check", "repo")
    fixed = sorted(line.split()[-1] for line in run.stderr.splitlines() if line.startswith("would fix"))
    assert fixed == ["repo/Containerfile", "repo/Dockerfile.prod", "repo/api.dockerfile",
                     "repo/sub/Dockerfile", "repo/web.Dockerfile"]


def test_search_skips_dockerfile_lookalikes(project):
    for name in ["Dockerfile.dockerignore", "Dockerfile.md", "Containerfile.txt", "Dockerfile.orig"]:
        (project / "repo" / name).parent.mkdir(exist_ok=True)
        (project / "repo" / name).write_text("*.pyc\n")
    (project / "repo" / "Dockerfile").write_bytes(FLASK)
    run = dockerfix("fix", "--check", "repo")
    assert run.exit_code == 1, run
    assert run.stderr.splitlines()[-1] == "1 file would be fixed, 0 unchanged, 0 failed."


def test_symlinked_dockerfile_is_fixed_once(project):
    (project / "repo" / "real").mkdir(parents=True)
    (project / "repo" / "real" / "Dockerfile.prod").write_bytes(FLASK)
    (project / "repo" / "Dockerfile").symlink_to("real/Dockerfile.prod")
    run = dockerfix("fix", "--diff", "repo", "repo/real/Dockerfile.prod", "repo/Dockerfile")
    assert run.stdout.count(b"--- a/") == 1, run
    assert run.stdout.startswith(b"--- a/repo/real/Dockerfile.prod"), run
    assert run.stderr.splitlines()[-1] == "1 file would be fixed, 0 unchanged, 0 failed."


def test_unwritable_folder_fails_alone(project, monkeypatch):
    import tempfile

    (project / "b").mkdir()
    (project / "b" / "Dockerfile").write_bytes(FLASK)
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if Path(dir).name != "b":
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    run = dockerfix("fix", "--write", "Dockerfile", "b/Dockerfile")
    assert run.exit_code == 123, run
    assert run.stderr.splitlines()[0] == (
        "error: cannot fix Dockerfile: cannot create a temporary file in .: Permission "
        "denied; dockerfix writes the new text next to the file and renames it, so the "
        "folder must be writable"
    )
    assert (project / "Dockerfile").read_bytes() == FLASK
    assert (project / "b" / "Dockerfile").read_bytes() != FLASK


def test_stdin_writes_fixed_text(project):
    run = dockerfix("fix", "-", stdin=FLASK)
    assert run.exit_code == 0, run
    assert run.stdout.startswith(b"FROM python:3.12-slim\nRUN apt-get update \\\n")
    assert b"USER 10001:10001" in run.stdout


def test_stdin_with_diff(project):
    run = dockerfix("fix", "--diff", "-", stdin=FLASK)
    assert run.stdout.startswith(b"--- a/-\n+++ b/-\n")


def test_crlf_file_keeps_crlf(project):
    (project / "Dockerfile").write_bytes(FLASK.replace(b"\n", b"\r\n"))
    assert dockerfix("fix", "--write", "Dockerfile").exit_code == 0
    written = (project / "Dockerfile").read_bytes()
    assert b"USER 10001:10001\r\n" in written
    assert written.count(b"\n") == written.count(b"\r\n")


def test_missing_final_newline_kept(project):
    (project / "Dockerfile").write_bytes(b"FROM python:3.12-slim\nCOPY . /app")
    assert dockerfix("fix", "--write", "--select", "DF101", "Dockerfile").exit_code == 0
    written = (project / "Dockerfile").read_bytes()
    assert written.endswith(b"COPY . /app\nRUN groupadd --system --gid 10001 appgroup \\\n"
                            b" && useradd --system --uid 10001 --gid appgroup --create-home "
                            b"--home-dir /home/appuser appuser\nUSER 10001:10001")


def test_rules_lists_every_transform():
    from transforms import TRANSFORMS

    run = dockerfix("rules")
    assert run.exit_code == 0
    for transform in TRANSFORMS:
        assert f"{transform.code} {transform.slug}" in run.stderr + run.stdout.decode()


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("patch") is None,
                    reason="git and patch are needed to apply the diff")
@pytest.mark.parametrize("tool", ["git", "patch"])
def test_diff_applies_with_git_and_patch(project, tool):
    (project / "Dockerfile").write_bytes(FLASK.replace(b"\n", b"\r\n")[:-2])
    fixed_copy = project / "fixed"
    fixed_copy.mkdir()
    (fixed_copy / "Dockerfile").write_bytes((project / "Dockerfile").read_bytes())
    assert dockerfix("fix", "--write", "fixed/Dockerfile").exit_code == 0
    diff = dockerfix("fix", "--diff", "Dockerfile").stdout
    (project / "fix.patch").write_bytes(diff)
    if tool == "git":
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
        subprocess.run(["git", "apply", "fix.patch"], cwd=project, check=True)
    else:
        subprocess.run(["patch", "-p1", "-s", "-i", "fix.patch"], cwd=project, check=True)
    assert (project / "Dockerfile").read_bytes() == (fixed_copy / "Dockerfile").read_bytes()


@pytest.mark.parametrize(
    "option, value",
    [("--user", "root"), ("--user", "x;touch /pwned"), ("--group", "Bad Name"), ("--context", "/nonexistent")],
)
def test_invalid_option_values_are_usage_errors(project, option, value):
    run = dockerfix("fix", option, value, "Dockerfile")
    assert run.exit_code == 2
    assert run.stdout == b""


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is needed to apply the diff")
def test_diff_of_name_with_blank_applies(project):
    (project / "my app.Dockerfile").write_bytes(FLASK)
    diff = dockerfix("fix", "--diff", "my app.Dockerfile").stdout
    (project / "fix.patch").write_bytes(diff)
    subprocess.run(["patch", "-p1", "-s", "-i", "fix.patch"], cwd=project, check=True)
    assert b"USER 10001:10001" in (project / "my app.Dockerfile").read_bytes()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "my app.Dockerfile").write_bytes(FLASK)
    subprocess.run(["git", "apply", "fix.patch"], cwd=project, check=True)
    assert b"USER 10001:10001" in (project / "my app.Dockerfile").read_bytes()


def test_path_outside_current_folder_is_noted(project, monkeypatch):
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    run = dockerfix("fix", "../Dockerfile")
    assert "../Dockerfile note: the diff names a path outside the current folder" in run.stderr
