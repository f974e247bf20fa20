import pytest

from tests.helpers import apply

DEBIAN_USER = (
    "RUN groupadd --system --gid 10001 appgroup \\\n"
    " && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser\n"
    "USER 10001:10001\n"
)
ALPINE_USER = (
    "RUN addgroup -S -g 10001 appgroup && adduser -S -D -u 10001 -G appgroup -h /home/appuser appuser\n"
    "USER 10001:10001\n"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("FROM python:3.12-slim\nUSER app\n", id="user already set"),
        pytest.param("FROM python:3.12-slim AS base\nUSER 1000\nFROM base\nCMD x\n", id="user in ancestor"),
        pytest.param("FROM python:3.12-slim\nUSER ${APP_UID}\n", id="user from variable"),
        pytest.param("FROM registry.access.redhat.com/ubi9/python-311\nCMD x\n", id="ubi python runs as 1001"),
        pytest.param("FROM gcr.io/distroless/python3-debian12:nonroot\n", id="distroless nonroot"),
        pytest.param('FROM python:3.12-slim\nENTRYPOINT ["gosu", "app", "gunicorn", "app:app"]\n', id="gosu in entrypoint"),
        pytest.param("FROM python:3.12-slim\nCMD exec su-exec app gunicorn app:app\n", id="su-exec shell form"),
        pytest.param('FROM python:3.12-slim\nCMD ["setpriv", "--reuid=1000", "gunicorn", "app:app"]\n', id="setpriv"),
        pytest.param("FROM python:3.12-slim\nCMD su app -c 'gunicorn app:app'\n", id="su -c"),
        pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "-u", "www-data", "app:app"]\n', id="gunicorn user"),
        pytest.param('FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS="--group=www-data"\nCMD ["gunicorn", "app:app"]\n', id="gunicorn group in env"),
        pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:80", "app:app"]\n', id="port 80"),
        pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "-b=:443", "app:app"]\n', id="port 443 short"),
        pytest.param("FROM python:3.12-slim\nRUN pip install --user flask\nCMD x\n", id="pip user"),
        pytest.param("FROM python:3.12-slim\nENV PATH=/root/.local/bin:$PATH\nCMD x\n", id="root local on path"),
        pytest.param('FROM python:3.12-slim\nCMD ["poetry", "run", "gunicorn", "app:app"]\n', id="poetry venv in root home"),
        pytest.param("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\nCOPY ./app /app\n", id="base binds 80"),
        pytest.param("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n", id="windows"),
        pytest.param("FROM mycompany/base\nCMD x\n", id="unknown os"),
        pytest.param("FROM registry.access.redhat.com/ubi9/ubi-micro\nCMD x\n", id="ubi micro no tools"),
    ],
)
def test_no_change(text):
    assert apply(text, "DF101")[0] == text


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8000\nCMD x\n",
                     "FROM python:3.12-slim\nCOPY . /app\n" + DEBIAN_USER + "EXPOSE 8000\nCMD x\n", id="debian after last copy"),
        pytest.param("FROM python:3.12-slim\nCMD x\n", "FROM python:3.12-slim\n" + DEBIAN_USER + "CMD x\n", id="no build steps"),
        pytest.param("FROM python:3.12-alpine\nWORKDIR /app\nCMD x\n",
                     "FROM python:3.12-alpine\nWORKDIR /app\n" + ALPINE_USER + "CMD x\n", id="alpine busybox flags"),
        pytest.param("FROM python:3.12-slim\nRUN x\nUSER root\nCMD x\n",
                     "FROM python:3.12-slim\nRUN x\nUSER root\n" + DEBIAN_USER + "CMD x\n", id="after explicit root"),
        pytest.param("FROM python:3.12-slim\nRUN useradd -u 1500 -m web\nCMD x\n",
                     "FROM python:3.12-slim\nRUN useradd -u 1500 -m web\nUSER 1500\nCMD x\n", id="existing user with uid"),
        pytest.param("FROM python:3.12-slim\nRUN useradd --create-home web\nCMD x\n",
                     "FROM python:3.12-slim\nRUN useradd --create-home web\nUSER web\nCMD x\n", id="existing user by name"),
        pytest.param("FROM python:3.12 AS build\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=build /a /a\nCMD x\n",
                     "FROM python:3.12 AS build\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=build /a /a\nUSER 65532:65532\nCMD x\n", id="distroless"),
        pytest.param('FROM python:3.12-slim\nCMD ["poetry", "run", "gunicorn", "app:app"]\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\n',
                     'FROM python:3.12-slim\n' + DEBIAN_USER + 'CMD ["poetry", "run", "gunicorn", "app:app"]\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', id="poetry venv in project"),
        pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]\n',
                     'FROM python:3.12-slim\n' + DEBIAN_USER + 'CMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]\n', id="port 8080"),
    ],
)
def test_fix(text, expected):
    assert apply(text, "DF101")[0] == expected


def test_volume_before_anchor_gets_own_run():
    text = "FROM python:3.12-slim\nVOLUME /data\nRUN x\nCMD y\n"
    fixed, _ = apply(text, "DF101")
    assert fixed == ("FROM python:3.12-slim\nRUN mkdir -p /data && chown 10001:10001 /data\n"
                     "VOLUME /data\nRUN x\n" + DEBIAN_USER + "CMD y\n")


def test_volume_after_anchor_joins_user_block():
    text = 'FROM python:3.12-slim\nRUN x\nVOLUME ["/a", "/b"]\n'
    fixed, _ = apply(text, "DF101")
    assert " && mkdir -p /a /b && chown 10001:10001 /a /b\nUSER 10001:10001\nVOLUME" in fixed


