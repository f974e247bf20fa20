"""The Dockerfile model: extents, heredocs, directives, stages and edits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixer.errors import ParseError
from fixer.model import Dockerfile, expand_args, split_words, unquote


def spans(text: str) -> list[tuple[str, int, int]]:
    return [(i.keyword, i.start, i.end) for i in Dockerfile(text).instructions]


def test_heredoc_body_belongs_to_run():
    text = "FROM x\nRUN <<EOF\nFROM y\nEOF\nCMD z\n"
    assert spans(text) == [("FROM", 0, 0), ("RUN", 1, 3), ("CMD", 4, 4)]


def test_several_heredocs_on_one_line():
    text = "FROM x\nRUN <<A cat - <<'B'\none\nA\ntwo\nB\nUSER 1\n"
    doc = Dockerfile(text)
    run = doc.instructions[1]
    assert (run.start, run.end) == (1, 5)
    assert [h.name for h in run.heredocs] == ["A", "B"]
    assert run.heredocs[1].quoted
    assert run.heredocs[1].text == "two\n"


def test_heredoc_dash_strips_tabs_from_terminator():
    text = "FROM x\nRUN <<-EOT\n\techo hi\n\tEOT\nCMD z\n"
    assert spans(text)[1] == ("RUN", 1, 3)


def test_space_after_redirect_is_no_heredoc():
    text = "FROM x\nRUN cat << EOF\nUSER 1\n"
    assert [s[0] for s in spans(text)] == ["FROM", "RUN", "USER"]


def test_copy_heredoc_body():
    text = "FROM x\nCOPY <<EOF /start.sh\n#!/bin/sh\nexec gunicorn app\nEOF\n"
    doc = Dockerfile(text)
    assert doc.instructions[1].heredocs[0].text == "#!/bin/sh\nexec gunicorn app\n"


def test_comment_and_blank_line_inside_continuation():
    text = "FROM x\nRUN a \\\n  # note\n\n  b\nUSER 1\n"
    doc = Dockerfile(text)
    assert spans(text)[1] == ("RUN", 1, 4)
    assert doc.instructions[1].value == "a   b"


def test_comment_ending_in_backslash_is_not_continued():
    text = "FROM x\n# a comment \\\nUSER 1\n"
    assert [s[0] for s in spans(text)] == ["FROM", "USER"]


def test_escape_directive_backtick():
    text = "# escape=`\nFROM x\nRUN a `\n  b\nADD app C:\\app\\\nCMD d\n"
    doc = Dockerfile(text)
    assert doc.escape == "`"
    assert spans(text) == [("FROM", 1, 1), ("RUN", 2, 3), ("ADD", 4, 4), ("CMD", 5, 5)]


def test_directive_after_comment_is_a_comment():
    text = "# hello\n# escape=`\nFROM x\nRUN a `\nUSER 1\n"
    assert Dockerfile(text).escape == "\\"


def test_crlf_offsets_map_to_columns():
    doc = Dockerfile("FROM x\r\nRUN a \\\r\n  b\r\n")
    run = doc.instructions[1]
    assert run.text == "RUN a   b"
    assert run.locate(run.text.index("b")) == (2, 2)


def _character_positions(lines: list[str], instruction) -> list[tuple[int, int]]:
    """Find each character of the logical text on its physical line, one by one."""
    found = []
    line, column = instruction.start, 0
    for char in instruction.text:
        while True:
            content = lines[line].rstrip("\r\n")
            stripped = content.strip()
            skipped = line != instruction.start and (not stripped or stripped.startswith("#"))
            continued = content.rstrip(" \t").endswith("\\")
            usable = len(content.rstrip(" \t")) - 1 if continued else len(content)
            if not skipped and column < usable:
                break
            line, column = line + 1, 0
        assert lines[line][column] == char
        found.append((line, column))
        column += 1
    return found


@pytest.mark.parametrize("text", [
    "FROM x\nRUN a \\\n  b\n",
    "FROM x\nRUN a \\\n\\\n  b \\\n# note\n\n  c\n",
    "FROM x\nRUN \\\n \\\n\tc\n",
    "FROM x\r\nENV A=1 \\  \r\n    B=2\r\n",
])
def test_locate_finds_every_character(text):
    doc = Dockerfile(text)
    lines = text.splitlines(keepends=True)
    for instruction in doc.instructions:
        expected = _character_positions(lines, instruction)
        assert [instruction.locate(i) for i in range(len(instruction.text))] == expected
        line, column = expected[-1]
        assert instruction.locate(len(instruction.text)) == (line, column + 1)


def test_words_are_split_once_and_copied():
    run = Dockerfile("FROM x\nCOPY --chown=1 a b\n").instructions[1]
    first = run.words()
    first.clear()
    assert [w.raw for w in run.words()] == ["--chown=1", "a", "b"]
    assert [w.raw for w in run.arguments()] == ["a", "b"]
    assert run.flags() == ({"chown": "1"}, run.text.index("a b"))


def test_bom_kept_on_render():
    doc = Dockerfile("\ufeffFROM x\nCMD y\n")
    doc.insert_after(doc.instructions[0], ["USER 1"], "T")
    assert doc.render() == "\ufeffFROM x\nUSER 1\nCMD y\n"


def test_insert_after_last_line_without_newline():
    doc = Dockerfile("FROM x\r\nCMD y")
    doc.insert_after(doc.instructions[1], ["USER 1", "USER 2"], "T")
    assert doc.render() == "FROM x\r\nCMD y\r\nUSER 1\r\nUSER 2"


def test_text_insertions_keep_call_order():
    doc = Dockerfile("FROM x\nCMD a b\n")
    cmd = doc.instructions[1]
    offset = cmd.text.index(" b")
    doc.insert_text(cmd, offset, '"', "T", closing=True)
    doc.insert_text(cmd, offset, " 1", "T")
    doc.insert_text(cmd, offset, " 2", "T")
    assert doc.render() == 'FROM x\nCMD a 1 2" b\n'


def test_stages_are_case_insensitive_and_chained():
    doc = Dockerfile("FROM python:3.12 AS Base\nFROM base AS build\nFROM BASE AS final\n")
    final = doc.stages[2]
    assert final.parent is doc.stages[0]
    assert [s.index for s in final.chain()] == [0, 2]


def test_from_args_expand_with_build_args():
    text = "ARG PY=3.12\nARG VARIANT=alpine\nFROM python:${PY}-${VARIANT}\nFROM $BASE\n"
    doc = Dockerfile(text, {"VARIANT": "slim"})
    assert doc.stages[0].resolved == "python:3.12-slim"
    assert doc.stages[1].resolved is None


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("${X:-d}", "d", id="default when unset"),
        pytest.param("${Y:-d}", "y", id="default unused"),
        pytest.param("$Y-${Y}", "y-y", id="both spellings"),
        pytest.param("${Y:+alt}", "alt", id="alternative"),
        pytest.param("$X", None, id="unset"),
    ],
)
def test_expand_args(text, expected):
    assert expand_args(text, {"X": None, "Y": "y"}) == expected


def test_split_words_keeps_quotes():
    words = split_words('a "b c" d\\ e \'f g\'')
    assert [w.raw for w in words] == ['a', '"b c"', 'd\\ e', "'f g'"]
    assert [w.unquoted for w in words] == ["a", "b c", "d e", "f g"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("FROM x\nRUN a \\", id="continuation at end"),
        pytest.param("FROM x\nRUN <<EOF\nno end\n", id="heredoc at end"),
        pytest.param("# escape=x\nFROM x\n", id="bad escape"),
    ],
)
def test_parse_errors(text):
    with pytest.raises(ParseError):
        Dockerfile(text)


def _words_one_character_at_a_time(text: str) -> list[tuple[str, int, int]]:
    """The word splitter written as a plain scanner, to check the regular expression."""
    words = []
    i, length = 0, len(text)
    while i < length:
        while i < length and text[i] in " \t":
            i += 1
        if i >= length:
            break
        start, quote = i, None
        while i < length:
            char = text[i]
            if quote:
                if char == "\\" and quote == '"' and i + 1 < length:
                    i += 2
                    continue
                if char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == "\\" and i + 1 < length:
                i += 2
                continue
            elif char in " \t":
                break
            i += 1
        words.append((text[start:i], start, i))
    return words


@given(st.text(alphabet=" \t\n\\\"'ab=$-", max_size=40))
def test_split_words_matches_a_plain_scanner(text):
    assert [(w.raw, w.start, w.end) for w in split_words(text)] == _words_one_character_at_a_time(text)


@pytest.mark.parametrize("raw, expected", [
    ("plain", "plain"), ("'a b'", "a b"), ('"a\\"b"', 'a"b'), ("a\\ b", "a b"), ("a\\", "a\\"),
])
def test_unquote(raw, expected):
    assert unquote(raw) == expected
