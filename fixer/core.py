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

from fixer.buildcontext import discover
from fixer.files import display_path
from fixer.errors import FixerError, InternalError, ParseError
from fixer.model import BOM, KEYWORDS, Dockerfile, Edit, _scan, split_lines
from fixer.passes import FixContext, Message, Options, Transform
from fixer.sources import ContextFiles

log = logging.getLogger(__name__)



@dataclass
class Outcome:
    """The result of one file: its fixed text, messages, changed files or error."""

    path: str  # as shown to the user
    original: str | None = None
    fixed: str | None = None
    messages: list[Message] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # message index -> output line
    files: list[FileChange] = field(default_factory=list)  # scripts and configs changed
    texts: dict[int, tuple[str, str]] = field(default_factory=dict)  # change -> before, after
    error: FixerError | None = None
    skipped: str | None = None  # why the file was not looked at, when it was skipped

    @property
    def changed(self) -> bool:
        if self.error is not None or self.fixed is None:
            return False
        return self.fixed != self.original or bool(self.files)

    @property
    def status(self) -> str:
        if self.error is not None:
            return "failed"
        if self.skipped is not None:
            return "skipped"
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


@dataclass
class FileChange:
    """A start script or config file in the build context that a fix changes."""

    path: Path
    original: str
    fixed: str


@dataclass
class Fixed:
    """The result of fixing one Dockerfile's text."""

    text: str
    messages: list[Message]
    lines: dict[int, int]  # message index -> 1-based line in its fixed file
    files: list[FileChange] = field(default_factory=list)
    texts: dict[int, tuple[str, str]] = field(default_factory=dict)  # change -> before, after
    skipped: str | None = None  # set when the file carries `# dockerfix: skip-file`


def run_passes(
    doc: Dockerfile,
    options: Options,
    build_context: Path | None,
    today: date,
    overlay: dict[Path, str] | None = None,
) -> FixContext:
    """Run every selected transform on a freshly parsed file. Edits stay pending."""
    files = ContextFiles(build_context, overlay)
    ctx = FixContext(doc, options, build_context, today, files)
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
    return ctx


def fix_text(
    text: str,
    options: Options,
    build_context: Path | None = None,
    today: date | None = None,
    dockerfile_folder: Path | None = None,
) -> Fixed:
    """Fix one Dockerfile's text, and the scripts and config files it uses.

    Without a build context, it is discovered from the Dockerfile's folder upward.
    """
    today = today or date.today()
    moved = False
    parsed = Dockerfile(text, dict(options.build_args))
    if parsed.skip_file:
        return Fixed(text, [], {}, skipped="the file says `# dockerfix: skip-file`")
    if build_context is None and dockerfile_folder is not None:
        build_context, moved = discover(parsed.stages, dockerfile_folder)
    ctx = run_passes(parsed, options, build_context, today)
    for suppression in ctx.doc.suppressions:
        if not suppression.used:
            codes = ",".join(sorted(suppression.codes)) if suppression.codes else "any code"
            ctx.messages.append(Message("", suppression.line, (
                f"unused suppression: nothing of {codes} would change at the instruction "
                "below it; remove the comment"
            ), "note"))
    if moved:
        ctx.messages.insert(0, Message("", None, (
            f"using build context {display_path(build_context)}, where every COPY "
            "source exists; pass --context to choose another"
        ), "note"))
    doc = ctx.doc
    fixed = doc.render() if doc.edits else text
    files = [FileChange(f.path, f.original, f.render()) for f in ctx.files.changes()]
    if doc.edits or files:
        _verify(ctx, fixed, files)
    lines = _message_lines(doc, ctx.messages)
    texts = _message_texts(doc, fixed, ctx.messages, lines, files)
    return Fixed(fixed, ctx.messages, lines, files, texts)


def _verify(ctx: FixContext, fixed: str, files: list[FileChange]) -> None:
    doc, options = ctx.doc, ctx.options
    codes = sorted({edit.code for edit in doc.edits} | {c for f in ctx.files.changes() for c in f.codes})
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
    for change in files:
        _verify_file(ctx, change)
    overlay = {change.path: change.fixed for change in files}
    again = run_passes(after, options, ctx.build_context, ctx.today, overlay)
    if again.doc.edits:
        raise InternalError("a second run would change the output again", again.doc.edits[0].code)
    for edited in again.files.changes():
        raise InternalError(
            f"a second run would change {edited.path.name} again", edited.codes[0]
        )


