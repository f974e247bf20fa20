"""Map paths inside the image back to files in the build context.

Only COPY and ADD without --from put context files into the image. Paths are
resolved inside the build context only: a source that leaves it (through `..`,
an absolute host path or a symlink) is treated as missing.
"""

from __future__ import annotations

import posixpath
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fixer.errors import ContextFileError
from fixer.files import display_path
from fixer.model import Heredoc, Instruction, Stage

URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
PATH_DIRECTORIES = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


@dataclass
class Found:
    """A file of the image traced to the build context or to a heredoc."""

    instruction: Instruction
    path: Path | None  # file in the build context
    heredoc: Heredoc | None = None


def is_remote(source: str) -> bool:
    """Return True for URL and git sources, which ADD fetches instead of copying."""
    return bool(URL_RE.match(source)) or source.startswith("git@") or (
        source.endswith(".git") or ".git#" in source
    )


def ignored(context: Path, relative: str) -> bool:
    """Return True when the build context's .dockerignore excludes a path."""
    rules = _dockerignore(context.absolute())
    if not rules:
        return False
    path = posixpath.normpath(relative).lstrip("/")
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for negated, pattern in rules:
        # Like Docker, a pattern that matches a parent folder matches what is inside.
        if any(pattern.fullmatch(candidate) for candidate in candidates):
            excluded = not negated
    return excluded