def test_gosu_script_in_context(tmp_path):
    (tmp_path / "entrypoint.sh").write_text('#!/bin/sh\nset -e\nexec gosu app "$@"\n')
    text = ("FROM python:3.12-slim\nCOPY entrypoint.sh /usr/local/bin/\n"
            'ENTRYPOINT ["entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n')
    fixed, report = apply(text, "DF101", tmp_path)
    assert fixed == text
    assert report == ["DF101 note: not adding USER: entrypoint.sh drops privileges with gosu"]


def test_url_download_note():
    text = "FROM python:3.12-slim\nADD https://example.com/tool.tar.gz /opt/\nCMD x\n"
    _, report = apply(text, "DF101")
    assert report[-1] == ("DF101 note: /opt/tool.tar.gz fetched by ADD https://example.com/tool.tar.gz "
                          "is root-owned with mode 600 and unreadable for uid 10001; add --chmod=644")


def test_target_stage():
    text = "FROM python:3.12-slim AS app\nCMD x\nFROM python:3.12-slim AS tests\nCMD y\n"
    fixed, _ = apply(text, "DF101", target="APP")
    assert fixed == "FROM python:3.12-slim AS app\n" + DEBIAN_USER + "CMD x\nFROM python:3.12-slim AS tests\nCMD y\n"


def test_gunicorn_tmp_dir_folder_given_to_user():
    text = ('FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS="--worker-tmp-dir=/run/gunicorn"\n'
            "RUN mkdir -p /run/gunicorn\nCMD gunicorn app:app\n")
    fixed, report = apply(text, "DF101")
    assert " && mkdir -p /run/gunicorn && chown 10001:10001 /run/gunicorn\nUSER 10001:10001\n" in fixed
    assert report == ["DF101 run as uid 10001 (created user appuser); /run/gunicorn given to it "
                      "because gunicorn writes there"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('FROM python:3.12-slim\nWORKDIR /srv\nCMD ["gunicorn", "--pid", "g.pid", "a:b"]\n', id="pid in workdir"),
        pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "--access-logfile", "/var/log/a.log", "a:b"]\n', id="log in var log"),
        pytest.param("FROM python:3.12-slim\nONBUILD RUN pip install -r requirements.txt\n", id="onbuild run"),
        pytest.param("FROM python:3.12-slim AS app\nCMD x\nFROM app AS tests\nRUN pip install pytest\n", id="child stage runs"),
    ],
)
def test_keeps_root_for_unsafe_writes(text):
    options = {"target": "app"} if "AS app" in text else {}
    fixed, report = apply(text, "DF101", **options)
    assert fixed == text
    assert len(report) == 1
    assert report[0].startswith("DF101 note: not adding USER: ")


def test_log_to_stdout_is_fine():
    text = 'FROM python:3.12-slim\nCMD ["gunicorn", "--access-logfile", "-", "--pid", "/tmp/g.pid", "a:b"]\n'
    assert "USER 10001:10001" in apply(text, "DF101")[0]


@pytest.mark.parametrize(
    "run, user",
    [
        pytest.param("useradd app -ms /bin/bash", "app", id="combined flags take a value"),
        pytest.param("adduser --disabled-password --gecos '' app && adduser app sudo", "app", id="adduser to group ignored"),
        pytest.param("adduser -D -u 1200 -h /home/web web", "1200", id="alpine adduser"),
    ],
)
def test_existing_user_parsed(run, user):
    fixed, _ = apply(f"FROM python:3.12-slim\nRUN {run}\nCMD x\n", "DF101")
    assert f"\nUSER {user}\n" in fixed


def test_taken_id_is_noted():
    text = "FROM python:3.12-slim\nRUN groupadd -g 10001 web\nCMD x\n"
    fixed, report = apply(text, "DF101")
    assert fixed == text
    assert report == ["DF101 note: not adding USER: id 10001 is already used by a user or group "
                      "created here. Pass --uid with a free id"]


def test_volume_before_named_user_is_noted():
    text = "FROM python:3.12-slim\nVOLUME /data\nRUN useradd -m app\nCMD x\n"
    fixed, report = apply(text, "DF101")
    assert fixed == text
    assert "a VOLUME comes before user app is created" in report[0]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("FROM python:3.12-slim\nENV PIP_USER=1\nRUN pip install flask\nCMD x\n", id="pip user env"),
        pytest.param("FROM python:3.12 AS b\nRUN pip install --user flask\nFROM python:3.12-slim\n"
                     "COPY --from=b /root/.local /root/.local\nCMD [\"python\", \"-m\", \"gunicorn\", \"a:b\"]\n", id="copied into root"),
        pytest.param('FROM python:3.12-slim\nCMD ["/root/.local/bin/gunicorn", "a:b"]\n', id="program under root"),
    ],
)
def test_root_only_installs_keep_root(text):
    fixed, report = apply(text, "DF101")
    assert fixed == text
    assert report[0].startswith("DF101 note: not adding USER: ")


def test_unknown_entrypoint_script_keeps_root():
    text = ("FROM python:3.12-slim\nRUN curl -o /usr/local/bin/start https://example.com/start\n"
            'ENTRYPOINT ["start"]\nCMD ["gunicorn", "a:b"]\n')
    fixed, report = apply(text, "DF101")
    assert fixed == text
    assert report == ["DF101 note: not adding USER: cannot check start, which is not in the build "
                      "context and may need root when the container starts. Check it, then add USER by hand"]
