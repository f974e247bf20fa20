"""Configuration files, Compose build entries, exclusion and bulk runs."""

from __future__ import annotations

import pytest

from tests.helpers import dockerfix

FLASK = """FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["gunicorn", "app:app"]
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "Dockerfile").write_text(FLASK)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pyproject_table_sets_options(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.dockerfix]\nuid = 2000\nignore = ["DF201"]\n')
    run = dockerfix("fix", "svc/Dockerfile")
    out = run.stdout.decode()
    assert "+USER 2000:2000" in out
    assert "apt-get" not in out


def test_dotfile_wins_over_pyproject_and_cli_wins_over_both(repo):
    (repo / "pyproject.toml").write_text("[tool.dockerfix]\nuid = 2000\n")
    (repo / "svc" / ".dockerfix.toml").write_text("uid = 3000\nworkers = 5\n")
    out = dockerfix("fix", "--uid", "4000", "svc/Dockerfile").stdout.decode()
    assert "+USER 4000:4000" in out
    assert '"--workers", "5"' in out


def test_compose_build_entry_gives_context_and_target(repo):
    (repo / "app.py").write_text("x")
    (repo / "svc" / "Dockerfile").write_text(
        "FROM python:3.12-slim AS app\nADD app.py /app/\nCMD [\"gunicorn\", \"app:app\"]\n"
        "FROM python:3.12-slim AS tests\nCMD [\"pytest\"]\n"
    )
    (repo / "compose.yaml").write_text(
        "services:\n  web:\n    build:\n      context: .\n      dockerfile: svc/Dockerfile\n"
        "      target: app\n      args:\n        - A=1\n"
    )
    out = dockerfix("fix", "svc/Dockerfile").stdout.decode()
    assert "+COPY app.py /app/" in out  # the context is the repository root
    assert '+CMD ["gunicorn", "--worker-tmp-dir"' in out  # the target is the app stage


@pytest.mark.parametrize(
    "config, message",
    [
        pytest.param("uid = 2000\ncolour = true\n", ".dockerfix.toml:2: unknown key 'colour'", id="unknown key"),
        pytest.param('workers = "two"\n', ".dockerfix.toml:1: workers must be an integer, not a string", id="wrong type"),
        pytest.param('select = ["DF999"]\n', "select: unknown transform 'DF999'", id="unknown code"),
        pytest.param("uid = [\n", "invalid TOML", id="bad toml"),
    ],
)
def test_bad_config_fails_the_file(repo, config, message):
    (repo / "svc" / ".dockerfix.toml").write_text(config)
    (repo / "other").mkdir()
    (repo / "other" / "Dockerfile").write_text(FLASK)
    run = dockerfix("fix", "svc/Dockerfile", "other/Dockerfile")
    assert run.exit_code == 123
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert message in errors[0]
    assert run.stdout.startswith(b"--- a/other/Dockerfile")


def test_gitignore_and_exclude_skip_found_files(repo):
    for name in ("build/Dockerfile", "vendor/x/Dockerfile", "keep/Dockerfile"):
        (repo / name).parent.mkdir(parents=True)
        (repo / name).write_text(FLASK)
    (repo / ".gitignore").write_text("build/\n")
    run = dockerfix("fix", "--check", "--exclude", "vendor/", ".")
    fixed = sorted(line.split()[-1] for line in run.stderr.splitlines() if line.startswith("would fix"))
    assert fixed == ["keep/Dockerfile", "svc/Dockerfile"]


def test_config_exclude_applies_to_found_files_only(repo):
    (repo / ".dockerfix.toml").write_text('exclude = ["svc/"]\n')
    assert "would fix" not in dockerfix("fix", "--check", ".").stderr
    assert "would fix svc/Dockerfile" in dockerfix("fix", "--check", "svc/Dockerfile").stderr


def test_config_exclude_applies_to_every_found_file(repo):
    (repo / ".dockerfix.toml").write_text('exclude = ["svc/", "old/"]\n')
    for name in ("svc", "old", "web"):
        (repo / name).mkdir(exist_ok=True)
        (repo / name / "Dockerfile").write_text(FLASK)
    fixed = [line for line in dockerfix("fix", "--check", ".").stderr.splitlines()
             if line.startswith("would fix")]
    assert fixed == ["would fix web/Dockerfile"]


def test_parallel_run_matches_serial(repo):
    for index in range(40):
        folder = repo / "many" / f"s{index:02}"
        folder.mkdir(parents=True)
        (folder / "Dockerfile").write_text(FLASK.replace("app:app", f"app{index}:app"))
    together = dockerfix("fix", "many")
    one_by_one = b"".join(
        dockerfix("fix", f"many/s{index:02}/Dockerfile").stdout for index in range(40)
    )
    assert together.exit_code == 0
    assert together.stdout == one_by_one
    assert together.stderr.splitlines()[-1] == "40 files would be fixed, 0 unchanged, 0 failed."


def test_color_only_when_asked(repo, monkeypatch):
    plain = dockerfix("fix", "svc/Dockerfile").stdout
    colored = dockerfix("fix", "--color", "svc/Dockerfile").stdout
    assert b"\x1b[" not in plain
    assert b"\x1b[32m+USER 10001:10001" in colored


STAGES = """FROM python:3.12-slim AS base
FROM base AS prod
CMD ["gunicorn", "app:app"]
FROM base AS dev
CMD ["flask", "run"]
"""


@pytest.fixture
def plain_folder(tmp_path, monkeypatch):
    """A project folder that is not in a git repository."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(tmp_path)
    return project


