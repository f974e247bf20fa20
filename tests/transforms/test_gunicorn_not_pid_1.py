import pytest

from tests.helpers import apply

HEAD = "FROM python:3.12-slim\n"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('CMD ["gunicorn", "app:app"]', id="exec form"),
        pytest.param("CMD exec gunicorn app:app", id="already exec"),
        pytest.param("CMD gunicorn app:app && echo done", id="not last"),
        pytest.param("CMD gunicorn app:app | tee log", id="pipeline"),
        pytest.param("CMD PORT=1 gunicorn app:app", id="assignment prefix"),
        pytest.param("CMD gunicorn app:app > /tmp/log", id="redirected"),
        pytest.param("CMD python app.py", id="no gunicorn"),
    ],
)
def test_no_change(line):
    text = HEAD + line + "\n"
    assert apply(text, "DF403")[0] == text


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param("CMD gunicorn -b :8000 app:app", "CMD exec gunicorn -b :8000 app:app", id="single"),
        pytest.param("CMD python manage.py migrate && gunicorn site.wsgi", "CMD python manage.py migrate && exec gunicorn site.wsgi", id="last of list"),
        pytest.param("CMD ./prepare; gunicorn a:b", "CMD ./prepare; exec gunicorn a:b", id="after semicolon"),
        pytest.param('CMD ["sh", "-c", "gunicorn -b :$PORT a:b"]', 'CMD ["sh", "-c", "exec gunicorn -b :$PORT a:b"]', id="sh -c"),
        pytest.param("ENTRYPOINT gunicorn a:b", "ENTRYPOINT exec gunicorn a:b", id="shell entrypoint"),
        pytest.param("CMD poetry run gunicorn a:b", "CMD exec poetry run gunicorn a:b", id="wrapper"),
    ],
)
def test_fix(line, expected):
    assert apply(HEAD + line + "\n", "DF403")[0] == HEAD + expected + "\n"


def test_not_last_is_noted():
    _, report = apply(HEAD + "CMD gunicorn app:app && echo done\n", "DF403")
    assert report == ["DF403 note: CMD runs gunicorn without exec, because it is not the last "
                      "command on its path; the shell stays PID 1 and SIGTERM will not reach gunicorn"]
