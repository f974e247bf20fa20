"""Run the transform passes on one Dockerfile and check the result before it is used.

The safety net: the output is parsed again and must give the original instructions
plus exactly the edits the transforms recorded, and a second run over the output
must change nothing. Otherwise the file fails with an internal error naming the
transform, and nothing is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fixer.errors import FixerError, InternalError, ParseError
from fixer.model import BOM, Dockerfile, Edit, _scan, split_lines
from fixer.passes import FixContext, Message, Options, Transform

log = logging.getLogger(__name__)

KEYWORDS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
            "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}


@dataclass
class Outcome:
    """What happened to one file."""

    path: str  # as shown to the user
    original: str | None = None
    fixed: str | None = None
    messages: list[Message] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # message index -> output line
    error: FixerError | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed is not None and self.fixed != self.original

    @property
    def status(self) -> str:
        if self.error is not None:
            return "failed"
        return "changed" if self.changed else "unchanged"


def selected(options: Options) -> list[Transform]:
    """Return the transforms to run, in registry order."""
    from transforms import TRANSFORMS

    chosen = []
    for transform in TRANSFORMS:
        names = {transform.code, transform.slug}
        if options.select and not names & options.select:
            continue
        if names & options.ignore:
            continue
        chosen.append(transform)
    return chosen


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), or raise ParseError naming the line."""
    if b"\x00" in data:
        raise ParseError("binary content (NUL bytes); this is not a Dockerfile")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(
            f"not UTF-8 (byte 0x{data[error.start]:02x}); convert the file to UTF-8",
            line,
        ) from None
    return text


def run_passes(
    text: str, options: Options, build_context: Path | None, today: date
) -> tuple[Dockerfile, list[Message]]:
    """Parse the text and run every selected transform; edits stay pending."""
    doc = Dockerfile(text, dict(options.build_args))
    ctx = FixContext(doc, options, build_context, today)
    ctx.shipped  # noqa: B018 - raises ParseError for an unknown --target
    for transform in selected(options):
        ctx.code = transform.code
        try:
            transform.fix(ctx)
        except FixerError:
            raise
        except Exception as error:  # a bug in a transform must not stop the other files
            log.debug("transform %s failed", transform.code, exc_info=True)
            raise InternalError(
                f"{type(error).__name__}: {error}", transform.code
            ) from error
    return doc, ctx.messages


def fix_text(
    text: str, options: Options, build_context: Path | None = None, today: date | None = None
) -> tuple[str, list[Message], dict[int, int]]:
    """Fix one Dockerfile's text; return the new text, messages and their lines."""
    today = today or date.today()
    doc, messages = run_passes(text, options, build_context, today)
    fixed = doc.render() if doc.edits else text
    if doc.edits:
        _verify(doc, fixed, options, build_context, today)
    return fixed, messages, _message_lines(doc, messages)


def _verify(
    doc: Dockerfile, fixed: str, options: Options, build_context: Path | None, today: date
) -> None:
    codes = sorted({edit.code for edit in doc.edits})
    try:
        after = Dockerfile(fixed, dict(options.build_args))
    except ParseError as error:
        raise InternalError(f"the output does not parse: {error.message}", codes[0]) from None
    expected = _expected_instructions(doc)
    actual = [_signature(i) for i in after.instructions]
    for index, (signature, code) in enumerate(expected):
        if index >= len(actual) or actual[index] != signature:
            raise InternalError(
                f"the output's instruction {index + 1} is not what the edits announced",
                code or codes[0],
            )
    if len(actual) != len(expected):
        raise InternalError("the output has more instructions than announced", codes[0])
    again, _ = run_passes(fixed, options, build_context, today)
    if again.edits:
        code = again.edits[0].code
        raise InternalError("a second run would change the output again", code)


def _signature(instruction) -> tuple[str, tuple[str, ...]]:
    return instruction.text.strip(), tuple(h.text for h in instruction.heredocs)


def _expected_instructions(doc: Dockerfile) -> list[tuple[tuple[str, tuple[str, ...]], str | None]]:
    expected = []
    for instruction in doc.instructions:
        text, code = instruction.text, None
        edits = [e for e in doc.edits if e.kind == "text" and e.instruction is instruction]
        for edit in sorted(edits, key=lambda e: (e.start, e.closing, e.seq), reverse=True):
            text = text[: edit.start] + edit.lines[0] + text[edit.end :]
            code = edit.code
        bodies = tuple(h.text for h in instruction.heredocs)
        expected.append(((text.strip(), bodies), code))
        for edit in _line_edits_after(doc, instruction):
            for new in _scan(split_lines("\n".join(edit.lines) + "\n"), doc.escape):
                if new.keyword not in KEYWORDS:
                    raise InternalError(f"inserted an unknown instruction {new.keyword}", edit.code)
                expected.append((_signature(new), edit.code))
    return expected


def _line_edits_after(doc: Dockerfile, instruction) -> list[Edit]:
    edits = [e for e in doc.edits if e.kind == "lines" and e.line == instruction.end]
    return sorted(edits, key=lambda e: e.seq)


def _message_lines(doc: Dockerfile, messages: list[Message]) -> dict[int, int]:
    """Map each message to its 1-based line in the output file."""
    numbers = doc.new_line_numbers()
    found = {}
    for index, message in enumerate(messages):
        if message.line is None:
            continue
        line = numbers[message.line]
        if message.inserted:
            before = 0
            for edit in doc.edits:
                if edit.kind != "lines" or edit.line != message.line:
                    continue
                if edit.code == message.code:
                    break
                before += len(edit.lines)
            line += before + 1
        found[index] = line
    return found


def fix_bytes(
    path: str,
    data: bytes,
    options: Options,
    build_context: Path | None,
    today: date | None = None,
) -> Outcome:
    """Fix one file's bytes; errors are caught and returned in the outcome."""
    outcome = Outcome(path)
    try:
        text = decode(data)
        outcome.original = text
        if not text.strip(BOM + " \t\r\n"):
            raise ParseError("empty file; a Dockerfile needs at least one FROM")
        fixed, messages, lines = fix_text(text, options, build_context, today)
    except FixerError as error:
        outcome.error = error
        return outcome
    outcome.fixed, outcome.messages, outcome.lines = fixed, messages, lines
    return outcome
