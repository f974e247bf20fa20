"""The smallest inputs that broke a property in tests/test_properties.py.

A test marked xfail pins an engine bug that is not fixed yet. With strict=True the
test turns red once the bug is fixed, as a reminder to remove the mark. Remove the
matching case in `known_bug` in tests/test_properties.py too. Until then, that case
keeps the generated-input properties from failing on the same bug. Tests without a
mark pin engine bugs that are fixed, to keep them fixed.
"""

from __future__ import annotations

from datetime import date

import pytest

from fixer.core import Outcome, fix_bytes
from fixer.errors import ParseError
from fixer.passes import Options
from tests.helpers import TODAY
from tests.strategies import make_build_context
from tests.test_properties import buildkit_parse, check_fix
from tests.test_safety import large_files_scale_linearly


def fix(text: str) -> Outcome:
    """Fix text with every transform and no build context."""
    return fix_bytes("Dockerfile", text.encode("utf-8"), Options(), None,
                     date.fromisoformat(TODAY))


@pytest.fixture
def build_context(tmp_path):
    return make_build_context(tmp_path)


# Engine bugs.


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param('""', '"--worker-tmp-dir /dev/shm --workers 2 --threads 4"', id="double quotes"),
        pytest.param("''", "'--worker-tmp-dir /dev/shm --workers 2 --threads 4'", id="single quotes"),
        pytest.param("", '"--worker-tmp-dir /dev/shm --workers 2 --threads 4"', id="bare"),
    ],
)
def test_empty_gunicorn_cmd_args_gets_separate_flags(value, expected):
    # The flags of DF401 and DF402 once ran together as "/dev/shm--workers".
    outcome = fix(f'FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS={value}\nCMD ["gunicorn", "app:app"]\n')
    assert outcome.error is None
    assert f"ENV GUNICORN_CMD_ARGS={expected}\n" in outcome.fixed


def test_shell_form_poetry_run_is_stable(build_context):
    # Failed with "internal error in DF101: a second run would change the output again".
    outcome = check_fix(b"FROM python:3.12-slim\nCMD poetry run gunicorn app:app\n", build_context)
    assert outcome.error is None


def test_bash_combined_c_flag_is_stable(build_context):
    # The first run noted "cannot check ./ddtrace-run gunicorn app:app" and added no
    # user. Once DF403 had added exec, the second run added one, so the file failed
    # with "internal error in DF101: a second run would change the output again".
    data = b'FROM python:3.12-slim\nCMD ["bash", "-lc", "ddtrace-run gunicorn app:app"]\n'
    outcome = check_fix(data, build_context)
    assert outcome.error is None


def test_volume_without_user_is_stable(build_context):
    # ubi-micro has no package manager, so DF101 adds no user, yet it inserted
    # "RUN mkdir -p /data && chown 10001:10001 /data" before the VOLUME, and again
    # on every run: "internal error in DF101: a second run would change the output".
    data = b"FROM registry.access.redhat.com/ubi9/ubi-micro\nVOLUME /data\nCOPY app.py /app/\n"
    outcome = check_fix(data, build_context)
    assert outcome.error is None
    assert "chown" not in outcome.fixed


def test_large_file_fix_in_linear_time():
    # buildcontext.workdir_at once evaluated a default that walked the whole stage on
    # every call, so the time grew with the square of the file: on a 2-core machine
    # 20 KiB of COPY, ADD, ENV and RUN lines took 0.26 CPU seconds and 320 KiB 13.
    assert large_files_scale_linearly()


@pytest.mark.parametrize(
    "line, buildkit_error",
    [
        pytest.param("ENV PYTHONUNBUFFERED", "ENV must have two arguments", id="env without value"),
        pytest.param("ENV A=1 B", "can't find = in", id="env pair without equals"),
        pytest.param("LABEL version", "LABEL must have two arguments", id="label without value"),
    ],
)
def test_file_buildkit_rejects_is_left_alone(line, buildkit_error):
    text = f'FROM python:3.12-slim\n{line}\nCMD ["gunicorn", "app:app"]\n'
    assert buildkit_parse(text) is None, f"BuildKit should fail with: {buildkit_error}"
    outcome = fix(text)
    assert not outcome.changed, outcome.fixed


# Inputs that broke the property checks themselves, kept so the checks stay right.


def test_add_before_identical_copy(build_context):
    # The converted ADD reads exactly like the COPY below it. A line diff once paired
    # them wrongly and reported a removed line.
    data = b"FROM python:3.12-slim\nADD requirements.txt /app/\nCOPY requirements.txt /app/\n"
    outcome = check_fix(data, build_context)
    assert outcome.fixed.count("COPY requirements.txt /app/\n") == 2


def test_tar_archives_are_identical_across_contexts(tmp_path):
    # The diff and --write copies are compared file by file, tar archives included.
    first = make_build_context(tmp_path / "first")
    second = make_build_context(tmp_path / "second")
    assert (first / "vendor.tar.gz").read_bytes() == (second / "vendor.tar.gz").read_bytes()


def test_platform_flag_joined_to_image_is_rejected():
    # A continuation without a space glues the image to --platform, so BuildKit
    # reads a FROM without an image. dockerfix reports it instead of guessing.
    outcome = fix("FROM --platform=linux/amd64\\\npython:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n")
    assert isinstance(outcome.error, ParseError)
    assert outcome.error.line == 1
    assert "FROM needs an image" in outcome.error.message


def test_check_directive_after_escape(build_context):
    # The oracle's BuildKit (v0.12.5) does not know the check directive and stops
    # reading directives there. After escape, both parsers agree on the backtick.
    data = b"# escape=`\n# check=skip=JSONArgsRecommended\nFROM python:3.12-slim\nCMD gunicorn `\n  app:app\n"
    outcome = check_fix(data, build_context)
    assert outcome.error is None
    assert "--worker-tmp-dir /dev/shm" in outcome.fixed
