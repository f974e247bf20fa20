"""Golden cases: real-looking Dockerfiles with their expected output and report.

golden/<CODE>-<slug>/ runs only that transform; golden/all/ runs every transform.
A case is <case>.Dockerfile with, optionally, <case>.expected.Dockerfile (absent:
the file must stay unchanged), <case>.context/ (the build context),
<case>.expected.context/ (the context files the fix changes, as they must end up),
<case>.args (extra options) and <case>.report (the expected stderr lines).
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
import unidiff
from unidiff.constants import LINE_TYPE_NO_NEWLINE

from tests.helpers import dockerfix

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _cases():
    for folder in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        for source in sorted(folder.glob("*.Dockerfile")):
            if source.name.endswith(".expected.Dockerfile"):
                continue
            yield pytest.param(source, id=f"{folder.name}/{source.name[: -len('.Dockerfile')]}")


def _companion(source: Path, suffix: str) -> Path:
    return source.with_name(source.name[: -len(".Dockerfile")] + suffix)


def _options(source: Path) -> list[str]:
    folder = source.parent.name
    options = [] if folder == "all" else ["--select", folder.split("-")[0]]
    args = _companion(source, ".args")
    if args.exists():
        options += shlex.split(args.read_text())
    return options


def _prepare(source: Path, tmp_path: Path) -> Path:
    context = _companion(source, ".context")
    work = tmp_path / "case"
    if context.is_dir():
        shutil.copytree(context, work, symlinks=True)
    else:
        work.mkdir()
    target = work / "Dockerfile"
    target.write_bytes(source.read_bytes())
    return target


def _apply(patch_text: str, original: bytes) -> bytes:
    """Apply a one-file unified diff, read back with unidiff, to the original lines."""
    patch = unidiff.PatchSet(patch_text.splitlines(keepends=True))
    assert len(patch) == 1
    lines = original.decode("utf-8").split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    out, position, previous = [], 0, ""
    for hunk in patch[0]:
        start = hunk.source_start - 1
        out.extend(lines[position:start])
        position = start
        for line in hunk:
            if line.line_type == LINE_TYPE_NO_NEWLINE:
                # The line before has no newline in the file: the added side is what
                # matters here, and only when that line was added or kept.
                if out and previous in ("+", " "):
                    out[-1] = out[-1].rstrip("\r\n")
                continue
            previous = line.line_type
            if line.is_removed or line.is_context:
                assert lines[position].rstrip("\r\n") == line.value.rstrip("\r\n")
                position += 1
            if line.is_added or line.is_context:
                out.append(line.value)
    out.extend(lines[position:])
    return "".join(out).encode("utf-8")


def _check_context(source: Path, work: Path, update: bool) -> None:
    """Compare every context file after --write with its expected version."""
    context = _companion(source, ".context")
    expected_context = _companion(source, ".expected.context")
    if update and expected_context.exists():
        shutil.rmtree(expected_context)
    for path in sorted(p for p in work.rglob("*") if p.is_file() and p.name != "Dockerfile"):
        relative = path.relative_to(work)
        original = (context / relative).read_bytes()
        if update and path.read_bytes() != original:
            (expected_context / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, expected_context / relative)
        expected = expected_context / relative
        wanted = expected.read_bytes() if expected.exists() else original
        assert path.read_bytes() == wanted, f"{relative} differs from its expected version"
        assert path.stat().st_mode == (context / relative).stat().st_mode


@pytest.mark.parametrize("source", list(_cases()))
def test_golden(source: Path, tmp_path: Path, monkeypatch, update_golden: bool) -> None:
    target = _prepare(source, tmp_path)
    monkeypatch.chdir(target.parent)
    options = _options(source)
    original = source.read_bytes()
    expected_file = _companion(source, ".expected.Dockerfile")
    report_file = _companion(source, ".report")

    run = dockerfix("fix", "--write", *options, "Dockerfile")
    fixed = target.read_bytes()
    report = [line for line in run.stderr.splitlines() if not line.startswith("debug:")]

    if update_golden:
        if fixed != original:
            expected_file.write_bytes(fixed)
        elif expected_file.exists():
            expected_file.unlink()
        report_file.write_text("\n".join(report) + "\n")

    expected = expected_file.read_bytes() if expected_file.exists() else original
    assert run.exit_code == 0, str(run)
    assert fixed == expected
    assert report_file.exists(), f"missing {report_file.name}; run pytest --update-golden"
    assert report == report_file.read_text().splitlines()

    _check_context(source, target.parent, update_golden)

    again = dockerfix("fix", "--check", *options, "Dockerfile")
    assert again.exit_code == 0, f"a second run would change the file:\n{again}"
    assert target.read_bytes() == fixed

    target.write_bytes(original)
    diff = dockerfix("fix", "--diff", *options, "Dockerfile")
    if original == expected:
        assert diff.stdout == b""
    else:
        assert _apply(diff.stdout.decode("utf-8"), original) == expected
    assert target.read_bytes() == original
