"""The Dockerfile model: instructions with exact line spans, stages and edits.

dockerfile-parse finds the instructions. It does not know heredocs (it reports body
lines as instructions) and ends a continuation at an empty line, so this module
computes each instruction's extent itself, the way BuildKit reads the file, and keeps
only the dockerfile-parse entries that start an instruction.

Edits are recorded against the original text and applied by `render()`, so every
byte outside an edit is kept: line endings, comments, indentation and keyword case.
"""

from __future__ import annotations

import io
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from dockerfile_parse import DockerfileParser

from fixer.errors import ParseError

log = logging.getLogger(__name__)

BOM = "\ufeff"
DIRECTIVE_RE = re.compile(r"^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$")
KNOWN_DIRECTIVES = {"syntax", "escape", "check"}
# BuildKit recognises a heredoc in a shell word of the form [n]<<[-]NAME, with NAME
# optionally quoted. Its lexer also accepts blanks after `<<` (`<< EOF`); older
# frontends did not, so that spelling counts only when a terminator line follows.
HEREDOC_RE = re.compile(r"""^(\d*)<<(-?)(["']?)([^<"'\s]+)\3$""")
SPACED_HEREDOC_RE = re.compile(r"^(\d*)<<(-?)$")
HEREDOC_NAME_RE = re.compile(r"""^(["']?)([^<"'\s]+)\1$""")
KEYWORDS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
            "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}
HEREDOC_KEYWORDS = {"RUN", "COPY", "ADD"}
ROOT_USERS = {"root", "0", "root:root", "0:0", "root:0", "0:root"}


@dataclass
class Heredoc:
    name: str
    strip_tabs: bool
    quoted: bool
    body_start: int  # first body line, 0-based (== terminator when the body is empty)
    terminator: int  # line holding the terminator
    text: str = ""  # the body as written, line endings included


@dataclass
class Instruction:
    """One instruction with its physical extent and its logical (joined) text."""

    keyword: str  # upper case
    start: int  # first physical line, 0-based
    end: int  # last physical line, heredoc bodies included
    text: str  # logical line: continuations joined, inner comments dropped
    # One (offset in text, line) pair per physical line the text comes from, in
    # order. Each piece starts at column 0 of its line.
    pieces: list[tuple[int, int]]
    value_start: int  # index in text where the arguments start
    heredocs: list[Heredoc] = field(default_factory=list)
    stage: Stage | None = None
    index: int = 0
    _words: list[Word] | None = field(default=None, repr=False, compare=False)
    _flags: tuple[dict[str, str], int] | None = field(default=None, repr=False, compare=False)

    @property
    def value(self) -> str:
        return self.text[self.value_start :].rstrip()

    @property
    def line(self) -> int:
        """Return the 1-based line number of the instruction's first line."""
        return self.start + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """Map an offset in `text` to a (line, column) in the file.

        An offset past the end maps to the column after the last character.
        """
        last = len(self.text) - 1
        if offset > last >= 0:
            line, column = self.locate(last)
            return line, column + 1
        # The offset lies in the last piece that starts at or before it. An empty piece
        # shares its start with the next piece, which comes later in the list.
        piece_start, line = self.pieces[bisect_right(self.pieces, offset, key=_piece_start) - 1]
        return line, offset - piece_start

    def words(self) -> list[Word]:
        """Return the shell words after the keyword, flags included.

        The text never changes after parsing (edits are kept apart), so the split is
        done once. Callers get their own copy of the list.
        """
        if self._words is None:
            self._words = split_words(self.text, self.value_start)
        return list(self._words)

    def flags(self) -> tuple[dict[str, str], int]:
        """Return the leading `--name=value` flags and the offset after them."""
        if self._flags is None:
            self._flags = _read_flags(self.words(), self.value_start)
        found, position = self._flags
        return dict(found), position

    def arguments(self) -> list[Word]:
        """Return the shell words after the flags."""
        _, position = self.flags()
        return [word for word in self.words() if word.start >= position]


