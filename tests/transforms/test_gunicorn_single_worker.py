import pytest

from tests.helpers import apply

HEAD = "FROM python:3.12-slim\n"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('CMD ["gunicorn", "--workers", "3", "app:app"]', id="workers"),
        pytest.param('CMD ["gunicorn", "--workers=3", "app:app"]', id="workers equals"),
        pytest.param('CMD ["gunicorn", "-w", "3", "app:app"]', id="short"),
        pytest.param('CMD ["gunicorn", "-w3", "app:app"]', id="short joined"),
        pytest.param('CMD gunicorn -w "${WORKERS:-2}" app:app', id="variable value"),
        pytest.param('CMD ["gunicorn", "--threads", "1", "app:app"]', id="threads 1"),
        pytest.param('CMD ["gunicorn", "-k", "gevent", "app:app"]', id="gevent"),
        pytest.param('CMD ["gunicorn", "--worker-class=uvicorn.workers.UvicornWorker", "a:b"]', id="uvicorn"),
        pytest.param('ENV WEB_CONCURRENCY=4\nCMD ["gunicorn", "app:app"]', id="web concurrency"),
        pytest.param('ENV GUNICORN_CMD_ARGS="-k eventlet"\nCMD ["gunicorn", "app:app"]', id="class in env"),
        pytest.param('CMD ["gunicorn", "--config", "python:app.conf", "a:b"]', id="config"),
    ],
)
def test_no_change(line):
    text = HEAD + line + "\n"
    assert apply(text, "DF402")[0] == text


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param('CMD ["gunicorn", "app:app"]', 'CMD ["gunicorn", "--workers", "2", "--threads", "4", "app:app"]', id="exec form"),
        pytest.param("CMD gunicorn app:app", "CMD gunicorn --workers 2 --threads 4 app:app", id="shell form"),
        pytest.param("CMD python manage.py migrate && gunicorn site.wsgi", "CMD python manage.py migrate && gunicorn --workers 2 --threads 4 site.wsgi", id="and list"),
        pytest.param('ENV GUNICORN_CMD_ARGS="--bind=:8000"\nCMD ["gunicorn", "app:app"]', 'ENV GUNICORN_CMD_ARGS="--bind=:8000 --workers=2 --threads=4"\nCMD ["gunicorn", "app:app"]', id="env value"),
    ],
)
def test_fix(line, expected):
    assert apply(HEAD + line + "\n", "DF402")[0] == HEAD + expected + "\n"


def test_notes_on_command_line():
    _, report = apply(HEAD + 'CMD ["gunicorn", "app:app"]\n', "DF402")
    assert report == [
        "DF402 add --workers 2 --threads 4 to gunicorn",
        "DF402 note: threads make Gunicorn use its gthread worker; ignore DF402 if the application is not thread-safe",
        "DF402 note: --workers on the command line overrides WEB_CONCURRENCY and GUNICORN_CMD_ARGS supplied at run time",
    ]


def test_unquoted_env_gets_both_transforms_in_one_quote():
    text = HEAD + "ENV GUNICORN_CMD_ARGS=--bind=:8000\nCMD gunicorn app:app\n"
    fixed, _ = apply(text, None)
    assert 'ENV GUNICORN_CMD_ARGS="--bind=:8000 --worker-tmp-dir=/dev/shm --workers=2 --threads=4"\n' in fixed


@pytest.mark.parametrize(
    "env, expected",
    [
        pytest.param('ENV GUNICORN_CMD_ARGS=""', 'ENV GUNICORN_CMD_ARGS="--worker-tmp-dir /dev/shm --workers 2 --threads 4"', id="empty quoted"),
        pytest.param("ENV GUNICORN_CMD_ARGS=", 'ENV GUNICORN_CMD_ARGS="--worker-tmp-dir /dev/shm --workers 2 --threads 4"', id="empty unquoted"),
        pytest.param("ENV GUNICORN_CMD_ARGS=--bind=:8000\\ --log-level=debug",
                     "ENV GUNICORN_CMD_ARGS=--bind=:8000\\ --log-level=debug\\ --worker-tmp-dir=/dev/shm\\ --workers=2\\ --threads=4",
                     id="escaped blanks"),
    ],
)
def test_env_value_edges(env, expected):
    fixed, _ = apply(HEAD + env + "\nCMD gunicorn app:app\n", None, ignore=frozenset({"DF101", "DF201", "DF403"}))
    assert fixed.splitlines()[1] == expected


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('CMD ["gunicorn", "--thread", "8", "app:app"]', id="threads abbreviated"),
        pytest.param('CMD ["gunicorn", "--worker-cl", "gevent", "app:app"]', id="worker class abbreviated"),
        pytest.param('CMD ["gunicorn", "--work=3", "app:app"]', id="ambiguous prefix left as is"),
    ],
)
def test_abbreviations(line):
    text = HEAD + line + "\n"
    fixed, _ = apply(text, "DF402")
    if "--work=" in line:
        assert "--workers" in fixed  # --work is ambiguous, so Gunicorn rejects it anyway
    else:
        assert fixed == text


def test_uv_with_value_is_skipped():
    text = HEAD + 'CMD ["uv", "run", "--with", "gunicorn", "gunicorn", "app:app"]\n'
    fixed, _ = apply(text, "DF402")
    assert fixed == HEAD + 'CMD ["uv", "run", "--with", "gunicorn", "gunicorn", "--workers", "2", "--threads", "4", "app:app"]\n'


def test_shell_assignment_hides_env_value():
    text = (HEAD + 'ENV GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000"\n'
            "CMD [\"sh\", \"-c\", \"GUNICORN_CMD_ARGS='--timeout 60' exec gunicorn app:app\"]\n")
    fixed, _ = apply(text, "DF401")
    assert 'ENV GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000"\n' in fixed
    assert "exec gunicorn --worker-tmp-dir /dev/shm app:app" in fixed