def fixed_files(stderr: str) -> list[str]:
    return [line.split()[-1] for line in stderr.splitlines() if line.startswith("would fix")]


def test_outside_git_gitignore_covers_searched_folder(plain_folder):
    (plain_folder / ".gitignore").write_text("build/\n*.gen.Dockerfile\n")
    for name in ("build/Dockerfile", "x.gen.Dockerfile", "web/Dockerfile"):
        (plain_folder / name).parent.mkdir(exist_ok=True)
        (plain_folder / name).write_text(FLASK)
    assert fixed_files(dockerfix("fix", "--check", "project").stderr) == ["project/web/Dockerfile"]


def test_outside_git_config_covers_searched_folder(plain_folder):
    (plain_folder / ".dockerfix.toml").write_text('exclude = ["legacy/"]\nuid = 20002\n')
    for name in ("legacy", "web"):
        (plain_folder / name).mkdir()
        (plain_folder / name / "Dockerfile").write_text(FLASK)
    run = dockerfix("fix", "--diff", "project")
    assert fixed_files(run.stderr) == ["project/web/Dockerfile"]
    assert run.stdout.count(b"--- a/") == 1, run
    assert b"--- a/project/web/Dockerfile" in run.stdout
    assert b"--uid 20002" in run.stdout


def test_outside_git_search_stops_at_searched_folder(plain_folder):
    (plain_folder / ".dockerfix.toml").write_text('exclude = ["web/"]\n')
    (plain_folder / "sub" / "web").mkdir(parents=True)
    (plain_folder / "sub" / "web" / "Dockerfile").write_text(FLASK)
    run = dockerfix("fix", "--check", "project/sub")
    assert fixed_files(run.stderr) == ["project/sub/web/Dockerfile"]


def test_outside_git_compose_above_named_file(plain_folder, monkeypatch):
    (plain_folder / "docker").mkdir()
    (plain_folder / "docker" / "Dockerfile").write_text(STAGES)
    (plain_folder / "docker-compose.yml").write_text(
        "services:\n  web:\n    build:\n      context: .\n"
        "      dockerfile: docker/Dockerfile\n      target: prod\n"
    )
    monkeypatch.chdir(plain_folder)
    run = dockerfix("fix", "--diff", "docker/Dockerfile")
    assert b'+CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm"' in run.stdout, run
    assert b' CMD ["flask", "run"]' in run.stdout