def _read_flags(words: list[Word], position: int) -> tuple[dict[str, str], int]:
    found: dict[str, str] = {}
    for word in words:
        if not word.raw.startswith("--"):
            return found, word.start
        name, _, value = word.raw[2:].partition("=")
        found[name.lower()] = value
        position = word.end
    return found, position


def _piece_start(piece: tuple[int, int]) -> int:
    return piece[0]


@dataclass
class Stage:
    index: int
    name: str | None  # lower case, as stage names are case-insensitive
    from_instruction: Instruction
    base: str  # the image reference as written
    resolved: str | None  # after ARG expansion; None when it cannot be resolved
    parent: Stage | None = None  # an earlier stage this one is built FROM
    instructions: list[Instruction] = field(default_factory=list)

    def chain(self) -> list[Stage]:
        """Return this stage and its ancestors, the root first."""
        stages = []
        stage: Stage | None = self
        while stage is not None:
            stages.append(stage)
            stage = stage.parent
        return stages[::-1]

    def root(self) -> Stage:
        return self.chain()[0]


@dataclass
class Word:
    raw: str  # as written, quotes included
    start: int
    end: int

    @cached_property
    def unquoted(self) -> str:
        return unquote(self.raw)


# One shell word: unquoted characters, a backslash and the character after it, or a
# quoted span. A quote that never closes runs to the end of the text.
WORD_RE = re.compile(r"""(?:[^ \t"'\\]|\\.?|"(?:[^"\\]|\\.?)*"?|'[^']*'?)+""", re.DOTALL)


def split_words(text: str, position: int = 0) -> list[Word]:
    """Split text into words at blanks and tabs, keeping quoted spans whole."""
    return [Word(match.group(), match.start(), match.end())
            for match in WORD_RE.finditer(text, position)]


def unquote(raw: str) -> str:
    """Remove shell quoting from one word (no expansion)."""
    if "'" not in raw and '"' not in raw and "\\" not in raw:
        return raw
    out = []
    quote = None
    i = 0
    while i < len(raw):
        char = raw[i]
        if quote == "'":
            if char == "'":
                quote = None
            else:
                out.append(char)
        elif quote == '"':
            if char == "\\" and i + 1 < len(raw) and raw[i + 1] in '"\\$`':
                out.append(raw[i + 1])
                i += 1
            elif char == '"':
                quote = None
            else:
                out.append(char)
        elif char in "\"'":
            quote = char
        elif char == "\\" and i + 1 < len(raw):
            out.append(raw[i + 1])
            i += 1
        else:
            out.append(char)
        i += 1
    return "".join(out)


