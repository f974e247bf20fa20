"""Reports for programs and pull requests: JSON, SARIF 2.1.0 and Markdown.

Each renderer takes the outcome of every file and returns the whole report as text.
The text depends only on the outcomes and the mode: files are sorted by path, JSON keys
are sorted, and nothing records the time or the machine, so the same input gives the
same bytes. docs/report-schema.md documents the JSON report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import quote

from fixer.core import Outcome
from fixer.errors import InternalError, ParseError
from fixer.files import display_path
from fixer.passes import Transform
from fixer.report import error_line

# Incremented when a field is removed or changes its meaning. Added fields keep it.
SCHEMA_VERSION = 1
STATUSES = ("changed", "unchanged", "skipped", "failed")
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# NOTE: the SARIF 2.1.0 schema gives helpUri the format "uri", an absolute URI, but
# dockerfix has no published home page yet, so rules link to the README relative to the
# repository root. The SARIF test does not flag this, because jsonschema checks the
# "uri" format only when the rfc3987 package is installed.
README = "README.md"
# Transforms that share one README section, by code: the heading's anchor.
README_SECTIONS = {
    "DF401": "df401-gunicorn-heartbeat-on-disk-df402-gunicorn-single-worker",
    "DF402": "df401-gunicorn-heartbeat-on-disk-df402-gunicorn-single-worker",
}
LABEL_RE = re.compile(r"^(Why|Change|Fix safety|Skips[^:]*):\s*", re.DOTALL)
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`/])")


@dataclass(frozen=True)
class Entry:
    """One change, note or warning of a file, with what every format shows of it."""

    code: str | None  # None for notes about the run, such as the build context used
    slug: str | None
    kind: str  # "change", "note" or "warning"
    path: str  # the file the line is in: the Dockerfile, or a script or config file
    line: int | None  # 1-based, in the fixed file; None when it is about the whole file
    original_line: int | None  # 1-based, in the input file
    message: str
    before: str | None  # for changes: the text replaced, and the text written
    after: str | None


def render(name: str, outcomes: list[Outcome], mode: str) -> str:
    """Render the report for every outcome in the format called name."""
    renderers = {"json": render_json, "sarif": render_sarif, "markdown": render_markdown}
    return renderers[name](outcomes, mode)


def entries(outcome: Outcome) -> list[Entry]:
    """List an outcome's messages: the Dockerfile's first, then each other file's, by line."""
    from transforms import find

    order = sorted(
        range(len(outcome.messages)),
        key=lambda i: (
            outcome.messages[i].file is not None,
            str(outcome.messages[i].file or ""),
            outcome.lines.get(i, 0),
            i,
        ),
    )
    found = []
    for index in order:
        message = outcome.messages[index]
        transform = find(message.code) if message.code else None
        before, after = outcome.texts.get(index, (None, None))
        found.append(Entry(
            code=message.code or None,
            slug=transform.slug if transform else None,
            kind=message.kind,
            path=display_path(message.file) if message.file else outcome.path,
            line=outcome.lines.get(index),
            original_line=None if message.line is None else message.line + 1,
            message=message.text,
            before=before,
            after=after,
        ))
    return found


def rule_sections(transform: Transform) -> dict[str, str]:
    """Split a rule doc into its summary and its labelled paragraphs, one line each."""
    first, _, rest = transform.doc.partition("\n\n")
    sections = {"summary": " ".join(first.split()).partition(": ")[2]}
    for paragraph in rest.split("\n\n"):
        match = LABEL_RE.match(paragraph)
        if match:
            label = "Skips" if match.group(1).startswith("Skips") else match.group(1)
            sections[label] = " ".join(paragraph[match.end():].split())
    return sections


def readme_uri(transform: Transform) -> str:
    """Return the link to the transform's section of the README."""
    anchor = README_SECTIONS.get(transform.code, f"{transform.code}-{transform.slug}".lower())
    return f"{README}#{anchor}"


def _sorted(outcomes: list[Outcome]) -> list[Outcome]:
    return sorted(outcomes, key=lambda outcome: outcome.path)


def _counts(outcomes: list[Outcome]) -> dict[str, int]:
    counted = Counter(outcome.status for outcome in outcomes)
    return {status: counted[status] for status in STATUSES}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dockerfix")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


# JSON


