"""Inline suppressions: `# dockerfix: ignore[...]` and `# dockerfix: skip-file`."""

from __future__ import annotations

from tests.helpers import apply, dockerfix

HEAD = "FROM python:3.12-slim\n"
CMD = 'CMD ["gunicorn", "app:app"]\n'


def test_ignore_one_code_above_cmd():
    text = HEAD + "# dockerfix: ignore[DF402] -- the app is not thread-safe\n" + CMD
    fixed, report = apply(text, None, select=frozenset({"DF401", "DF402"}))
    assert fixed.endswith('CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]\n')
    assert report == ["DF401 add --worker-tmp-dir /dev/shm to gunicorn"]


def test_ignore_everything_above_cmd():
    text = HEAD + "# dockerfix: ignore\n" + CMD
    fixed, report = apply(text, None, select=frozenset({"DF401", "DF402"}))
    assert fixed == text
    assert report == []


def test_ignore_above_from_covers_the_stage():
    text = "# dockerfix: ignore[DF101, DF201]\n" + HEAD + "COPY . /app\n" + CMD
    fixed, report = apply(text, None, select=frozenset({"DF101", "DF201"}))
    assert fixed == text
    assert report == []


def test_suppression_inside_comment_block():
    text = HEAD + "# Start the server.\n# dockerfix: ignore[DF401]\n# Gunicorn reads its config here.\n" + CMD
    fixed, _ = apply(text, "DF401")
    assert fixed == text


def test_unused_suppression_is_reported():
    text = HEAD + "# dockerfix: ignore[DF301]\n" + CMD
    _, report = apply(text, "DF401")
    assert report[-1] == (" note: unused suppression: nothing of DF301 would change at the "
                          "instruction below it; remove the comment")


def test_suppressed_env_quote_stays_balanced():
    text = HEAD + "# dockerfix: ignore[DF401]\nENV GUNICORN_CMD_ARGS=--bind=:8000\nCMD gunicorn app:app\n"
    fixed, _ = apply(text, None, select=frozenset({"DF401", "DF402"}))
    assert 'ENV GUNICORN_CMD_ARGS="--bind=:8000 --workers=2 --threads=4"\n' in fixed


def test_skip_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text("# syntax=docker/dockerfile:1\n# dockerfix: skip-file\n" + HEAD + CMD)
    run = dockerfix("fix", "--check", "-v", "Dockerfile")
    assert run.exit_code == 0
    assert run.stdout == b""
    assert "skipped Dockerfile (the file says `# dockerfix: skip-file`)" in run.stderr
    assert run.stderr.splitlines()[-1] == "0 files would be fixed, 0 unchanged, 1 skipped, 0 failed."


def test_skip_file_only_in_leading_comments(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(HEAD + "# dockerfix: skip-file\n" + CMD)
    assert dockerfix("fix", "--check", "Dockerfile").exit_code == 1