def split_lines(text: str) -> list[str]:
    """Split on LF only, each line keeping its ending ('\\r\\n', '\\n' or none)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def line_content(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith("\n"):
        return line[:-1]
    return line


def line_ending(line: str) -> str:
    return line[len(line_content(line)) :]


class Dockerfile:
    """A parsed Dockerfile with its pending edits."""

    def __init__(self, text: str, build_args: dict[str, str] | None = None) -> None:
        self.bom = text.startswith(BOM)
        body = text[1:] if self.bom else text
        if "\x00" in body:
            raise ParseError("binary content (NUL bytes); this is not a Dockerfile")
        self.lines = split_lines(body)
        self.directives, self.escape = _read_directives(self.lines)
        self.instructions = _scan(self.lines, self.escape)
        _check_against_dockerfile_parse(body, self.instructions)
        if not any(i.keyword == "FROM" for i in self.instructions):
            if not self.instructions:
                what = "empty file" if not body.strip() else "only comments"
                raise ParseError(f"{what}; a Dockerfile needs at least one FROM")
            raise ParseError(
                "no FROM instruction; a Dockerfile must start a stage with FROM",
                self.instructions[0].line,
            )
        first = self.instructions[0]
        if first.keyword not in ("FROM", "ARG"):
            raise ParseError(
                f"{first.keyword} before the first FROM; only ARG may come before FROM",
                first.line,
            )
        for instruction in self.instructions:
            if instruction.keyword not in KEYWORDS:
                raise ParseError(
                    f"unknown instruction {instruction.text.split()[0]!r}; check the line "
                    "above for a missing line continuation",
                    instruction.line,
                )
        for instruction in self.instructions:
            _check_pairs(instruction)
        self.global_args = _global_args(self.instructions)
        self.global_args.update(build_args or {})
        self.stages = _stages(self.instructions, self.global_args)
        self.edits: list[Edit] = []
        self.suppressions, self.skip_file = _read_suppressions(self.lines, self.instructions)

    # Reading

    def stage_named(self, name: str) -> Stage | None:
        for stage in self.stages:
            if stage.name == name.lower() or str(stage.index) == name:
                return stage
        return None

    def newline_after(self, line: int) -> str:
        ending = line_ending(self.lines[line])
        return ending or self.dominant_newline()

    def dominant_newline(self) -> str:
        crlf = sum(1 for line in self.lines if line.endswith("\r\n"))
        lf = sum(1 for line in self.lines if line.endswith("\n")) - crlf
        return "\r\n" if crlf > lf else "\n"

    # Editing

    def suppressed(self, code: str, instruction: Instruction | None) -> bool:
        """Return True (and mark the comment used) when a `# dockerfix: ignore` comment
        above the instruction, or above its stage's FROM, covers the code."""
        if instruction is None:
            return False
        stage_start = instruction.stage.from_instruction.start if instruction.stage else None
        for suppression in self.suppressions:
            if suppression.target not in (instruction.start, stage_start):
                continue
            if suppression.codes is None or code in suppression.codes:
                suppression.used = True
                return True
        return False

    def insert_after(self, instruction: Instruction, lines: list[str], code: str) -> None:
        """Insert whole lines after the instruction (after any heredoc body)."""
        if self.suppressed(code, instruction):
            return
        self.edits.append(Edit(code, "lines", instruction, instruction.end, 0, 0, lines))

    def insert_text(
        self,
        instruction: Instruction,
        offset: int,
        text: str,
        code: str,
        closing: bool = False,
        once: bool = False,
    ) -> None:
        """Insert text at an offset of the instruction's logical text.

        At one offset, insertions keep the order they were made in, except that a
        `closing` one (a closing quote) stays after all others. With `once`, an
        identical insertion made earlier is not repeated.
        """
        if once and any(
            e.instruction is instruction and e.start == offset == e.end
            and e.lines == [text] and e.closing == closing
            for e in self.edits
        ):
            return
        count = len(self.edits)
        self.replace_text(instruction, offset, offset, text, code)
        if len(self.edits) > count:
            self.edits[-1].closing = closing

    def insert_in_heredoc(
        self, instruction: Instruction, heredoc: Heredoc, offset: int, text: str, code: str
    ) -> None:
        """Insert text at an offset of a heredoc body (the body never gains lines)."""
        if self.suppressed(code, instruction):
            return
        before = heredoc.text[:offset]
        line = heredoc.body_start + before.count("\n")
        column = len(before) - (before.rfind("\n") + 1)
        edit = Edit(code, "text", instruction, line, column, column, [text], offset, offset)
        edit.heredoc = heredoc
        self.edits.append(edit)

    def replace_text(
        self, instruction: Instruction, start: int, end: int, text: str, code: str
    ) -> None:
        """Replace a span of the logical text that lies on one physical line."""
        if self.suppressed(code, instruction):
            return
        line, column = instruction.locate(start)
        if end > start:
            end_line, end_column = instruction.locate(end - 1)
            if end_line != line:
                raise ValueError("a replaced span must lie on one physical line")
            end_column += 1
        else:
            end_column = column
        self.edits.append(
            Edit(code, "text", instruction, line, column, end_column, [text], start, end)
        )

    def render(self) -> str:
        """Return the text with every recorded edit applied."""
        out = list(self.lines)
        by_line: dict[int, list[Edit]] = {}
        for seq, edit in enumerate(self.edits):
            edit.seq = seq
            by_line.setdefault(edit.line, []).append(edit)
        for line in sorted(by_line, reverse=True):
            edits = by_line[line]
            text_edits = sorted(
                (e for e in edits if e.kind == "text"),
                key=lambda e: (e.column, e.closing, e.seq),
                reverse=True,
            )
            current = out[line]
            content, ending = line_content(current), line_ending(current)
            for edit in text_edits:
                content = content[: edit.column] + edit.lines[0] + content[edit.end_column :]
            out[line] = content + ending
            inserted = [l for e in edits if e.kind == "lines" for l in e.lines]
            if inserted:
                newline = self.newline_after(line)
                block = [l + newline for l in inserted]
                if not ending:
                    # The file has no final newline: keep it that way.
                    out[line] += newline
                    block[-1] = inserted[-1]
                out[line + 1 : line + 1] = block
        return (BOM if self.bom else "") + "".join(out)

    def new_line_numbers(self) -> list[int]:
        """Map each original 0-based line to its 1-based line number after render."""
        shift = [0] * (len(self.lines) + 1)
        for edit in self.edits:
            if edit.kind == "lines":
                shift[edit.line + 1] += len(edit.lines)
        numbers, total = [], 0
        for index in range(len(self.lines)):
            total += shift[index]
            numbers.append(index + 1 + total)
        return numbers