def render_json(outcomes: list[Outcome], mode: str) -> str:
    """Render the JSON report that docs/report-schema.md describes."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "dockerfix", "version": _version()},
        "mode": mode,
        "summary": _counts(outcomes),
        "files": [_json_file(outcome) for outcome in _sorted(outcomes)],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _json_file(outcome: Outcome) -> dict:
    changes, notes = [], []
    for entry in entries(outcome):
        record = {
            "code": entry.code,
            "slug": entry.slug,
            "file": entry.path,
            "line": entry.line,
            "original_line": entry.original_line,
            "message": entry.message,
        }
        if entry.kind == "change":
            changes.append({**record, "before": entry.before, "after": entry.after})
        else:
            notes.append({**record, "kind": entry.kind})
    errors = []
    if outcome.error is not None:
        error = outcome.error
        errors.append({
            "message": error_line(outcome),
            "line": error.line if isinstance(error, ParseError) else None,
            "code": error.code if isinstance(error, InternalError) else None,
        })
    return {
        "path": outcome.path,
        "status": outcome.status,
        "skipped_reason": outcome.skipped,
        "changed_files": sorted(display_path(change.path) for change in outcome.files),
        "changes": changes,
        "notes": notes,
        "errors": errors,
    }


# SARIF


def render_sarif(outcomes: list[Outcome], mode: str) -> str:
    """Render a SARIF 2.1.0 log: a result per change and per note or warning.

    Locations point into the files as they are on disk after the run: the input
    lines for --diff and --check, the fixed lines for --write.
    """
    from transforms import TRANSFORMS

    rule_index = {transform.code: index for index, transform in enumerate(TRANSFORMS)}
    results, notifications = [], []
    for outcome in _sorted(outcomes):
        if outcome.error is not None:
            notifications.append(_notification("error", error_line(outcome), outcome.path))
        for entry in entries(outcome):
            line = entry.line if mode == "write" else entry.original_line
            if entry.code is None:
                notifications.append(_notification("note", entry.message, entry.path, line))
                continue
            results.append(_sarif_result(entry, rule_index[entry.code], line))
    run = {
        "tool": {"driver": {
            "name": "dockerfix",
            "version": _version(),
            "rules": [_sarif_rule(transform) for transform in TRANSFORMS],
        }},
        "invocations": [{
            "executionSuccessful": all(outcome.error is None for outcome in outcomes),
            "toolExecutionNotifications": notifications,
        }],
        "results": results,
    }
    log = {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _sarif_rule(transform: Transform) -> dict:
    sections = rule_sections(transform)
    return {
        "id": transform.code,
        "name": transform.slug,
        "shortDescription": {"text": _capitalized(sections["summary"])},
        "fullDescription": {"text": _capitalized(sections.get("Why", sections["summary"]))},
        "help": {"text": transform.doc},
        "helpUri": readme_uri(transform),
        "defaultConfiguration": {"level": "warning"},
    }


def _sarif_result(entry: Entry, rule_index: int, line: int | None) -> dict:
    result = {
        "ruleId": entry.code,
        "ruleIndex": rule_index,
        "level": "note" if entry.kind == "note" else "warning",
        "message": {"text": entry.message},
        "locations": _locations(entry.path, line),
        "properties": {"kind": entry.kind},
    }
    if entry.kind == "change":
        result["properties"].update(before=entry.before, after=entry.after)
    return result


def _notification(level: str, text: str, path: str, line: int | None = None) -> dict:
    return {"level": level, "message": {"text": text}, "locations": _locations(path, line)}


def _locations(path: str, line: int | None) -> list[dict]:
    if path == "-":  # stdin has no file to point at
        return []
    location = {"uri": quote(PurePath(path).as_posix())}
    if PurePath(path).is_absolute():
        location["uri"] = "file://" + location["uri"]
    else:
        location["uriBaseId"] = "%SRCROOT%"
    # Code scanning needs a start line, so a message about the whole file points at 1.
    region = {"startLine": line or 1}
    return [{"physicalLocation": {"artifactLocation": location, "region": region}}]


# Markdown


def render_markdown(outcomes: list[Outcome], mode: str) -> str:
    """Render a pull-request body: a title line, then a table and sections."""
    ordered = _sorted(outcomes)
    changed = [outcome for outcome in ordered if outcome.changed]
    codes = sorted({e.code for o in changed for e in entries(o) if e.kind == "change"})
    parts = [f"# {_title(changed, ordered, codes)}", _counts_sentence(ordered, mode)]
    if changed:
        parts.append(_summary_table(changed))
        parts.append(_why_sections(codes))
    left_alone = _left_alone(ordered)
    if left_alone:
        intro = "What dockerfix left alone and why, and problems it cannot fix:"
        parts.append(f"## Notes and warnings\n\n{intro}\n\n" + "\n".join(left_alone))
    failed = [f"- {_escape(error_line(o))}" for o in ordered if o.error is not None]
    if failed:
        parts.append("## Not fixed\n\n" + "\n".join(failed))
    if changed:
        parts.append(_turning_off(codes[0] if codes else "DF101"))
    return "\n\n".join(parts) + "\n"


def _title(changed: list[Outcome], outcomes: list[Outcome], codes: list[str]) -> str:
    if changed:
        noun = "Dockerfile" if len(changed) == 1 else "Dockerfiles"
        return f"Fix {len(changed)} {noun} for production with dockerfix ({', '.join(codes)})"
    if any(outcome.error is not None for outcome in outcomes):
        return "dockerfix could not fix every Dockerfile"
    return "dockerfix found nothing to fix"


def _counts_sentence(outcomes: list[Outcome], mode: str) -> str:
    counts = _counts(outcomes)
    verb = "fixed" if mode == "write" else "would fix"
    noun = "file" if counts["changed"] == 1 else "files"
    return (
        f"dockerfix {verb} {counts['changed']} {noun}; {counts['unchanged']} unchanged, "
        f"{counts['skipped']} skipped, {counts['failed']} failed."
    )


def _summary_table(changed: list[Outcome]) -> str:
    rows = ["| File | What changed |", "| --- | --- |"]
    for outcome in changed:
        items = []
        for entry in entries(outcome):
            if entry.kind != "change":
                continue
            where = "" if entry.path == outcome.path else f"{_code(entry.path)} "
            where += f"line {entry.line}: " if entry.line else ""
            items.append(f"{where}{entry.code} {_escape(entry.message)}")
        rows.append(f"| {_cell(_code(outcome.path))} | {_cell('<br>'.join(items))} |")
    return "## Summary\n\n" + "\n".join(rows)


def _why_sections(codes: list[str]) -> str:
    from transforms import find

    parts = ["## Why"]
    for code in codes:
        transform = find(code)
        sections = rule_sections(transform)
        sentences = SENTENCE_END_RE.split(sections.get("Why", sections["summary"]))
        why = " ".join(sentences[:3])
        parts.append(f"### {code} {transform.slug}\n\n{_capitalized(why)}")
        if "Fix safety" in sections:
            # The verdict is the first clause; the rest needs the whole doc around it.
            verdict = sections["Fix safety"].split("; ")[0].rstrip(".")
            parts.append(f"Fix safety: {verdict}.")
        parts.append(f"More: `dockerfix explain {code}`.")
    return "\n\n".join(parts)


def _left_alone(outcomes: list[Outcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if outcome.skipped is not None:
            lines.append(f"- {_code(outcome.path)} skipped: {_escape(outcome.skipped)}")
        for entry in entries(outcome):
            if entry.kind == "change":
                continue
            where = f"{entry.path}:{entry.line}" if entry.line else entry.path
            code = f"{entry.code} " if entry.code else ""
            lines.append(f"- {_code(where)} {code}{entry.kind}: {_escape(entry.message)}")
    return lines


def _turning_off(code: str) -> str:
    return "\n".join([
        "## Turning a transform off",
        "",
        f"- For one run: `dockerfix fix --ignore {code} PATH` (codes or slugs, "
        "comma-separated).",
        f'- For a repository: `ignore = ["{code}"]` under `[tool.dockerfix]` in '
        "pyproject.toml, or in `.dockerfix.toml`.",
        f"- For one instruction: `# dockerfix: ignore[{code}] -- reason` on the line "
        "above it.",
    ])


def _code(text: str) -> str:
    """Quote text as inline code, with a fence longer than any backtick run in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _cell(text: str) -> str:
    # GitHub unescapes \| in a table cell before it parses code spans, so this also
    # works inside backticks.
    return text.replace("|", "\\|")


def _escape(text: str) -> str:
    # A < could open an HTML tag, which GitHub drops from the rendered body.
    return text.replace("<", "\\<")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
