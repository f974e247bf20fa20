"""Facts about base images: OS family, default user and end of life, by image name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DEBIAN, ALPINE, REDHAT = "debian", "alpine", "redhat"
DISTROLESS, SCRATCH, WINDOWS, UNKNOWN = "distroless", "scratch", "windows", "unknown"
SHELL_LESS = {DISTROLESS, SCRATCH}

# End of security support, from each project's published schedule
# (devguide.python.org/versions, wiki.debian.org/LTS, alpinelinux.org/releases,
# ubuntu.com/about/release-cycle for standard support).
PYTHON_END_OF_LIFE = {
    "2.7": date(2020, 1, 1),
    "3.5": date(2020, 9, 30),
    "3.6": date(2021, 12, 23),
    "3.7": date(2023, 6, 27),
    "3.8": date(2024, 10, 7),
    "3.9": date(2025, 10, 31),
    "3.10": date(2026, 10, 31),
    "3.11": date(2027, 10, 31),
    "3.12": date(2028, 10, 31),
    "3.13": date(2029, 10, 31),
}
DEBIAN_END_OF_LIFE = {
    "jessie": date(2020, 6, 30),
    "stretch": date(2022, 6, 30),
    "buster": date(2024, 6, 30),
    "bullseye": date(2026, 8, 31),
    "bookworm": date(2028, 6, 30),
}
ALPINE_END_OF_LIFE = {
    "3.14": date(2023, 5, 1),
    "3.15": date(2023, 11, 1),
    "3.16": date(2024, 5, 23),
    "3.17": date(2024, 11, 22),
    "3.18": date(2025, 5, 9),
    "3.19": date(2025, 11, 1),
    "3.20": date(2026, 4, 1),
    "3.21": date(2026, 11, 1),
    "3.22": date(2027, 5, 1),
}
UBUNTU_END_OF_LIFE = {
    "16.04": date(2021, 4, 30),
    "18.04": date(2023, 5, 31),
    "20.04": date(2025, 5, 31),
    "22.04": date(2027, 6, 1),
    "24.04": date(2029, 6, 1),
}

# Only images known by name get OS-level changes: a wrong guess writes apt-get into an
# image that has none. Docker Hub official images built on Debian or Ubuntu:
DEBIAN_OFFICIAL = {"python", "pypy", "debian", "ubuntu", "buildpack-deps", "node", "golang",
                   "ruby", "rust", "php", "perl", "openjdk", "eclipse-temurin", "nginx", "httpd"}
DEBIAN_REPOSITORIES = {"tiangolo/uvicorn-gunicorn", "tiangolo/uvicorn-gunicorn-fastapi",
                       "tiangolo/meinheld-gunicorn", "tiangolo/meinheld-gunicorn-flask",
                       "tiangolo/uwsgi-nginx-flask", "tiangolo/uwsgi-nginx"}
REDHAT_OFFICIAL = {"centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux"}
REDHAT_REGISTRIES = {"registry.access.redhat.com", "registry.redhat.io"}
REDHAT_REPOSITORY_PREFIXES = ("centos/", "sclorg/", "redhat/ubi", "rockylinux/", "almalinux/",
                              "amazonlinux/", "fedora/", "ubi")
# Images that start Gunicorn themselves, with the port they bind.
GUNICORN_BASES = {"tiangolo/uvicorn-gunicorn": 80, "tiangolo/uvicorn-gunicorn-fastapi": 80,
                  "tiangolo/meinheld-gunicorn": 80, "tiangolo/meinheld-gunicorn-flask": 80}


@dataclass(frozen=True)
class Image:
    """A resolved image reference, split into the parts dockerfix looks at."""

    reference: str
    registry: str
    repository: str  # path without registry, e.g. "library/python" or "ubi9/python-311"
    tag: str
    digest: str

    @property
    def name(self) -> str:
        """Return the last path component of the repository, e.g. "python"."""
        return self.repository.rsplit("/", 1)[-1]


def parse_image(reference: str) -> Image:
    """Split an image reference into registry, repository, tag and digest."""
    rest, _, digest = reference.partition("@")
    registry = ""
    first, slash, remainder = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    repository, tag = rest, ""
    if ":" in rest.rsplit("/", 1)[-1]:
        repository, _, tag = rest.rpartition(":")
    repository = repository.lower()
    if registry in ("", "docker.io", "index.docker.io") and "/" not in repository:
        repository = "library/" + repository
    return Image(reference, registry.lower(), repository, tag.lower(), digest)


def family_of(image: Image) -> str:
    """Guess the OS family from the image name alone."""
    repository, tag = image.repository, image.tag
    parts = repository.split("/")
    if repository == "library/scratch":
        return SCRATCH
    if "windows" in parts or "nanoserver" in parts or "servercore" in tag or (
        "nanoserver" in tag or "windowsservercore" in tag or re.search(r"ltsc20\d\d", tag)
    ):
        return WINDOWS
    if "distroless" in parts or image.registry == "gcr.io" and parts[0] == "distroless":
        return DISTROLESS
    if image.registry == "cgr.dev":
        return ALPINE if tag.endswith("-dev") else DISTROLESS
    official = image.registry in ("", "docker.io", "index.docker.io") and parts[0] == "library"
    docker_hub = image.registry in ("", "docker.io", "index.docker.io")
    if image.name == "alpine" and official or "alpine" in tag:
        return ALPINE
    if image.registry in REDHAT_REGISTRIES or official and image.name in REDHAT_OFFICIAL:
        return REDHAT
    if (docker_hub or image.registry in ("quay.io", "public.ecr.aws")) and repository.startswith(
        REDHAT_REPOSITORY_PREFIXES
    ):
        return REDHAT
    if official and image.name in DEBIAN_OFFICIAL or docker_hub and repository in DEBIAN_REPOSITORIES:
        return DEBIAN
    return UNKNOWN


def redhat_package_manager(image: Image) -> str | None:
    """Return dnf, microdnf or yum for a Red Hat family image; None for ubi-micro."""
    text = f"{image.repository}:{image.tag}"
    if re.search(r"ubi\d*-micro|/micro\b", text):
        return None
    if "minimal" in text:
        return "microdnf"
    # Release 7 images (and Amazon Linux 2) have yum only; later ones have dnf.
    if re.search(r"\b(ubi7|rhel7|centos7|el7)\b|centos:7|amazonlinux:2$", text):
        return "yum"
    return "dnf"


def default_user(image: Image) -> str | None:
    """Return the user an image runs as when known to be non-root, else None."""
    parts = image.repository.split("/")
    if "distroless" in parts and "nonroot" in image.tag:
        return "65532"
    if image.registry == "cgr.dev" and not image.tag.endswith("-dev"):
        return "65532"
    redhat_python = re.compile(r"^(python|s2i-python)-?\d")
    if family_of(image) == REDHAT and any(redhat_python.match(p) for p in parts):
        return "1001"
    if image.repository.startswith(("centos/python-", "sclorg/python-")):
        return "1001"
    return None


def end_of_life(image: Image, today: date) -> list[tuple[str, date]]:
    """Return (release, date) for each of the image's Python and OS releases that is
    past its end of life, earliest first."""
    candidates = []
    tag = image.tag or "latest"
    if image.name in ("python", "pypy") or "python" in image.name:
        match = re.search(r"(?:^|[^\d.])(\d)\.(\d+)(?:\D|$)", "-" + tag + "-")
        if match:
            version = f"{match.group(1)}.{match.group(2)}"
            if version in PYTHON_END_OF_LIFE:
                candidates.append((f"Python {version}", PYTHON_END_OF_LIFE[version]))
    for codename, ended in DEBIAN_END_OF_LIFE.items():
        if re.search(rf"(^|-){codename}($|-)", tag):
            candidates.append((f"Debian {codename}", ended))
    if image.name == "debian":
        numbered = {"8": "jessie", "9": "stretch", "10": "buster", "11": "bullseye", "12": "bookworm"}
        codename = numbered.get(tag.split(".")[0].split("-")[0])
        if codename:
            candidates.append((f"Debian {codename}", DEBIAN_END_OF_LIFE[codename]))
    if image.name == "alpine" or "alpine" in tag:
        pattern = r"^(\d+\.\d+)" if image.name == "alpine" else r"alpine(\d+\.\d+)"
        match = re.search(pattern, tag)
        if match:
            branch = match.group(1)
            if branch in ALPINE_END_OF_LIFE:
                candidates.append((f"Alpine {branch}", ALPINE_END_OF_LIFE[branch]))
    if image.name == "ubuntu":
        match = re.match(r"(\d\d\.\d\d)", tag)
        if match and match.group(1) in UBUNTU_END_OF_LIFE:
            candidates.append((f"Ubuntu {match.group(1)}", UBUNTU_END_OF_LIFE[match.group(1)]))
    past = {(release, ended) for release, ended in candidates if ended <= today}
    return sorted(past, key=lambda item: item[1])


def gunicorn_base_port(image: Image) -> int | None:
    """Return the port of an image known to start Gunicorn itself, else None."""
    return GUNICORN_BASES.get(image.repository)
