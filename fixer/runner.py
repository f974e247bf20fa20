"""Run dockerfix over many files: discovery, per-file settings, worker processes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from fixer import files
from fixer.core import Outcome, fix_bytes
from fixer.files import display_path
from fixer.passes import Options
from fixer.settings import ConfigError, folders_up, merge, settings_for

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 16
NO_DOCKERFILE = (
    "no Dockerfile in this folder (looked for Dockerfile, Dockerfile.*, *.Dockerfile, "
    "*.dockerfile and Containerfile)"
)


@dataclass(frozen=True)
class Job:
    """One file to fix, with everything a worker process needs."""

    path: str
    base: Options  # defaults
    explicit: tuple[tuple[str, object], ...]  # options given on the command line
    mode: str  # "diff", "check" or "write"
    today: date | None
    searched: str | None  # the folder searched to find the file, or None for a named file

    @property
    def discovered(self) -> bool:
        """Whether a folder search found the file, so that exclude patterns apply."""
        return self.searched is not None


def run_job(job: Job) -> Outcome:
    """Fix one file: settings, read, fix, and write when asked to."""
    path = Path(job.path)
    shown = display_path(path)
    # Outside a repository, settings are looked up to the folder searched, or to the
    # current folder for a named file.
    stop = Path(job.searched) if job.searched is not None else Path.cwd()
    try:
        settings = settings_for(path, stop)
    except ConfigError as error:
        return Outcome(shown, error=error)
    if job.discovered and settings.source is not None and _excluded(path, settings):
        return Outcome(shown, skipped=f"excluded by {display_path(settings.source)}")
    options = merge(job.base, settings, dict(job.explicit))
    try:
        data = files.read(path)
    except files.FileError as error:
        return Outcome(shown, error=error)
    outcome = fix_bytes(shown, data, options, options.context, job.today, path.absolute().parent)
    if job.mode == "write" and outcome.changed:
        try:
            # Scripts and config files first: a Dockerfile is only rewritten once
            # everything it relies on is in place.
            for change in outcome.files:
                files.write_atomically(
                    change.path, change.original.encode("utf-8"), change.fixed.encode("utf-8")
                )
            if outcome.fixed != outcome.original:
                files.write_atomically(path, data, outcome.fixed.encode("utf-8"))
        except files.FileError as error:
            outcome.error = error
    return outcome


def run_all(jobs: list[Job]) -> Iterator[Outcome]:
    """Yield outcomes in job order, fixing in worker processes when there are many."""
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_MINIMUM or workers < 2:
        for job in jobs:
            yield run_job(job)
        return
    # Imported here: one file never starts workers, and the import costs start-up time.
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(run_job, jobs, chunksize=chunk)


def expand(paths: tuple[str, ...], excludes: tuple[str, ...]) -> Iterator[tuple[str, bool] | Outcome]:
    """Yield (path, searched folder or None) for each file to fix, or an Outcome for a
    bad path.

    Folders are searched for Dockerfiles, skipping what .gitignore files and the
    exclude patterns match. Each file is yielded once, under the first name found for
    it: a file named twice, or reached through a symlink, would otherwise be fixed
    twice and give two diffs for one file.
    """
    seen: set[str] = set()  # real paths, symlinks resolved
    for path in paths:
        if path == "-":
            yield path, None
            continue
        candidate = Path(path)
        if candidate.is_dir():
            found = [p for p in files.find_dockerfiles(candidate) if not _ignored(p, candidate, excludes)]
            if not found:
                yield Outcome(path, error=files.FileError(NO_DOCKERFILE))
            # A symlink to a Dockerfile that the search also finds is left out in favour
            # of the file itself, because git apply rejects a diff made against a link.
            targets = {os.path.realpath(p) for p in found if not p.is_symlink()}
            for item in found:
                real = os.path.realpath(item)
                if item.is_symlink() and real in targets:
                    continue
                if real not in seen:
                    seen.add(real)
                    yield str(item), path
        elif not candidate.exists() and not candidate.is_symlink():
            yield Outcome(path, error=files.FileError("no such file or folder"))
        else:
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                yield path, None


def _ignored(path: Path, searched: Path, excludes: tuple[str, ...]) -> bool:
    """Return True when --exclude or a .gitignore on the way matches the path."""
    import pathspec

    relative = path.relative_to(searched).as_posix()
    if excludes and pathspec.GitIgnoreSpec.from_lines(excludes).match_file(relative):
        return True
    for folder in folders_up(path.parent, searched):
        spec = _gitignore(folder)
        if spec is not None:
            inner = path.absolute().relative_to(folder).as_posix()
            if spec.match_file(inner):
                return True
    return False


def _gitignore(folder: Path):
    import pathspec

    ignore = folder / ".gitignore"
    if not ignore.is_file():
        return None
    try:
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _excluded(path: Path, settings) -> bool:
    import pathspec

    base = settings.source.parent
    try:
        relative = path.absolute().relative_to(base).as_posix()
    except ValueError:
        return False
    return pathspec.GitIgnoreSpec.from_lines(settings.exclude).match_file(relative)
