"""DF301 add-for-local-files: ADD is used where COPY would do.

Why: ADD also fetches URLs, clones git repositories and unpacks local tar
archives, so a reader cannot tell what an ADD line does without checking each
source. COPY does only the copy.

Change: the ADD keyword becomes COPY, in its case; flags (--chown, --chmod,
--link) and paths stay byte for byte. Every stage.

Fix safety: safe; a swap happens only when every source is a local path that is
certainly not a tar archive: a directory, or a file in the build context whose
name and content are not a tar (ADD unpacks local tars, compressed or not).

Skips: URLs and git sources, --checksum, --keep-git-dir, --unpack, heredoc ADD,
ONBUILD ADD; with a note: wildcards, variables, sources missing from the build
context or outside it.
Related hadolint rule: DL3020.
"""

from __future__ import annotations

from pathlib import Path

from fixer.buildcontext import copy_arguments, ignored, inside, is_remote, path_kind
from fixer.passes import FixContext, Transform

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
                ".tar.zst", ".tzst", ".tar.lz", ".tar.lzma")
# Compressed streams ADD unpacks when they hold a tar; zstd is not readable by tarfile.
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
REMOTE_FLAGS = {"checksum", "keep-git-dir", "unpack"}


def fix(ctx: FixContext) -> None:
    for instruction in ctx.doc.instructions:
        if instruction.keyword != "ADD" or instruction.heredocs:
            continue
        flags, _ = instruction.flags()
        if REMOTE_FLAGS & flags.keys():
            continue
        arguments = copy_arguments(instruction)
        if arguments is None:
            continue
        sources, _ = arguments
        if any(is_remote(source) for source in sources):
            continue
        problem = _first_problem(sources, ctx.build_context)
        if problem == "tar":
            continue  # ADD is here to unpack the archive
        if problem:
            ctx.note(instruction, f"kept ADD: {problem}; use COPY if it is not a tar archive")
            continue
        head = instruction.text[: instruction.value_start]
        start = len(head) - len(head.lstrip())
        written = head.split()[0]
        ctx.doc.replace_text(instruction, start, start + len(written), _in_case_of(written), ctx.code)
        ctx.change(instruction, "ADD -> COPY (local sources only)")


def _first_problem(sources: list[str], context: Path | None) -> str | None:
    for source in sources:
        if source.lower().endswith(TAR_SUFFIXES):
            return "tar"
        if "$" in source:
            return f"{source} uses a variable, so dockerfix cannot check it"
        if any(char in source for char in "*?["):
            return f"{source} is a wildcard, so dockerfix cannot check what it matches"
        if context is None:
            return f"{source} cannot be checked without a build context (pass --context)"
        local = inside(context, source)
        if local is None:
            return f"{source} is outside the build context"
        kind = path_kind(local)
        if kind is None:
            return f"{source} is not in the build context"
        if ignored(context, source):
            return f"{source} is excluded by .dockerignore"
        if kind == "file" and _is_tar(local):
            return "tar"
    return None


def _is_tar(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            if handle.read(4) == ZSTD_MAGIC:
                return True
        import tarfile  # only for local archives, which few files ADD

        return tarfile.is_tarfile(path)
    except (OSError, EOFError, ValueError):
        return True  # unreadable: keep ADD


def _in_case_of(written: str) -> str:
    if written.islower():
        return "copy"
    if written.isupper():
        return "COPY"
    return "Copy"


TRANSFORM = Transform(
    code="DF301",
    slug="add-for-local-files",
    summary="replace ADD with COPY when every source is a local non-archive path",
    skips="URLs, git, tar archives, --checksum/--keep-git-dir/--unpack, heredocs",
    fix=fix,
)
