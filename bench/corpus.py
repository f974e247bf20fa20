"""Generate a seeded corpus of realistic Dockerfiles for the benchmark.

Each Dockerfile goes into its own folder, as in a repository, next to the files that
its COPY lines name (requirements.txt, the application module, start scripts, a
gunicorn.conf.py). File number i depends only on the seed and i, so the corpus of
1,000 files is the first 1,000 folders of the corpus of 10,000 with the same seed.

Usage: python bench/corpus.py --count 1000 --seed 7 OUT_DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

PYTHON_VERSIONS = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13")

# (image template, OS family); {v} is a Python version from PYTHON_VERSIONS.
BASES = (
    ("python:{v}-slim", "debian"),
    ("python:{v}-slim", "debian"),
    ("python:{v}-slim-bookworm", "debian"),
    ("python:{v}-bookworm", "debian"),
    ("python:{v}", "debian"),
    ("python:{v}-alpine", "alpine"),
    ("python:{v}-alpine3.20", "alpine"),
    ("ubuntu:22.04", "ubuntu"),
    ("ubuntu:24.04", "ubuntu"),
    ("debian:bookworm-slim", "ubuntu"),
    ("registry.access.redhat.com/ubi9/python-311", "ubi"),
    ("registry.access.redhat.com/ubi9/python-312", "ubi"),
)

DISTROLESS_BASES = (
    "gcr.io/distroless/python3-debian12",
    "gcr.io/distroless/python3-debian12:nonroot",
)

OS_PACKAGES = {
    "debian": ("build-essential", "gcc", "libpq-dev", "curl", "git", "libffi-dev",
               "libssl-dev", "netcat-openbsd", "gettext", "libjpeg-dev", "zlib1g-dev",
               "libxml2-dev", "libxslt1-dev", "default-libmysqlclient-dev", "pkg-config",
               "tini", "ca-certificates", "locales", "tzdata", "wget", "unzip",
               "libmagic1", "poppler-utils", "ffmpeg", "graphviz", "libgeos-dev"),
    "alpine": ("build-base", "gcc", "musl-dev", "libffi-dev", "postgresql-dev",
               "jpeg-dev", "zlib-dev", "curl", "git", "tini", "libxml2-dev",
               "libxslt-dev", "mariadb-dev", "linux-headers", "bash", "tzdata"),
    "ubi": ("gcc", "libpq-devel", "git", "openssl-devel", "libffi-devel",
            "make", "zlib-devel", "libjpeg-turbo-devel"),
}
OS_PACKAGES["ubuntu"] = OS_PACKAGES["debian"]

PIP_PACKAGES = ("flask", "django", "fastapi", "gunicorn", "uvicorn[standard]", "psycopg2",
                "psycopg[binary]", "sqlalchemy", "celery", "redis", "requests", "boto3",
                "pydantic", "whitenoise", "django-environ", "sentry-sdk", "pillow",
                "numpy", "pandas", "alembic", "marshmallow", "httpx", "jinja2")

# Application kind -> (WSGI or ASGI target, module file written into the context).
APPS = {
    "flask": (("app:app", "wsgi:app", "app:create_app()", "myapp.wsgi:application"),
              "app.py"),
    "django": (("mysite.wsgi:application", "config.wsgi", "project.wsgi:application"),
               "manage.py"),
    "fastapi": (("main:app", "app.main:app", "api.server:app"), "main.py"),
}

COMMENT_LINES = (
    "# Install system dependencies",
    "# Keeps Python from generating .pyc files in the container",
    "# Turns off buffering for easier container logging",
    "# Install pip requirements",
    "# Copy the application code",
    "# Build tools are only needed to compile wheels",
    "# TODO: pin these versions",
    "# See https://docs.docker.com/develop/develop-images/dockerfile_best-practices/",
)


@dataclass
class Repository:
    """One generated repository: the Dockerfile and the context files it copies."""

    lines: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # relative path -> content
    executable: set[str] = field(default_factory=set)
    crlf: bool = False
    # Written as dockerfix would leave it: OS upgrade, non-root USER, Gunicorn tuned.
    hardened: bool = False

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def python_version(rng: random.Random) -> str:
    return rng.choices(PYTHON_VERSIONS, weights=(1, 2, 3, 5, 6, 3))[0]


def target_line_count(rng: random.Random) -> int:
    """Draw a Dockerfile length in lines: mostly 15 to 60, with a tail to about 300."""
    roll = rng.random()
    if roll < 0.15:
        return rng.randint(8, 15)
    if roll < 0.80:
        return rng.randint(15, 60)
    if roll < 0.96:
        return rng.randint(60, 150)
    return rng.randint(150, 320)


def package_install(rng: random.Random, family: str, count: int, one_per_line: bool,
                    upgrade: bool = False) -> list[str]:
    """Return a RUN instruction that installs OS packages, split over continuation lines.

    With `upgrade`, the same RUN first upgrades the installed OS packages.
    """
    pool = OS_PACKAGES[family]
    chosen = [pool[(start + i) % len(pool)] for start in [rng.randrange(len(pool))]
              for i in range(min(count, len(pool)))]
    if count > len(pool):  # long lists repeat versioned names, as pinned lists do
        chosen += [f"{pool[i % len(pool)]}-extra{i}" for i in range(count - len(pool))]
    if family == "alpine":
        head, tail = "RUN apk add --no-cache", []
        if upgrade:
            head = "RUN apk upgrade --no-cache \\\n    && apk add --no-cache"
    elif family == "ubi":
        head, tail = "RUN dnf install -y", ["    && dnf clean all"]
        if upgrade:
            head = "RUN dnf -y upgrade \\\n    && dnf install -y"
    else:
        upgrade_step = "    && apt-get -y upgrade \\\n" if upgrade else ""
        head = ("RUN apt-get update \\\n" + upgrade_step
                + "    && apt-get install -y --no-install-recommends")
        tail = ["    && rm -rf /var/lib/apt/lists/*"]
    if not one_per_line:
        body = [f"{head} {' '.join(chosen)}"]
    else:
        body = [f"{head} \\"]
        for index, name in enumerate(chosen):
            if index and index % 6 == 0 and rng.random() < 0.5:
                body.append("    # needed to build wheels that have no binary release")
            body.append(f"        {name} \\")
        body[-1] = body[-1].removesuffix(" \\")
    if tail:
        body[-1] += " \\"
        body.extend(tail[:-1])
        body.append(tail[-1])
    return "\n".join(body).split("\n")


def heredoc_run(rng: random.Random, family: str) -> list[str]:
    installer = {"alpine": "apk add --no-cache curl", "ubi": "dnf install -y curl"}.get(
        family, "apt-get update && apt-get install -y --no-install-recommends curl")
    return [
        "RUN <<EOF",
        "set -eux",
        installer,
        "pip install --no-cache-dir --upgrade pip setuptools wheel",
        "mkdir -p /app/static /app/media",
        "EOF",
    ]


def write_requirements(rng: random.Random, repo: Repository, kind: str) -> None:
    needed = {"flask": ["flask"], "django": ["django"], "fastapi": ["fastapi"]}[kind]
    extra = rng.sample(PIP_PACKAGES, rng.randint(2, 8))
    names = list(dict.fromkeys(needed + ["gunicorn"] + extra))
    repo.files["requirements.txt"] = "".join(
        f"{name}=={rng.randint(1, 5)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}\n" for name in names
    )


def write_app_module(repo: Repository, kind: str) -> None:
    module = APPS[kind][1]
    if kind == "flask":
        repo.files[module] = ("from flask import Flask\n\napp = Flask(__name__)\n\n\n"
                              "@app.route('/')\ndef index():\n    return 'ok'\n")
    elif kind == "django":
        repo.files[module] = ("#!/usr/bin/env python\nimport os\nimport sys\n\n"
                              "if __name__ == '__main__':\n"
                              "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                              "    from django.core.management import execute_from_command_line\n"
                              "    execute_from_command_line(sys.argv)\n")
    else:
        repo.files[module] = ("from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
                              "@app.get('/')\ndef index():\n    return {'status': 'ok'}\n")


def gunicorn_words(rng: random.Random, kind: str, target: str, hardened: bool) -> list[str]:
    """Return the words of a Gunicorn command line: options in one of several styles."""
    port = rng.choice(("8000", "8000", "8080", "5000", "${PORT:-8000}"))
    words = ["gunicorn"]
    bind = rng.choice((["--bind", f"0.0.0.0:{port}"], ["-b", f":{port}"],
                       [f"--bind=0.0.0.0:{port}"]))
    words += bind
    if hardened:
        words += ["--worker-tmp-dir", "/dev/shm", "--workers", "2"]
        if kind != "fastapi":
            words += ["--threads", "4"]
    elif rng.random() < 0.3:
        words += rng.choice((["-w", "4"], ["--workers", "3"], ["--workers=2"]))
    if kind == "fastapi":
        words += ["-k", "uvicorn.workers.UvicornWorker"]
    if rng.random() < 0.25:
        words += rng.choice((["--timeout", "120"], ["--access-logfile", "-"],
                             ["--log-level", "info"], ["--preload"]))
    words.append(target)
    return words


def exec_form(words: list[str]) -> str:
    return "[" + ", ".join(f'"{word}"' for word in words) + "]"


def start_command(rng: random.Random, repo: Repository, kind: str) -> list[str]:
    """Return the CMD/ENTRYPOINT lines, writing any start script or config file they use."""
    target = rng.choice(APPS[kind][0])
    words = gunicorn_words(rng, kind, target, repo.hardened)
    plain = [w for w in words if "$" not in w]
    shape = rng.choices(
        ("exec", "shell", "sh-c", "entrypoint-cmd", "python-m", "config", "script",
         "entrypoint-exec", "env-args", "wrapper", "heredoc-script", "other-server"),
        weights=(22, 10, 8, 6, 5, 6, 8, 5, 6, 5, 3, 16),
    )[0]
    if repo.hardened and shape in ("shell", "sh-c", "config", "env-args"):
        shape = "exec"  # these shapes would get exec or settings added by dockerfix

    if shape == "exec":
        return [f"CMD {exec_form(plain)}"]
    if shape == "shell":
        return [f"CMD {' '.join(words)}"]
    if shape == "sh-c":
        before = "python manage.py migrate --noinput && " if kind == "django" else ""
        return [f'CMD ["sh", "-c", "{before}{" ".join(words)}"]']
    if shape == "entrypoint-cmd":
        return ['ENTRYPOINT ["gunicorn"]', f"CMD {exec_form(plain[1:])}"]
    if shape == "python-m":
        return [f"CMD {exec_form(['python', '-m'] + plain)}"]

    if shape == "config":
        repo.files["gunicorn.conf.py"] = (
            'bind = "0.0.0.0:8000"\n'
            + rng.choice(("", "workers = 3\n", "import multiprocessing\n\n"
                          "workers = multiprocessing.cpu_count() * 2 + 1\n"))
            + 'accesslog = "-"\n'
        )
        return ["COPY gunicorn.conf.py .",
                f'CMD ["gunicorn", "-c", "gunicorn.conf.py", "{target}"]']

    if shape == "script":
        migrate = "python manage.py migrate --noinput\n" if kind == "django" else ""
        repo.files["start.sh"] = f"#!/bin/sh\nset -e\n{migrate}exec {' '.join(words)}\n"
        repo.executable.add("start.sh")
        return ["COPY start.sh /start.sh", "RUN chmod +x /start.sh", 'CMD ["/start.sh"]']
    if shape == "entrypoint-exec":
        repo.files["docker-entrypoint.sh"] = (
            '#!/bin/sh\nset -e\necho "starting $@"\nexec "$@"\n')
        repo.executable.add("docker-entrypoint.sh")
        return ["COPY docker-entrypoint.sh /usr/local/bin/",
                'ENTRYPOINT ["docker-entrypoint.sh"]', f"CMD {exec_form(plain)}"]

    if shape == "env-args":
        args = rng.choice(('"--bind=0.0.0.0:8000 --workers=3"', '"--bind 0.0.0.0:8000"',
                           "--bind=0.0.0.0:8000"))
        return [f"ENV GUNICORN_CMD_ARGS={args}", f'CMD ["gunicorn", "{target}"]']
    if shape == "wrapper":
        wrapper = rng.choice((["ddtrace-run"], ["opentelemetry-instrument"], ["poetry", "run"],
                              ["newrelic-admin", "run-program"]))
        return [f"CMD {exec_form(wrapper + plain)}"]

    if shape == "heredoc-script":
        return ["COPY --chmod=755 <<EOF /start.sh", "#!/bin/sh", "set -e",
                f"exec {' '.join(words)}", "EOF", 'CMD ["/start.sh"]']
    return [rng.choice({
        "flask": ('CMD ["flask", "run", "--host=0.0.0.0"]', 'CMD ["python", "app.py"]',
                  "CMD python app.py"),
        "django": ('CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]',
                   'CMD ["celery", "-A", "mysite", "worker", "-l", "info"]'),
        "fastapi": ('CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]',
                    "CMD uvicorn main:app --host 0.0.0.0 --port $PORT",
                    'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload"]'),
    }[kind])]


def env_block(rng: random.Random, count: int) -> list[str]:
    pool = ("PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "PIP_NO_CACHE_DIR=1",
            "PIP_DISABLE_PIP_VERSION_CHECK=1", "LANG=C.UTF-8", "TZ=UTC",
            "APP_HOME=/app", "PORT=8000", "DJANGO_SETTINGS_MODULE=mysite.settings",
            "FLASK_APP=app.py", "PATH=/opt/venv/bin:$PATH")
    chosen = rng.sample(pool, min(count, len(pool)))
    if rng.random() < 0.5:
        return [f"ENV {item}" for item in chosen]
    return ["ENV " + " \\\n    ".join(chosen)]


def filler(rng: random.Random, index: int, family: str, upgrade: bool) -> list[str]:
    """Return one block that long Dockerfiles repeat: labels, ENV, comments, RUN steps.

    Long files grow mostly through long RUN instructions rather than many short ones.
    A distroless stage has no shell, so it only gets LABEL, ENV and comment lines.
    """
    kinds = ("label", "env", "comment", "packages", "chain", "small-run")
    weights = (2, 2, 1, 3, 2, 1) if family != "distroless" else (2, 2, 1, 0, 0, 0)
    choice = rng.choices(kinds, weights=weights)[0]
    if choice == "label":
        keys = ("title", "description", "vendor", "licenses", "source", "documentation")
        chosen = rng.sample(keys, rng.randint(1, len(keys)))
        lines = [f'org.opencontainers.image.{key}="{key} of block {index}"' for key in chosen]
        return ["LABEL " + " \\\n      ".join(lines)]
    if choice == "env":
        return [f"ENV FEATURE_FLAG_{index}={rng.choice(('true', 'false', '0', '1'))}"]
    if choice == "comment":
        return [f"# Step {index}: the lines below prepare the runtime folders",
                "# and must stay in this order for the layer cache."]
    if choice == "packages":
        return package_install(rng, family, rng.randint(5, 25), True, upgrade)
    if choice == "chain":
        steps = [f"mkdir -p /app/data{index}/part{step}" for step in range(rng.randint(2, 8))]
        steps.append(f"echo 'prepared {index}' > /app/data{index}/README")
        return [f"# Folder for data set {index}",
                "RUN set -eux; \\\n    " + " \\\n    && ".join(steps)]
    return [f"RUN pip install --no-cache-dir package{index}=={rng.randint(1, 9)}.0"]


def builder_stage(rng: random.Random, repo: Repository, base: str, family: str,
                  venv: bool) -> None:
    """Add a stage that builds the dependencies into a venv or into wheels."""
    repo.add(f"FROM {base} AS builder", "")
    repo.add("# Build tools are only needed to compile wheels")
    repo.add(*package_install(rng, family, rng.randint(2, 6), rng.random() < 0.5,
                              repo.hardened))
    repo.add("WORKDIR /build", "COPY requirements.txt .")
    if venv:
        repo.add("RUN python -m venv /opt/venv \\",
                 "    && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt")
    else:
        repo.add("RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt")
    repo.blank()


def final_stage_base(rng: random.Random, version: str) -> tuple[str, str, bool]:
    """Return (FROM line's image, OS family, whether an ARG sets the version)."""
    template, family = rng.choice(BASES)
    uses_arg = "{v}" in template and rng.random() < 0.2
    image = template.format(v="${PYTHON_VERSION}" if uses_arg else version)
    return image, family, uses_arg


def generate_repository(seed: int, number: int, line_count: int | None = None) -> Repository:
    """Build repository `number` of the corpus for `seed`; same inputs, same output.

    `line_count` replaces the drawn length. Files never get shorter than their
    instructions need (about 10 to 30 lines), so small values are approximate.
    """
    rng = random.Random(f"dockerfix-bench-{seed}-{number}")
    repo = Repository(crlf=rng.random() < 0.03, hardened=rng.random() < 0.12)
    budget = target_line_count(rng)
    if line_count is not None:
        budget = line_count
    kind = rng.choices(tuple(APPS), weights=(5, 3, 3))[0]
    version = python_version(rng)
    write_requirements(rng, repo, kind)
    write_app_module(repo, kind)

    image, family, uses_arg = final_stage_base(rng, version)
    if rng.random() < 0.15 or budget > 200:
        repo.add("# syntax=docker/dockerfile:1")
    if uses_arg:
        default = f"={version}" if rng.random() < 0.9 else ""
        repo.add(f"ARG PYTHON_VERSION{default}")
    stages = "single"
    if budget > 25 and rng.random() < 0.35:
        stages = "distroless" if rng.random() < 0.25 else "multi"
    venv = stages == "distroless" or rng.random() < 0.5
    if stages == "distroless":
        builder_stage(rng, repo, f"python:{version}-slim", "debian", venv)
        image, family = rng.choice(DISTROLESS_BASES), "distroless"
        if repo.hardened:
            image = DISTROLESS_BASES[1]
    elif stages == "multi":
        builder_stage(rng, repo, image, family, venv)
    repo.add(f"FROM {image}")
    if rng.random() < 0.2:
        repo.add('LABEL maintainer="team@example.com"')
    repo.blank()
    write_stage_setup(rng, repo, family)
    tail = stage_tail(rng, repo, kind, family, stages, venv)
    grow(rng, repo, family, budget - len(repo.lines) - len(tail))
    repo.blank()
    repo.add(*tail)
    return repo


def write_stage_setup(rng: random.Random, repo: Repository, family: str) -> None:
    """Add the shipped stage's ENV lines and OS package steps."""
    if rng.random() < 0.7:
        if rng.random() < 0.3:
            repo.add("# Keeps Python from generating .pyc files in the container")
        repo.add(*env_block(rng, rng.randint(1, 4)))
        repo.blank()
    if family == "distroless":
        return
    if family == "ubi":
        repo.add("USER 0")
    if rng.random() < 0.75 or repo.hardened:
        repo.add("# Install system dependencies")
        repo.add(*package_install(rng, family, rng.randint(2, 9), rng.random() < 0.6,
                                  repo.hardened))
    if family == "ubuntu":
        repo.add(*package_install(rng, "ubuntu", 3, False)[:-1],
                 "        python3 python3-pip python3-venv \\",
                 "    && rm -rf /var/lib/apt/lists/*")
    if rng.random() < 0.06:
        repo.add(*heredoc_run(rng, family))
    if family == "ubi":
        repo.add("USER 1001")


def stage_tail(rng: random.Random, repo: Repository, kind: str, family: str, stages: str,
               venv: bool) -> list[str]:
    """Return the lines that end the shipped stage: code, dependencies and start command."""
    workdir = rng.choice(("/app", "/app", "/usr/src/app", "/code", "/opt/app-root/src"))
    tail = ["", f"WORKDIR {workdir}"]
    if stages == "single":
        tail += [f"{add_word(rng, repo)} requirements.txt .",
                 rng.choice(("RUN pip install --no-cache-dir -r requirements.txt",
                             "RUN pip install -r requirements.txt",
                             "RUN pip install --upgrade pip \\\n"
                             "    && pip install --no-cache-dir -r requirements.txt"))]
    elif venv:
        tail += ["COPY --from=builder /opt/venv /opt/venv"]
        if stages == "multi":
            tail += ["ENV PATH=/opt/venv/bin:$PATH"]
    else:
        tail += ["COPY --from=builder /wheels /wheels",
                 "RUN pip install --no-cache-dir /wheels/* \\", "    && rm -rf /wheels"]
    if rng.random() < 0.1 and family != "distroless" and not repo.hardened:
        tail += ["ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini",
                 "RUN chmod +x /tini"]
    if rng.random() < 0.05 and not repo.hardened:
        tail += ["ADD vendor.tar.gz /opt/vendor/"]
    tail += [rng.choice(("# Copy the application code", "")),
             f"{add_word(rng, repo)} . {workdir}"]
    if kind == "django" and family != "distroless" and rng.random() < 0.6:
        tail += ["RUN python manage.py collectstatic --noinput"]
    if rng.random() < 0.05 and family != "distroless":
        tail += ["VOLUME /app/media"]
    if repo.hardened:
        tail += create_user(family)
    tail += [""]
    if rng.random() < 0.8:
        tail += [f"EXPOSE {rng.choice(('8000', '8080', '5000'))}"]
    if rng.random() < 0.1 and family not in ("distroless", "alpine"):
        tail += ["HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8000/ || exit 1"]
    if family == "distroless":
        tail += [f'ENTRYPOINT ["/opt/venv/bin/python", "-m", "gunicorn", "--bind", '
                 f'"0.0.0.0:8000", "{APPS[kind][0][0]}"]']
    else:
        tail += start_command(rng, repo, kind)
    return [line for index, line in enumerate(tail)
            if line or (index and tail[index - 1])]  # no doubled blank lines


def add_word(rng: random.Random, repo: Repository) -> str:
    """Return ADD for about 30% of local copies, as older Dockerfiles have them."""
    return "ADD" if rng.random() < 0.3 and not repo.hardened else "COPY"


def create_user(family: str) -> list[str]:
    """Return the lines that create and switch to a non-root user."""
    if family == "alpine":
        return ["RUN addgroup -S app && adduser -S -G app app", "USER app"]
    if family in ("debian", "ubuntu"):
        return ["RUN groupadd --system app \\",
                "    && useradd --system --gid app --create-home app", "USER app"]
    return []  # Red Hat's Python images run as 1001 and distroless :nonroot as 65532


def grow(rng: random.Random, repo: Repository, family: str, missing: int) -> None:
    """Add instructions until the Dockerfile reaches its drawn length."""
    index = 0
    while missing > 0:
        block = filler(rng, index, family, repo.hardened)
        if rng.random() < 0.3 and repo.lines[-1] != "":
            block = [""] + block
        repo.add(*block)
        missing -= sum(part.count("\n") + 1 for part in block)
        index += 1


def dockerfile_text(repo: Repository) -> str:
    text = "\n".join(repo.lines).rstrip("\n") + "\n"
    return text.replace("\n", "\r\n") if repo.crlf else text


def write_corpus(out_dir: Path, count: int, seed: int,
                 line_count: int | None = None) -> list[Path]:
    """Write `count` repositories into out_dir and return their Dockerfile paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(count)))
    paths = []
    for number in range(count):
        repo = generate_repository(seed, number, line_count)
        folder = out_dir / f"repo-{number:0{width}d}"
        folder.mkdir(exist_ok=True)
        dockerfile = folder / "Dockerfile"
        dockerfile.write_bytes(dockerfile_text(repo).encode("utf-8"))
        for name, content in repo.files.items():
            path = folder / name
            path.write_text(content, encoding="utf-8")
            path.chmod(0o755 if name in repo.executable else 0o644)
        paths.append(dockerfile)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the repositories into")
    parser.add_argument("--count", type=int, default=1000, help="number of Dockerfiles")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    parser.add_argument("--lines", type=int, default=None,
                        help="approximate length of every Dockerfile, in lines "
                             "(default: drawn per file, from about 10 to 320)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error(f"--count must be at least 1, got {args.count}")
    paths = write_corpus(args.out_dir, args.count, args.seed, args.lines)
    lines = sum(path.read_bytes().count(b"\n") for path in paths)
    print(f"wrote {len(paths)} Dockerfiles ({lines} lines) to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
