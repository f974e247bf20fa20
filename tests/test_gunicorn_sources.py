"""Gunicorn configured in start scripts, gunicorn.conf.py and the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import dockerfix

BASE = "FROM python:3.12-slim\n"


def run(tmp_path: Path, dockerfile: str, files: dict[str, str], *options: str):
    """Write a build context, run `fix --write`, return (Dockerfile, files, report)."""
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
    (tmp_path / "Dockerfile").write_text(dockerfile)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = dockerfix("fix", "--write", *options, "Dockerfile")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result
    written = {name: (tmp_path / name).read_bytes().decode() for name in files}
    report = [line for line in result.stderr.splitlines() if " DF" in line or "note:" in line]
    return (tmp_path / "Dockerfile").read_text(), written, report


@pytest.mark.parametrize(
    "copy, command",
    [
        pytest.param("COPY start.sh /start.sh", 'CMD ["/start.sh"]', id="absolute path"),
        pytest.param("WORKDIR /app\nCOPY . .", 'CMD ["./start.sh"]', id="relative to workdir"),
        pytest.param("WORKDIR /app\nCOPY . .", 'CMD ["sh", "start.sh"]', id="sh script"),
        pytest.param("COPY . /srv/", 'ENTRYPOINT ["/srv/start.sh"]', id="directory copy"),
        pytest.param("COPY start.sh /usr/local/bin/", 'CMD ["start.sh"]', id="on PATH"),
        pytest.param("COPY start.sh /start.sh", "CMD /start.sh", id="shell form"),
    ],
)
def test_script_found_through_copy(tmp_path, copy, command):
    script = "#!/bin/sh\nset -e\ngunicorn -b :8000 app:app\n"
    dockerfile = f"{BASE}{copy}\n{command}\n"
    fixed, files, _ = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF401,DF403")
    assert fixed == dockerfile
    assert files["start.sh"] == "#!/bin/sh\nset -e\nexec gunicorn --worker-tmp-dir /dev/shm -b :8000 app:app\n"


def test_script_keeps_crlf_mode_and_layout(tmp_path):
    script = "#!/bin/bash\r\nexport A=1\r\nexec gunicorn \\\r\n  -b :8000 \\\r\n  app:app\r\n"
    path = tmp_path / "start.sh"
    path.write_bytes(script.encode())
    path.chmod(0o755)
    dockerfile = f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n'
    _, files, _ = run(tmp_path, dockerfile, {}, "--select", "DF401")
    assert path.read_bytes() == script.replace("gunicorn \\", "gunicorn --worker-tmp-dir /dev/shm \\").encode()
    assert path.stat().st_mode & 0o777 == 0o755


def test_script_env_sets_workers(tmp_path):
    script = '#!/bin/sh\nexport WEB_CONCURRENCY="${WEB_CONCURRENCY:-4}"\nexec gunicorn app:app\n'
    dockerfile = f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n'
    _, files, report = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF402")
    assert files["start.sh"] == script
    assert report == []


def test_prefix_assignment_counts_and_blocks_exec(tmp_path):
    script = "#!/bin/sh\nGUNICORN_CMD_ARGS='--threads 2' gunicorn app:app\n"
    dockerfile = f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n'
    _, files, report = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF402,DF403")
    assert files["start.sh"] == script
    assert report == ["start.sh:2 DF403 note: start.sh line 2 runs gunicorn without exec, because "
                      "variable assignments stand in front of it; the shell stays PID 1 and SIGTERM "
                      "will not reach gunicorn"]


def test_trap_blocks_exec(tmp_path):
    script = "#!/bin/sh\ntrap 'echo bye' EXIT\ngunicorn app:app\n"
    dockerfile = f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n'
    _, files, report = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF403")
    assert files["start.sh"] == script
    assert "the script sets a trap, which exec would skip" in report[0]


def test_gunicorn_not_last_in_script_noted(tmp_path):
    script = "#!/bin/sh\ngunicorn app:app &\ngunicorn other:app\necho done\n"
    dockerfile = f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n'
    _, files, report = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF403")
    assert files["start.sh"] == script
    assert len(report) == 2


def test_gosu_in_script_gets_flags_after_gunicorn(tmp_path):
    script = '#!/bin/sh\nchown -R app /data\nexec gosu app gunicorn -b :8000 app:app\n'
    dockerfile = f'{BASE}COPY start.sh /\nENTRYPOINT ["/start.sh"]\n'
    fixed, files, report = run(tmp_path, dockerfile, {"start.sh": script})
    assert "exec gosu app gunicorn --worker-tmp-dir /dev/shm --workers 2 --threads 4 -b" in files["start.sh"]
    assert "USER" not in fixed.split("\n", 2)[2]
    assert any("not adding USER: start.sh drops privileges with gosu" in line for line in report)


def test_exec_args_wrapper_edits_cmd_not_script(tmp_path):
    script = '#!/bin/sh\nset -e\npython manage.py migrate\nexec "$@"\n'
    dockerfile = f'{BASE}COPY docker-entrypoint.sh /\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n'
    fixed, files, _ = run(tmp_path, dockerfile, {"docker-entrypoint.sh": script}, "--select", "DF401")
    assert files["docker-entrypoint.sh"] == script
    assert 'CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "app:app"]' in fixed


def test_script_missing_from_context_noted(tmp_path):
    dockerfile = f'{BASE}COPY bin/ /bin/\nCMD ["/app/start.sh"]\n'
    fixed, _, report = run(tmp_path, dockerfile, {"bin/x": "x"}, "--select", "DF401")
    assert fixed == dockerfile
    assert report == ["Dockerfile:3 DF401 note: the command runs script /app/start.sh, which is not in "
                      "the build context; dockerfix cannot examine it, so Gunicorn started there gets no flags"]


def test_bash_c_string(tmp_path):
    dockerfile = f"{BASE}CMD [\"bash\", \"-c\", \"python manage.py migrate && gunicorn app:app\"]\n"
    fixed, _, _ = run(tmp_path, dockerfile, {}, "--select", "DF401,DF403")
    assert fixed.endswith('CMD ["bash", "-c", "python manage.py migrate && exec gunicorn --worker-tmp-dir /dev/shm app:app"]\n')


@pytest.mark.parametrize(
    "flag, path",
    [
        pytest.param("-c conf/g.py", "conf/g.py", id="path"),
        pytest.param("-c file:conf/g.py", "conf/g.py", id="file prefix"),
        pytest.param("--config=python:conf.g", "conf/g.py", id="python module"),
    ],
)
def test_config_named_on_command_line(tmp_path, flag, path):
    dockerfile = f"{BASE}WORKDIR /srv\nCOPY . .\nCMD gunicorn {flag} app:app\n"
    config = 'bind = "0.0.0.0:8000"\n'
    fixed, files, _ = run(tmp_path, dockerfile, {path: config}, "--select", "DF401,DF402")
    assert fixed == dockerfile
    assert files[path] == config + 'worker_tmp_dir = "/dev/shm"\nworkers = 2\nthreads = 4\n'


def test_config_named_in_cmd_args(tmp_path):
    dockerfile = f'{BASE}WORKDIR /srv\nCOPY . .\nENV GUNICORN_CMD_ARGS="--config=settings.py"\nCMD ["gunicorn", "app:app"]\n'
    fixed, files, _ = run(tmp_path, dockerfile, {"settings.py": "workers = 3\n"}, "--select", "DF401,DF402")
    assert fixed == dockerfile
    assert files["settings.py"] == 'workers = 3\nworker_tmp_dir = "/dev/shm"\n'


def test_implicit_config_follows_chdir(tmp_path):
    dockerfile = f'{BASE}COPY . /srv/\nCMD ["gunicorn", "--chdir", "/srv/web", "app:app"]\n'
    fixed, files, _ = run(tmp_path, dockerfile, {"web/gunicorn.conf.py": "# empty\n"}, "--select", "DF401")
    assert fixed == dockerfile
    assert files["web/gunicorn.conf.py"] == '# empty\nworker_tmp_dir = "/dev/shm"\n'


@pytest.mark.parametrize("copy", [
    pytest.param("WORKDIR /app\nCOPY gunicorn.conf.py .", id="dot"),
    pytest.param("WORKDIR /app\nCOPY gunicorn.conf.py /app", id="workdir without slash"),
    pytest.param("COPY gunicorn.conf.py /", id="root"),
])
def test_implicit_config_copied_into_folder(tmp_path, copy):
    dockerfile = f'{BASE}{copy}\nCMD ["gunicorn", "app:app"]\n'
    fixed, files, _ = run(tmp_path, dockerfile, {"gunicorn.conf.py": "# empty\n"}, "--select", "DF401")
    assert fixed == dockerfile
    assert files["gunicorn.conf.py"] == '# empty\nworker_tmp_dir = "/dev/shm"\n'


def test_config_keeps_crlf_and_missing_final_newline(tmp_path):
    dockerfile = f'{BASE}WORKDIR /srv\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
    config = "# tuned\r\nworkers = 3"
    _, files, _ = run(tmp_path, dockerfile, {"gunicorn.conf.py": config}, "--select", "DF401")
    assert files["gunicorn.conf.py"] == '# tuned\r\nworkers = 3\r\nworker_tmp_dir = "/dev/shm"'


@pytest.mark.parametrize(
    "config, reason",
    [
        pytest.param('bind = ["0.0.0.0:80"]\n', "gunicorn binds port 80", id="port 80 in config"),
        pytest.param('user = "www-data"\n', "gunicorn switches workers to www-data", id="user in config"),
    ],
)
def test_config_settings_reach_user_check(tmp_path, config, reason):
    dockerfile = f'{BASE}WORKDIR /srv\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
    fixed, _, report = run(tmp_path, dockerfile, {"gunicorn.conf.py": config}, "--select", "DF101")
    assert fixed == dockerfile
    assert len(report) == 1
    assert reason in report[0]


def test_config_sets_workers_so_no_flags_anywhere(tmp_path):
    dockerfile = f'{BASE}WORKDIR /srv\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
    config = "import os\nworkers = int(os.environ.get('WORKERS', 2))\nworker_tmp_dir = '/dev/shm'\n"
    fixed, files, report = run(tmp_path, dockerfile, {"gunicorn.conf.py": config}, "--select", "DF401,DF402")
    assert fixed == dockerfile
    assert files["gunicorn.conf.py"] == config
    assert report == []


def test_shared_script_shown_once_in_diff(tmp_path, monkeypatch):
    (tmp_path / "start.sh").write_text("#!/bin/sh\nexec gunicorn app:app\n")
    for name in ("Dockerfile", "Dockerfile.prod"):
        (tmp_path / name).write_text(f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n')
    monkeypatch.chdir(tmp_path)
    result = dockerfix("fix", "--diff", "--select", "DF401", "Dockerfile", "Dockerfile.prod")
    assert result.stdout.decode().count("+++ b/start.sh") == 1
    assert result.stderr.count("would fix") == 2


def test_context_found_above_dockerfile(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "start.sh").write_text("#!/bin/sh\nexec gunicorn app:app\n")
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "Dockerfile").write_text(f'{BASE}COPY start.sh /\nCMD ["/start.sh"]\n')
    monkeypatch.chdir(tmp_path)
    result = dockerfix("fix", "--write", "--select", "DF401", "deploy/Dockerfile")
    assert result.exit_code == 0, result
    assert "deploy/Dockerfile note: using build context ., where every COPY source exists" in result.stderr
    assert (tmp_path / "start.sh").read_text() == "#!/bin/sh\nexec gunicorn --worker-tmp-dir /dev/shm app:app\n"


@pytest.mark.parametrize(
    "line, what",
    [
        pytest.param("python manage.py collectstatic --noinput", "manage.py collectstatic", id="collectstatic"),
        pytest.param("envsubst < /app/tpl > /etc/app.conf", "> /etc/app.conf", id="redirect into image"),
        pytest.param("mkdir -p /app/media", "mkdir -p /app/media", id="mkdir in app"),
        pytest.param("apt-get install -y curl", "apt-get install -y", id="package install"),
        pytest.param("sed -i s/a/b/ /app/settings.py", "sed -i s/a/b/", id="sed in place"),
    ],
)
def test_start_up_writes_keep_root(tmp_path, line, what):
    script = f"#!/bin/sh\nset -e\n{line}\nexec gunicorn app:app\n"
    dockerfile = f'{BASE}WORKDIR /app\nCOPY . .\nCMD ["./start.sh"]\n'
    fixed, _, report = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF101")
    assert fixed == dockerfile
    assert report == [f"Dockerfile:4 DF101 note: not adding USER: start.sh line 3 runs `{what}` at "
                      "start-up, which writes into the image and needs root. Move it to a RUN step "
                      "or make its target writable, then rerun dockerfix"]


def test_start_up_temp_writes_are_fine(tmp_path):
    script = "#!/bin/sh\nmkdir -p /tmp/prometheus\necho ok > /tmp/ready\nexec gunicorn app:app\n"
    dockerfile = f'{BASE}WORKDIR /app\nCOPY . .\nCMD ["./start.sh"]\n'
    fixed, _, _ = run(tmp_path, dockerfile, {"start.sh": script}, "--select", "DF101")
    assert "USER 10001:10001" in fixed


def test_dockerignored_config_is_not_read(tmp_path):
    dockerfile = f'{BASE}WORKDIR /srv\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
    files = {"gunicorn.conf.py": "workers = 8\n", ".dockerignore": "gunicorn.conf.py\n"}
    fixed, written, _ = run(tmp_path, dockerfile, files, "--select", "DF401,DF402")
    assert written["gunicorn.conf.py"] == "workers = 8\n"
    assert 'CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "app:app"]' in fixed


MANAGE_PY = (
    "import os, sys\n"
    "if __name__ == '__main__':\n"
    "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
)


@pytest.mark.parametrize(
    "engine, keeps_root",
    [
        pytest.param("django.db.backends.sqlite3", True, id="sqlite in image"),
        pytest.param("django.db.backends.postgresql", False, id="postgres"),
    ],
)
def test_migrate_at_start_depends_on_database(tmp_path, engine, keeps_root):
    settings = f"DATABASES = {{'default': {{'ENGINE': '{engine}', 'NAME': 'db'}}}}\n"
    files = {"manage.py": MANAGE_PY, "mysite/__init__.py": "", "mysite/settings.py": settings}
    dockerfile = f"{BASE}WORKDIR /app\nCOPY . .\nCMD python manage.py migrate --noinput && gunicorn mysite.wsgi\n"
    fixed, _, report = run(tmp_path, dockerfile, files, "--select", "DF101")
    assert ("USER 10001:10001" not in fixed) is keeps_root
    if keeps_root:
        assert "writes the project's SQLite database into the image" in report[0]


def test_settings_module_from_env(tmp_path):
    files = {"manage.py": "print()\n", "conf/prod.py": "import dj_database_url\nDATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3')}\n"}
    dockerfile = (f"{BASE}WORKDIR /app\nCOPY . .\nENV DJANGO_SETTINGS_MODULE=conf.prod\n"
                  "CMD python manage.py migrate && gunicorn conf.wsgi\n")
    fixed, _, report = run(tmp_path, dockerfile, files, "--select", "DF101")
    assert "USER" not in fixed.split("CMD")[0].split("ENV")[0][len(BASE):]
    assert "SQLite" in report[0]
