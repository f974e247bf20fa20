"""Build context lookups: .dockerignore, escapes and discovery."""

from __future__ import annotations

import pytest

from fixer.buildcontext import ignored, inside
from tests.helpers import dockerfix


@pytest.mark.parametrize(
    "patterns, path, expected",
    [
        pytest.param("gunicorn.conf.py\n", "gunicorn.conf.py", True, id="exact"),
        pytest.param("*.py\n", "app/x.py", False, id="star stays in folder"),
        pytest.param("**/*.py\n", "app/x.py", True, id="double star"),
        pytest.param("docs\n", "docs/a/b.md", True, id="parent folder"),
        pytest.param("*\n!app.py\n", "app.py", False, id="exception"),
        pytest.param("*\n!app.py\n", "start.sh", True, id="everything else"),
        pytest.param("# comment\n\n/build/\n", "build/x", True, id="leading slash and comment"),
        pytest.param("file?.txt\n", "file1.txt", True, id="question mark"),
        pytest.param("[a-c].sh\n", "b.sh", True, id="character class"),
    ],
)
def test_dockerignore(tmp_path, patterns, path, expected):
    (tmp_path / ".dockerignore").write_text(patterns)
    assert ignored(tmp_path, path) is expected


@pytest.mark.parametrize("source", ["../secret", "a/../../secret", "link/secret"])
def test_paths_outside_context_are_rejected(tmp_path, source):
    context = tmp_path / "context"
    (context / "a").mkdir(parents=True)
    (tmp_path / "secret").write_text("x")
    (context / "link").symlink_to(tmp_path)
    assert inside(context, source) is None


def test_absolute_source_is_relative_to_context(tmp_path):
    (tmp_path / "app.py").write_text("x")
    assert inside(tmp_path, "/app.py") == tmp_path / "app.py"


BROKEN_SOURCE = "FROM python:3.12-slim\nCOPY {source} /data/\nCMD gunicorn app:app\n"


@pytest.mark.parametrize("context_option", [[], ["--context", "."]], ids=["discovered", "given"])
def test_symlink_loop_source_is_missing(tmp_path, monkeypatch, context_option):
    (tmp_path / "loop").symlink_to("loop")
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(BROKEN_SOURCE.format(source="loop"))
    monkeypatch.chdir(tmp_path)
    result = dockerfix("fix", "--diff", *context_option, "Dockerfile")
    assert result.exit_code == 0, result
    assert b"--worker-tmp-dir /dev/shm" in result.stdout


def test_source_name_too_long_is_missing(tmp_path, monkeypatch):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(BROKEN_SOURCE.format(source="a" * 300))
    monkeypatch.chdir(tmp_path)
    result = dockerfix("fix", "--diff", "Dockerfile")
    assert result.exit_code == 0, result
    assert b"--worker-tmp-dir /dev/shm" in result.stdout


def test_invalid_dockerignore_pattern_fails_file(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text("x")
    (tmp_path / ".dockerignore").write_text("# build output\n[z-a]\n")
    dockerfile = tmp_path / "Dockerfile"
    original = BROKEN_SOURCE.format(source="app.py")
    dockerfile.write_text(original)
    monkeypatch.chdir(tmp_path)
    result = dockerfix("fix", "--write", "Dockerfile")
    assert result.exit_code == 123, result
    assert result.stderr.splitlines()[0] == (
        "error: cannot fix Dockerfile: .dockerignore line 2: invalid pattern '[z-a]' "
        "(bad character range z-a); correct or remove it"
    )
    assert dockerfile.read_text() == original