@lru_cache(maxsize=64)
def _dockerignore(context: Path) -> tuple[tuple[bool, re.Pattern[str]], ...]:
    try:
        text = (context / ".dockerignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = posixpath.normpath(line.lstrip("!").strip()).lstrip("/")
        try:
            rules.append((negated, re.compile(_pattern_regex(pattern))))
        except re.error as error:
            # Which files the build leaves out is unknown, so no fix is safe.
            raise ContextFileError(
                display_path(context / ".dockerignore"), number,
                f"invalid pattern {line!r} ({error.msg}); correct or remove it",
            ) from None
    return tuple(rules)


def _pattern_regex(pattern: str) -> str:
    """Translate a .dockerignore pattern (Go filepath.Match plus **) to a regex."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = pattern[i + 1 : end].replace("\\", "\\\\")
                if body.startswith("^"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        elif char == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def inside(context: Path, source: str) -> Path | None:
    """Return the context path for a COPY source, or None when it leaves the context."""
    relative = posixpath.normpath("/" + source).lstrip("/")
    if source.startswith("..") or "/../" in "/" + source + "/":
        return None
    candidate = context / relative if relative not in ("", ".") else context
    resolved, root = _resolved(candidate), _resolved(context)
    if resolved is None or root is None:
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return candidate


@lru_cache(maxsize=1024)
def _resolved(path: Path) -> Path | None:
    """Return the path with symlinks resolved, once per path in a run (each pass and
    the second run ask about the same COPY sources), or None when it cannot be read."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a symlink loop
        return None


def path_kind(path: Path) -> str | None:
    """Return "dir", "file" or "other" for an existing path.

    Return None when the path is missing or cannot be read, such as a symlink loop or
    a name longer than the file system allows.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def workdir_at(stage: Stage, instruction: Instruction) -> str:
    """Return the working directory in effect when `instruction` runs."""
    found = _workdirs(stage).get(id(instruction))
    return found if found is not None else final_workdir(stage)


def _workdirs(stage: Stage) -> dict[int, str]:
    """Map each instruction of the stage and its ancestors to the working directory
    it runs in, computed once per stage."""
    cached = getattr(stage, "_workdirs", None)
    if cached is not None:
        return cached
    found: dict[int, str] = {}
    workdir = "/"
    for current in stage.chain():
        for other in current.instructions:
            found[id(other)] = workdir
            if other.keyword == "WORKDIR" and other.value:
                workdir = posixpath.join(workdir, other.value.strip().strip("\"'"))
    stage._workdirs = found  # type: ignore[attr-defined]
    return found


def final_workdir(stage: Stage) -> str:
    cached = getattr(stage, "_final_workdir", None)
    if cached is not None:
        return cached
    stage._final_workdir = _final_workdir(stage)  # type: ignore[attr-defined]
    return stage._final_workdir  # type: ignore[attr-defined]


def _final_workdir(stage: Stage) -> str:
    workdir = "/"
    for current in stage.chain():
        for other in current.instructions:
            if other.keyword == "WORKDIR" and other.value:
                workdir = posixpath.join(workdir, other.value.strip().strip("\"'"))
    return posixpath.normpath(workdir)


def copy_arguments(instruction: Instruction) -> tuple[list[str], str] | None:
    """Return (sources, destination) of a COPY/ADD, shell or JSON form."""
    import json

    flags, position = instruction.flags()
    rest = instruction.text[position:].strip()
    if rest.startswith("["):
        try:
            items = json.loads(rest)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return (items[:-1], items[-1]) if len(items) >= 2 else None
    words = [w.unquoted for w in instruction.arguments()]
    if len(words) < 2:
        return None
    return words[:-1], words[-1]


def find_file(stage: Stage, image_path: str, context: Path | None) -> Found | None:
    """Find the COPY/ADD that put `image_path` into the image, last one first."""
    image_path = posixpath.normpath(image_path)
    for current in reversed(stage.chain()):
        for instruction in reversed(current.instructions):
            if instruction.keyword not in ("COPY", "ADD"):
                continue
            flags, _ = instruction.flags()
            if "from" in flags:
                continue
            found = _match(current, instruction, image_path, context)
            if found:
                return found
    return None


def _match(stage: Stage, instruction: Instruction, image_path: str, context: Path | None):
    arguments = copy_arguments(instruction)
    if arguments is None:
        return None
    sources, written = arguments
    workdir = posixpath.normpath(workdir_at(stage, instruction))
    destination = posixpath.normpath(posixpath.join(workdir, written))
    # Files go into the destination when it ends in /, when there are several
    # sources, or when it is a folder that surely exists: the working directory
    # (WORKDIR creates it, and `.` names it) or /.
    is_directory = (written.endswith("/") or len(sources) > 1
                    or destination in (workdir, "/") or posixpath.basename(written) in (".", ".."))
    if instruction.heredocs:
        # COPY <<EOF /path: the heredoc body is the file.
        if len(instruction.heredocs) == 1 and destination == image_path:
            return Found(instruction, None, instruction.heredocs[0])
        return None
    if context is None:
        return None
    prefix = destination.rstrip("/") + "/"
    below = image_path.startswith(prefix)
    for source in sources:
        target = destination
        if is_directory:
            target = posixpath.join(destination, posixpath.basename(source))
        if not below and target != image_path:
            continue  # neither a folder nor a file source can give the path
        local = inside(context, source)
        kind = path_kind(local) if local is not None else None
        if kind is None or ignored(context, source):
            continue
        if kind == "dir":
            if below:
                relative = posixpath.join(source, image_path[len(prefix):])
                candidate = inside(context, relative)
                if (candidate is not None and path_kind(candidate) == "file"
                        and not ignored(context, relative)):
                    return Found(instruction, candidate)
        elif target == image_path:
            return Found(instruction, local)
    return None


def resolve_command_path(stage: Stage, word: str) -> list[str]:
    """Return the image paths a command word may refer to."""
    if "/" in word:
        return [posixpath.normpath(posixpath.join(final_workdir(stage), word))]
    return [posixpath.join(directory, word) for directory in PATH_DIRECTORIES]


def local_sources(stages: list[Stage]) -> list[str]:
    """Return the COPY/ADD sources that must come from the build context."""
    sources = []
    for stage in stages:
        for instruction in stage.instructions:
            if instruction.keyword not in ("COPY", "ADD") or instruction.heredocs:
                continue
            if "from" in instruction.flags()[0]:
                continue
            arguments = copy_arguments(instruction)
            if arguments is None:
                continue
            for source in arguments[0]:
                if is_remote(source) or "$" in source or any(c in source for c in "*?["):
                    continue
                sources.append(source)
    return sources


def discover(stages: list[Stage], folder: Path) -> tuple[Path, bool]:
    """Choose the build context: the Dockerfile's folder when every COPY source is
    there, else the nearest enclosing folder, up to the repository root, where they
    all are. Return the folder and whether it differs from the Dockerfile's."""
    sources = local_sources(stages)
    folder = folder.absolute()
    if all(_exists(folder, source) for source in sources):
        return folder, False
    root = _repository_root(folder)
    if root is None:
        return folder, False
    candidate = folder
    while candidate != root:
        candidate = candidate.parent
        if all(_exists(candidate, source) for source in sources):
            return candidate, True
    return folder, False


def _exists(context: Path, source: str) -> bool:
    local = inside(context, source)
    return local is not None and path_kind(local) is not None and not ignored(context, source)


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