@dataclass
class Edit:
    code: str
    kind: str  # "lines" (insert after `line`) or "text" (within `line`)
    instruction: Instruction
    line: int
    column: int
    end_column: int
    lines: list[str]
    start: int = 0  # span in the instruction's logical text, for "text" edits
    end: int = 0
    seq: int = 0
    closing: bool = False
    heredoc: Heredoc | None = None  # set when the edit is inside a heredoc body


SUPPRESSION_RE = re.compile(
    r"^\s*#\s*dockerfix:\s*ignore(?:\[(?P<codes>[^\]]*)\])?\s*(?:--\s*(?P<reason>.*))?$"
)
SKIP_FILE_RE = re.compile(r"^\s*#\s*dockerfix:\s*skip-file\s*(?:--.*)?$")


@dataclass
class Suppression:
    """A `# dockerfix: ignore[CODES] -- reason` comment and the instruction below it."""

    line: int  # 0-based line of the comment
    target: int  # first line of the instruction it covers
    codes: frozenset[str] | None  # None covers every code
    reason: str
    used: bool = False


def _read_suppressions(
    lines: list[str], instructions: list[Instruction]
) -> tuple[list[Suppression], bool]:
    """Find suppression comments: each covers the instruction right below its comment
    block; `skip-file` counts only in the comments before the first instruction."""
    first = instructions[0].start if instructions else len(lines)
    skip_file = any(SKIP_FILE_RE.match(line_content(line)) for line in lines[:first])
    found = []
    for instruction in instructions:
        line = instruction.start - 1
        while line >= 0 and line_content(lines[line]).strip().startswith("#"):
            match = SUPPRESSION_RE.match(line_content(lines[line]))
            if match:
                codes = match.group("codes")
                parsed = None if codes is None else frozenset(
                    code.strip().upper() for code in codes.split(",") if code.strip()
                )
                found.append(Suppression(line, instruction.start, parsed, match.group("reason") or ""))
            line -= 1
    return found, skip_file