def _verify_file(ctx: FixContext, change: FileChange) -> None:
    """Check that a changed script or config file still parses as before."""
    edited = ctx.files.edited[change.path]
    code = edited.codes[0]
    if change.path.suffix == ".py":
        from fixer.pyconf import read_config

        if read_config(change.fixed).error and not read_config(change.original).error:
            raise InternalError(f"{change.path.name} is no longer valid Python", code)
        return
    from fixer import shell

    before, after = shell.parse(change.original), shell.parse(change.fixed)
    if after.has_error and not before.has_error:
        raise InternalError(f"{change.path.name} no longer parses as a shell script", code)
    if len(after.commands) != len(before.commands):
        raise InternalError(f"{change.path.name} has a different number of commands", code)


def _signature(instruction) -> tuple[str, tuple[str, ...]]:
    return instruction.text.strip(), tuple(h.text for h in instruction.heredocs)


def _expected_instructions(doc: Dockerfile) -> list[tuple[tuple[str, tuple[str, ...]], str | None]]:
    text_edits: dict[int, list[Edit]] = {}
    line_edits: dict[int, list[Edit]] = {}
    for edit in doc.edits:
        if edit.kind == "text":
            text_edits.setdefault(id(edit.instruction), []).append(edit)
        else:
            line_edits.setdefault(edit.line, []).append(edit)
    expected = []
    for instruction in doc.instructions:
        text, code = instruction.text, None
        bodies = [h.text for h in instruction.heredocs]
        edits = text_edits.get(id(instruction), [])
        for edit in sorted(edits, key=lambda e: (e.start, e.closing, e.seq), reverse=True):
            if edit.heredoc is not None:
                index = instruction.heredocs.index(edit.heredoc)
                body = bodies[index]
                bodies[index] = body[: edit.start] + edit.lines[0] + body[edit.end :]
            else:
                text = text[: edit.start] + edit.lines[0] + text[edit.end :]
            code = edit.code
        expected.append(((text.strip(), tuple(bodies)), code))
        for edit in sorted(line_edits.get(instruction.end, []), key=lambda e: e.seq):
            for new in _scan(split_lines("\n".join(edit.lines) + "\n"), doc.escape):
                if new.keyword not in KEYWORDS:
                    raise InternalError(f"inserted an unknown instruction {new.keyword}", edit.code)
                expected.append((_signature(new), edit.code))
    return expected


def _message_texts(
    doc: Dockerfile,
    fixed: str,
    messages: list[Message],
    lines: dict[int, int],
    files: list[FileChange],
) -> dict[int, tuple[str, str]]:
    """Return the text each change replaced and the text it wrote, for reports."""
    fixed_lines = split_lines(fixed)
    by_path = {change.path: change for change in files}
    starts = {instruction.start: instruction for instruction in doc.instructions}
    numbers = doc.new_line_numbers()
    texts = {}
    for index, message in enumerate(messages):
        if message.kind != "change" or message.line is None:
            continue
        if message.file is not None:
            change = by_path.get(message.file)
            if change is None:
                continue
            old, new = split_lines(change.original), split_lines(change.fixed)
            line = message.line
            before = old[line] if line < len(old) else ""
            after = new[line] if line < len(old) else "".join(new[line:])
            texts[index] = (before, after)
        elif message.inserted:
            edit = next(e for e in doc.edits if e.kind == "lines"
                        and e.line == message.line and e.code == message.code)
            texts[index] = ("", "".join(line + "\n" for line in edit.lines))
        else:
            instruction = starts.get(message.line)
            start, end = message.line, instruction.end if instruction else message.line
            if instruction is not None and instruction.heredocs:
                end = instruction.heredocs[0].body_start - 1
            before = "".join(doc.lines[start : end + 1])
            after = "".join(fixed_lines[numbers[start] - 1 : numbers[end]])
            texts[index] = (before, after)
    return texts


def _message_lines(doc: Dockerfile, messages: list[Message]) -> dict[int, int]:
    """Map each message to its 1-based line in the output file."""
    numbers = doc.new_line_numbers()
    found = {}
    for index, message in enumerate(messages):
        if message.line is None:
            continue
        if message.file is not None:
            found[index] = message.line + 1  # scripts and configs gain no lines before it
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
    dockerfile_folder: Path | None = None,
) -> Outcome:
    """Fix one file's bytes; errors are caught and returned in the outcome."""
    outcome = Outcome(path)
    try:
        text = decode(data)
        outcome.original = text
        if not text.strip(BOM + " \t\r\n"):
            raise ParseError("empty file; a Dockerfile needs at least one FROM")
        result = fix_text(text, options, build_context, today, dockerfile_folder)
    except FixerError as error:
        outcome.error = error
        return outcome
    outcome.fixed, outcome.messages, outcome.lines = result.text, result.messages, result.lines
    outcome.files = result.files
    outcome.texts = result.texts
    outcome.skipped = result.skipped
    return outcome
