"""The pre-commit hook, run by the real pre-commit on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLASK = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n'


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_hook_fixes_dockerfiles_only(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    git("config", "user.email", "test@example.com", cwd=repo)
    git("config", "user.name", "test", cwd=repo)
    (repo / "Dockerfile").write_text(FLASK)
    (repo / "api.Dockerfile").write_text(FLASK)
    (repo / "notes.txt").write_text(FLASK)
    # Named like Dockerfiles, but BuildKit's ignore file and docs: no FROM, so a hook
    # that passed them to dockerfix would fail the commit.
    (repo / "Dockerfile.dockerignore").write_text("*.pyc\n")
    (repo / "docs").mkdir()
    (repo / "docs" / "Dockerfile.md").write_text("# How the image is built\n")
    git("add", ".", cwd=repo)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "dockerfix", "--all-files"],
        cwd=repo, capture_output=True, text=True, env=environment, timeout=900,
    )
    # pre-commit fails a hook that changed files, so the author reviews them.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert "USER 10001:10001" in (repo / "Dockerfile").read_text()
    assert "USER 10001:10001" in (repo / "api.Dockerfile").read_text()
    assert (repo / "notes.txt").read_text() == FLASK
    assert "Dockerfile.dockerignore" not in result.stdout + result.stderr
    assert "Dockerfile.md" not in result.stdout + result.stderr