def _check_pairs(instruction: Instruction) -> None:
    """Reject ENV and LABEL lines that BuildKit rejects: a name without a value, or a
    word without `=` among NAME=VALUE pairs."""
    if instruction.keyword not in ("ENV", "LABEL"):
        return
    words = instruction.words()
    if not words:
        raise ParseError(f"{instruction.keyword} needs NAME=VALUE", instruction.line)
    if "=" not in words[0].raw:
        if len(words) < 2:
            raise ParseError(
                f"{instruction.keyword} {words[0].raw} has no value; write "
                f"{words[0].raw}=VALUE",
                instruction.line,
            )
        return  # the legacy `ENV NAME VALUE` form
    for word in words:
        if "=" not in word.raw:
            raise ParseError(
                f"{instruction.keyword}: {word.raw!r} is not NAME=VALUE", instruction.line
            )


def _read_directives(lines: list[str]) -> tuple[dict[str, str], str]:
    directives: dict[str, str] = {}
    for line in lines:
        match = DIRECTIVE_RE.match(line_content(line))
        if not match or match.group(1).lower() not in KNOWN_DIRECTIVES:
            break
        name = match.group(1).lower()
        if name in directives:
            break
        directives[name] = match.group(2)
    escape = directives.get("escape", "\\")
    if escape not in ("\\", "`"):
        raise ParseError(f"invalid escape directive {escape!r}; use \\ or `", 1)
    return directives, escape


def _scan(lines: list[str], escape: str) -> list[Instruction]:
    """Find every instruction and its extent, as BuildKit reads the file."""
    instructions: list[Instruction] = []
    count = len(lines)
    i = 0
    while i < count:
        content = line_content(lines[i])
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        instruction, i = _read_instruction(lines, i, escape)
        instruction.index = len(instructions)
        instructions.append(instruction)
    return instructions


def _read_instruction(lines: list[str], start: int, escape: str) -> tuple[Instruction, int]:
    text_parts: list[str] = []
    pieces: list[tuple[int, int]] = []
    length = 0
    i = start
    count = len(lines)
    while True:
        content = line_content(lines[i])
        stripped = content.strip()
        if i != start and (not stripped or stripped.startswith("#")):
            # Empty lines and comment lines inside a continuation are skipped.
            i += 1
            if i >= count:
                raise ParseError("line continuation at end of file", start + 1)
            continue
        trimmed = content.rstrip(" \t")
        if trimmed.endswith(escape):
            piece = trimmed[:-1]
            text_parts.append(piece)
            pieces.append((length, i))
            length += len(piece)
            i += 1
            if i >= count:
                raise ParseError(
                    f"line continuation ({escape}) at end of file; the instruction "
                    "never ends",
                    start + 1,
                )
            continue
        text_parts.append(content)
        pieces.append((length, i))
        break
    text = "".join(text_parts)
    leading = len(text) - len(text.lstrip())
    keyword_end = leading
    while keyword_end < len(text) and not text[keyword_end].isspace():
        keyword_end += 1
    keyword = text[leading:keyword_end].upper()
    value_start = keyword_end
    while value_start < len(text) and text[value_start] in " \t":
        value_start += 1
    instruction = Instruction(keyword, start, i, text, pieces, value_start)
    if keyword in HEREDOC_KEYWORDS:
        i = _read_heredocs(lines, instruction, i + 1)
        return instruction, i
    return instruction, i + 1


def _heredoc_markers(instruction: Instruction) -> list[tuple[str, bool, bool, bool]]:
    """Return (name, strip_tabs, quoted, spaced) for each heredoc the line opens."""
    if "<<" not in instruction.text:
        return []  # every heredoc marker contains <<
    words = instruction.words()
    markers = []
    for index, word in enumerate(words):
        match = HEREDOC_RE.match(word.raw)
        if match:
            markers.append((match.group(4), match.group(2) == "-", bool(match.group(3)), False))
            continue
        spaced = SPACED_HEREDOC_RE.match(word.raw)
        following = words[index + 1].raw if index + 1 < len(words) else ""
        name = HEREDOC_NAME_RE.match(following)
        if spaced and name:
            markers.append((name.group(2), spaced.group(2) == "-", bool(name.group(1)), True))
    return markers


