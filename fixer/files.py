"""Finding Dockerfiles, reading them and writing them back safely."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from fixer.errors import FixerError

NAME_PATTERNS = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile",
                 "Containerfile", "Containerfile.*")
# Files next to a Dockerfile that share its name but are not Dockerfiles: BuildKit's
# per-Dockerfile ignore file (Dockerfile.dockerignore), docs and patch leftovers.
NOT_DOCKERFILE_SUFFIXES = (".dockerignore", ".md", ".rst", ".txt", ".orig", ".rej", ".swp")
SKIPPED_DIRECTORIES = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox",
                       ".nox", ".mypy_cache", ".pytest_cache", "site-packages"}


class FileError(FixerError):
    """A file cannot be read or written."""


def display_path(path: Path) -> str:
    """Show a path relative to the current folder when it is inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def is_dockerfile_name(name: str) -> bool:
    if name.lower().endswith(NOT_DOCKERFILE_SUFFIXES):
        return False
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in NAME_PATTERNS)


def find_dockerfiles(directory: Path) -> list[Path]:
    """Return the Dockerfiles under a directory, sorted, skipping VCS and venv folders."""
    found = []
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(
            d for d in directories
            if d not in SKIPPED_DIRECTORIES
            and not (Path(root) / d / "pyvenv.cfg").exists()
        )
        found.extend(Path(root) / name for name in files if is_dockerfile_name(name))
    return sorted(found)


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise FileError("permission denied while reading; check the file's permissions") from None
    except IsADirectoryError:
        raise FileError("is a directory") from None
    except OSError as error:
        raise FileError(f"cannot read: {error.strerror}") from None


def write_atomically(path: Path, original: bytes, data: bytes) -> None:
    """Replace the file's content: a temporary file in the same folder, then rename.

    Writes through a symlink to its target, keeps the permission bits, and raises
    FileError when the file is read-only or changed on disk since it was read.
    """
    target = path.resolve()
    try:
        status = target.stat()
    except OSError as error:
        raise FileError(f"cannot write: {error.strerror}") from None
    # Root may write anywhere, so the mode bits decide what "read-only" means.
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FileError("the file is read-only; nothing was written")
    if target.read_bytes() != original:
        raise FileError("the file changed on disk while dockerfix ran; run it again")
    import tempfile  # only --write uses it

    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".dockerfix"
        )
    except OSError as error:
        raise FileError(
            f"cannot create a temporary file in {display_path(target.parent)}: "
            f"{error.strerror}; dockerfix writes the new text next to the file and renames "
            "it, so the folder must be writable"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, status.st_mode & 0o7777)
        os.replace(temporary, target)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise FileError(f"cannot write: {error.strerror}") from None
