import pytest

from datetime import date

from fixer.core import fix_text
from fixer.passes import Options
from tests.helpers import apply

HEAD = "FROM python:3.12-slim\n"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="set exec form"),
        pytest.param("CMD gunicorn --worker-tmp-dir=/run/g app:app", id="set with equals"),
        pytest.param('ENV GUNICORN_CMD_ARGS="--worker-tmp-dir=/dev/shm"\nCMD ["gunicorn", "app:app"]', id="set in env"),
        pytest.param('CMD ["gunicorn", "-c", "conf.py", "app:app"]', id="config file"),
        pytest.param('CMD ["python", "app.py"]', id="no gunicorn"),
        pytest.param('CMD ["echo", "gunicorn"]', id="gunicorn as argument"),
        pytest.param("CMD ['gunicorn', 'app:app']", id="invalid json"),
        pytest.param('CMD ["/app/start.sh"]', id="script"),
        pytest.param('CMD ["uvicorn", "main:app"]', id="uvicorn"),
    ],
)
def test_no_change(line):
    text = HEAD + line + "\n"
    assert apply(text, "DF401")[0] == text


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param('CMD ["gunicorn", "app:app"]', 'CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="exec form"),
        pytest.param('CMD ["gunicorn","app:app"]', 'CMD ["gunicorn","--worker-tmp-dir","/dev/shm","app:app"]', id="compact separator"),
        pytest.param('CMD ["/venv/bin/gunicorn", "app:app"]', 'CMD ["/venv/bin/gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="path"),
        pytest.param('CMD ["python3.12", "-m", "gunicorn", "app:app"]', 'CMD ["python3.12", "-m", "gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="python -m"),
        pytest.param('CMD ["uv", "run", "--no-dev", "gunicorn", "app:app"]', 'CMD ["uv", "run", "--no-dev", "gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="uv run"),
        pytest.param('CMD ["ddtrace-run", "gunicorn", "app:app"]', 'CMD ["ddtrace-run", "gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="ddtrace"),
        pytest.param('CMD ["opentelemetry-instrument", "--traces_exporter", "console", "gunicorn", "a:b"]',
                     'CMD ["opentelemetry-instrument", "--traces_exporter", "console", "gunicorn", "--worker-tmp-dir", "/dev/shm", "a:b"]', id="otel with options"),
        pytest.param('CMD ["newrelic-admin", "run-program", "gunicorn", "a:b"]',
                     'CMD ["newrelic-admin", "run-program", "gunicorn", "--worker-tmp-dir", "/dev/shm", "a:b"]', id="newrelic"),
        pytest.param('CMD ["python", "-m", "debugpy", "--listen", "5678", "-m", "gunicorn", "a:b"]',
                     'CMD ["python", "-m", "debugpy", "--listen", "5678", "-m", "gunicorn", "--worker-tmp-dir", "/dev/shm", "a:b"]', id="debugpy"),
        pytest.param("CMD exec gunicorn app:app", "CMD exec gunicorn --worker-tmp-dir /dev/shm app:app", id="shell form"),
        pytest.param("CMD env A=1 gunicorn app:app", "CMD env A=1 gunicorn --worker-tmp-dir /dev/shm app:app", id="env wrapper"),
        pytest.param('CMD ["sh", "-c", "exec gunicorn -b :$PORT app:app"]', 'CMD ["sh", "-c", "exec gunicorn --worker-tmp-dir /dev/shm -b :$PORT app:app"]', id="sh -c"),
        pytest.param('ENTRYPOINT ["gunicorn"]\nCMD ["app:app"]', 'ENTRYPOINT ["gunicorn", "--worker-tmp-dir", "/dev/shm"]\nCMD ["app:app"]', id="entrypoint and cmd"),
        pytest.param('ENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn", "app:app"]', 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]', id="script passes cmd"),
        pytest.param('ENV GUNICORN_CMD_ARGS="--workers=3"\nCMD ["gunicorn", "app:app"]', 'ENV GUNICORN_CMD_ARGS="--workers=3 --worker-tmp-dir=/dev/shm"\nCMD ["gunicorn", "app:app"]', id="env equals style"),
        pytest.param("ENV GUNICORN_CMD_ARGS='-w 3'\nCMD gunicorn app:app", "ENV GUNICORN_CMD_ARGS='-w 3 --worker-tmp-dir /dev/shm'\nCMD gunicorn app:app", id="env space style"),
        pytest.param("ENV GUNICORN_CMD_ARGS=--workers=3\nCMD gunicorn app:app", 'ENV GUNICORN_CMD_ARGS="--workers=3 --worker-tmp-dir=/dev/shm"\nCMD gunicorn app:app', id="env unquoted"),
        pytest.param("ENV GUNICORN_CMD_ARGS --workers=3\nCMD gunicorn app:app", "ENV GUNICORN_CMD_ARGS --workers=3 --worker-tmp-dir=/dev/shm\nCMD gunicorn app:app", id="env legacy form"),
        pytest.param('CMD ["gunicorn", \\\n  "app:app"]', 'CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", \\\n  "app:app"]', id="continued array"),
    ],
)
def test_fix(line, expected):
    assert apply(HEAD + line + "\n", "DF401")[0] == HEAD + expected + "\n"


def test_inherited_command_edited_in_its_stage():
    text = 'FROM python:3.12-slim AS base\nCMD ["gunicorn", "a:b"]\nFROM base\nRUN x\n'
    fixed, _ = apply(text, "DF401")
    assert 'CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "a:b"]' in fixed


def test_entrypoint_in_stage_clears_inherited_cmd():
    text = 'FROM python:3.12-slim AS base\nCMD ["gunicorn", "a:b"]\nFROM base\nENTRYPOINT ["python"]\n'
    assert apply(text, "DF401")[0] == text


@pytest.mark.parametrize("cmd", ["['gunicorn', 'app:app']", '["gunicorn", "app:app"'])
def test_invalid_json_is_reported(cmd):
    text = HEAD + f"CMD {cmd}\n"
    fixed, report = apply(text, "DF401")
    assert fixed == text
    assert report == ["DF401 warning: CMD looks like an exec-form array but is not valid JSON, so "
                      "Docker runs it with /bin/sh -c as one string. Write it as a JSON array: "
                      "each element in double quotes, commas between them, closed with ]"]


def test_shell_test_bracket_is_not_json():
    fixed, report = apply(HEAD + "CMD [ -f /app/x ] && exec gunicorn app:app\n", "DF401")
    assert "--worker-tmp-dir /dev/shm" in fixed
    assert not any("JSON" in line for line in report)


def test_tmp_dir_on_disk_is_noted():
    _, report = apply(HEAD + "CMD gunicorn --worker-tmp-dir /run/g app:app\n", "DF401")
    assert report == ["DF401 note: worker_tmp_dir=/run/g (command line) is in the image, so on the "
                      "overlay filesystem, not a tmpfs, unless a tmpfs is mounted there at run time"]


def test_implicit_config_in_workdir_gets_setting(tmp_path):
    (tmp_path / "gunicorn.conf.py").write_text("# sizing\nworkers = 3  # tuned\n")
    text = HEAD + 'WORKDIR /srv\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
    result = fix_text(text, Options(select=frozenset({"DF401"})), tmp_path, date(2026, 12, 4))
    assert result.text == text
    assert [f.fixed for f in result.files] == [
        '# sizing\nworkers = 3  # tuned\nworker_tmp_dir = "/dev/shm"\n'
    ]


@pytest.mark.parametrize(
    "config",
    [
        pytest.param('worker_tmp_dir = "/run/x"\n', id="plain"),
        pytest.param('import os\nif os.environ.get("DOCKER"):\n    worker_tmp_dir = "/dev/shm"\n', id="inside if"),
        pytest.param('import os\nworker_tmp_dir = os.environ["TMP_DIR"]\n', id="from environment"),
        pytest.param("from base_settings import *\n", id="star import"),
    ],
)
def test_config_setting_counts_as_set(tmp_path, config):
    (tmp_path / "gunicorn.conf.py").write_text(config)
    text = HEAD + 'WORKDIR /srv\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
    result = fix_text(text, Options(select=frozenset({"DF401"})), tmp_path, date(2026, 12, 4))
    assert result.text == text
    assert result.files == []


def test_config_missing_from_context_is_noted():
    text = HEAD + 'CMD ["gunicorn", "-c", "conf/gunicorn.py", "app:app"]\n'
    fixed, report = apply(text, "DF401")
    assert fixed == text
    assert report == ["DF401 note: gunicorn loads /conf/gunicorn.py (-c), which is not in the "
                      "build context; no Gunicorn settings added. Pass --context"]