def _find_terminator(lines: list[str], start: int, name: str, strip_tabs: bool) -> int | None:
    for i in range(start, len(lines)):
        content = line_content(lines[i])
        if (content.lstrip("\t") if strip_tabs else content) == name:
            return i
    return None


def _read_heredocs(lines: list[str], instruction: Instruction, i: int) -> int:
    for name, strip_tabs, quoted, spaced in _heredoc_markers(instruction):
        terminator = _find_terminator(lines, i, name, strip_tabs)
        if terminator is None:
            if spaced:
                continue  # `<< NAME` with no terminator: an older frontend's reading
            raise ParseError(
                f"heredoc <<{name} is never terminated; add a line holding only {name}",
                instruction.line,
            )
        body = "".join(lines[i:terminator])
        instruction.heredocs.append(Heredoc(name, strip_tabs, quoted, i, terminator, body))
        i = terminator + 1
    if instruction.heredocs:
        instruction.end = i - 1
    return i


def _check_against_dockerfile_parse(body: str, instructions: list[Instruction]) -> None:
    """Check that every instruction dockerfile-parse finds starts one of ours or lies
    inside one (a heredoc body, or a continuation it ended early)."""
    parser = DockerfileParser(fileobj=io.BytesIO(body.encode("utf-8")))
    owner: dict[int, Instruction] = {}
    for instruction in instructions:
        for line in range(instruction.start, instruction.end + 1):
            owner[line] = instruction
    for entry in parser.structure:
        if entry["instruction"] == "COMMENT":
            continue
        line = entry["startline"]
        ours = owner.get(line)
        if ours is None:
            raise ParseError(
                f"cannot read the instruction {entry['instruction']!r}", line + 1
            )
        if ours.start == line and ours.keyword != entry["instruction"].upper():
            log.debug("keyword mismatch on line %d: %s", line + 1, entry)


def _global_args(instructions: list[Instruction]) -> dict[str, str]:
    args: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword == "FROM":
            break
        if instruction.keyword != "ARG":
            continue
        for word in instruction.words():
            name, has_default, default = word.unquoted.partition("=")
            if has_default:
                args[name] = default
            else:
                args.setdefault(name, None)  # type: ignore[arg-type]
    return args


ARG_RE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


def expand_args(text: str, args: dict[str, str | None]) -> str | None:
    """Expand $X, ${X}, ${X:-d} and ${X:+a} from args; None when a name has no value."""
    unresolved = False

    def replace(match: re.Match[str]) -> str:
        nonlocal unresolved
        name = match.group(1) or match.group(4)
        operator, word = match.group(2), match.group(3) or ""
        value = args.get(name)
        empty_counts = operator is not None and operator.startswith(":")
        is_set = value is not None and (value != "" or not empty_counts)
        if operator and operator.endswith("-"):
            return value if is_set else word  # type: ignore[return-value]
        if operator and operator.endswith("+"):
            return word if is_set else ""
        if value is None:
            unresolved = True
            return ""
        return value

    expanded = ARG_RE.sub(replace, text)
    return None if unresolved or not expanded else expanded


def _stages(instructions: list[Instruction], args: dict[str, str]) -> list[Stage]:
    stages: list[Stage] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            words = instruction.arguments()
            if not words:
                raise ParseError("FROM needs an image", instruction.line)
            base = words[0].unquoted
            name = None
            if len(words) >= 3 and words[1].raw.lower() == "as":
                name = words[2].unquoted.lower()
            resolved = expand_args(base, args)
            stage = Stage(len(stages), name, instruction, base, resolved)
            if resolved is not None:
                stage.parent = next(
                    (s for s in stages if s.name == resolved.lower()), None
                )
            stages.append(stage)
        elif stages:
            stages[-1].instructions.append(instruction)
        instruction.stage = stages[-1] if stages else None
    return stages


def is_root_user(value: str) -> bool:
    return value.strip().lower() in ROOT_USERS
