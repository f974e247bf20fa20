"""Properties every generated Dockerfile must keep when dockerfix fixes it.

BuildKit's own parser, which the `dockerfile` package wraps, is the oracle. The
output must parse into the input's instructions in order, changed only where a
transform announced a change. RUN and USER instructions may be inserted only where
a transform announced an insertion. Lines no transform touched stay byte-identical,
a second run changes nothing, and the diff applies with `git apply` and `patch -p1`
to the same bytes that `--write` writes.

The example counts are small by default, for CI. `HYPOTHESIS_PROFILE=long` selects
a run of several thousand examples.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from datetime import date
from difflib import unified_diff
from pathlib import Path

import dockerfile
import pytest
from hypothesis import HealthCheck, event, given, reject, settings

from fixer.core import Outcome, fix_bytes
from fixer.errors import InternalError
from fixer.passes import Message, Options
from tests.helpers import TODAY, dockerfix
from tests.strategies import dockerfiles, make_build_context

settings.register_profile(
    "quick",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("long", settings.get_profile("quick"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

FIXED_DAY = date.fromisoformat(TODAY)
INSERTABLE = {"RUN", "USER"}  # the only instructions a transform may insert
KEYWORDS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
            "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}


@pytest.fixture(scope="module")
def build_context(tmp_path_factory) -> Path:
    return make_build_context(tmp_path_factory.mktemp("generated"))


# Reading files as BuildKit does.


def buildkit_parse(text: str) -> list[dockerfile.Command] | None:
    """Parse text with BuildKit's parser, or return None when BuildKit rejects it."""
    try:
        return list(dockerfile.parse_string(text))
    except dockerfile.GoParseError:
        return None


def signature(command: dockerfile.Command) -> tuple:
    """Return everything BuildKit read from one instruction except its line numbers."""
    return (command.cmd, command.sub_cmd, command.json, command.original, command.flags,
            command.value, command.heredocs)


def split_lines(text: str) -> list[str]:
    """Split on LF only, keeping each line's ending, as Docker reads lines."""
    lines = text.split("\n")
    complete = [line + "\n" for line in lines[:-1]]
    return complete + [lines[-1]] if lines[-1] else complete


def lines_of(command: dockerfile.Command) -> range:
    """Return the 0-based physical lines an instruction spans, heredoc bodies included."""
    return range(command.start_line - 1, command.end_line)


def same_kind(before: dockerfile.Command, after: dockerfile.Command) -> bool:
    """Tell whether `after` can be `before` edited in place (ADD may become COPY)."""
    old, new = before.cmd.upper(), after.cmd.upper()
    return old == new or (old, new) == ("ADD", "COPY")


# The checks.


def fix(data: bytes, context: Path) -> Outcome:
    return fix_bytes("Dockerfile", data, Options(), context, FIXED_DAY)


def known_bug(data: bytes, outcome: Outcome, before: list | None) -> str | None:
    """Return the name of the xfail test in tests/test_regressions.py that pins the
    engine bug this example hits, or None."""
    # Every bug found so far is fixed; add a case here when a new one is pinned.
    return None


def check_fix(data: bytes, context: Path, discard_known_bugs: bool = False) -> Outcome:
    """Fix data, assert every property of the result and return the outcome.

    With discard_known_bugs, an example that hits a known engine bug is discarded
    (hypothesis.reject), so that a property keeps testing everything else until the
    bug is fixed. Delete the bug from `known_bug` when its regression test passes.
    """
    outcome = fix(data, context)
    before = buildkit_parse(outcome.original) if outcome.original is not None else None
    if discard_known_bugs and known_bug(data, outcome, before):
        reject()
    assert not isinstance(outcome.error, InternalError), (
        f"internal error in {outcome.error.code}: {outcome.error.message}"
    )
    if outcome.error is not None or outcome.fixed == outcome.original:
        return outcome
    assert before is not None, "dockerfix changed a file that BuildKit rejects"
    after = buildkit_parse(outcome.fixed)
    assert after is not None, "BuildKit rejects the output"
    changes = dockerfile_changes(outcome.messages)
    edited, inserted_after = check_instructions(before, after, changes)
    check_announcements(before, changes, set(edited), inserted_after)
    check_tokens(before, edited, changes)
    check_lines(outcome.original, outcome.fixed, before, set(edited), inserted_after)
    again = fix(outcome.fixed.encode("utf-8"), context)
    assert again.error is None, f"the output fails a second run: {again.error}"
    assert again.fixed == outcome.fixed, "a second run changes the output again"
    assert dockerfile_changes(again.messages) == []
    return outcome


def dockerfile_changes(messages: list[Message]) -> list[Message]:
    """Return the changes made to the Dockerfile itself, not to its scripts or configs."""
    return [m for m in messages if m.kind == "change" and getattr(m, "file", None) is None]


def align(before: list, after: list) -> list[tuple[int | None, int]] | None:
    """Pair output instructions with the input ones they come from, in order.

    Each output instruction either comes from the next input instruction (the same
    keyword, or ADD turned into COPY) or is a RUN or USER inserted after the input
    instruction paired last. Returns (input index or None, output index) for every
    output instruction, with the fewest edits and insertions, or None when no such
    pairing exists: an input instruction was lost or an unexpected one appeared.
    """
    impossible = len(after) + 1
    size = len(after) + 1
    # cost[i][j]: fewest edits and insertions that turn before[:i] into after[:j].
    cost = [[impossible] * size for _ in range(len(before) + 1)]
    cost[0][0] = 0
    for i in range(len(before) + 1):
        for j in range(1, size):
            command = after[j - 1]
            best = impossible
            if command.cmd.upper() in INSERTABLE:
                best = cost[i][j - 1] + 1
            if i and same_kind(before[i - 1], command):
                edited = signature(before[i - 1]) != signature(command)
                best = min(best, cost[i - 1][j - 1] + edited)
            cost[i][j] = min(best, impossible)
    if cost[len(before)][len(after)] >= impossible:
        return None
    pairs: list[tuple[int | None, int]] = []
    i, j = len(before), len(after)
    while j:
        command = after[j - 1]
        # On a tie, call the later instruction inserted, because transforms insert
        # after existing instructions.
        if command.cmd.upper() in INSERTABLE and cost[i][j] == cost[i][j - 1] + 1:
            pairs.append((None, j - 1))
        else:
            pairs.append((i - 1, j - 1))
            i -= 1
        j -= 1
    assert i == 0
    return pairs[::-1]


def check_instructions(
    before: list, after: list, changes: list[Message]
) -> tuple[dict[int, dockerfile.Command], set[int]]:
    """Assert that `after` is `before` with announced edits and insertions only.

    Returns the input instructions edited in place, by index, with their output, and
    the indexes of input instructions that got instructions inserted after them.
    """
    pairs = align(before, after)
    assert pairs is not None, (
        "the output's instructions are not the input's with RUN and USER inserted:\n"
        f"input:  {[c.original for c in before]}\noutput: {[c.original for c in after]}"
    )
    edited_lines = {m.line for m in changes if not m.inserted}
    insert_lines = {m.line for m in changes if m.inserted}
    edited: dict[int, dockerfile.Command] = {}
    inserted_after: set[int] = set()
    anchor = -1  # the input instruction that inserted ones follow
    for index, position in pairs:
        new = after[position]
        if index is None:
            inserted_after.add(_check_inserted(before, new, anchor, insert_lines))
            continue
        anchor = index
        old = before[index]
        if signature(old) == signature(new):
            continue
        assert old.heredocs == new.heredocs, f"heredoc bodies of line {old.start_line} changed"
        assert old.sub_cmd == new.sub_cmd, f"ONBUILD trigger of line {old.start_line} changed"
        assert old.flags == new.flags, f"flags of line {old.start_line} changed"
        assert edited_lines & set(lines_of(old)), (
            f"line {old.start_line} changed without an announced change: "
            f"{old.original!r} -> {new.original!r}"
        )
        edited[index] = new
    return edited, inserted_after


def _check_inserted(before: list, command, anchor: int, insert_lines: set[int]) -> int:
    assert command.cmd.upper() in INSERTABLE, f"inserted a {command.cmd}: {command.original!r}"
    assert anchor >= 0, f"inserted {command.original!r} before the first instruction"
    end = before[anchor].end_line - 1
    assert end in insert_lines, (
        f"inserted {command.original!r} after line {end + 1} without an announced insertion"
    )
    return anchor


def check_announcements(
    before: list, changes: list[Message], changed: set[int], inserted_after: set[int]
) -> None:
    """Assert that each announced change is in the output."""
    starts = {before[index].start_line - 1 for index in changed}
    ends = {before[index].end_line - 1 for index in inserted_after}
    for message in changes:
        if message.inserted:
            assert message.line in ends, (
                f"{message.code} announced lines after line {message.line + 1}, "
                "but none were inserted there"
            )
        else:
            assert message.line in starts, (
                f"{message.code} announced a change at line {message.line + 1}, "
                "but that instruction is unchanged"
            )


def check_lines(
    original: str, fixed: str, before: list, edited: set[int], inserted_after: set[int]
) -> None:
    """Assert that every line outside an announced change is byte-identical.

    The output must be the input with lines of edited instructions changed one for
    one, and whole lines inserted only right after an instruction that announced an
    insertion.
    """
    old, new = split_lines(original), split_lines(fixed)
    editable = {line for index in edited for line in lines_of(before[index])}
    anchors = {before[index].end_line - 1 for index in inserted_after}
    if old and not old[-1].endswith("\n") and len(old) - 1 in anchors:
        # Lines inserted after a last line without a newline give it one.
        editable.add(len(old) - 1)
    # reachable[i][j]: old[:i] can turn into new[:j] by the allowed steps.
    reachable = [[False] * (len(new) + 1) for _ in range(len(old) + 1)]
    reachable[0][0] = True
    for i in range(len(old) + 1):
        for j in range(len(new) + 1):
            if not reachable[i][j]:
                continue
            if i < len(old) and j < len(new) and (old[i] == new[j] or i in editable):
                reachable[i + 1][j + 1] = True
            if j < len(new) and i - 1 in anchors:
                reachable[i][j + 1] = True
    if not reachable[len(old)][len(new)]:
        difference = "".join(unified_diff(old, new, "input", "output", n=1))
        raise AssertionError(
            "lines outside the announced changes differ, or lines were removed or "
            f"inserted elsewhere:\n{difference}"
        )


# Gunicorn flags announced by DF401 and DF402, as their messages word them.
ADDED_FLAGS_RE = re.compile(r"^add (?P<flags>-.+?) to (gunicorn|GUNICORN_CMD_ARGS)$")


def shell_split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # unbalanced quotes, so split on whitespace instead
        return text.split()


def tokens(command: dockerfile.Command) -> list[str]:
    """Return the words a program receives from an instruction, quotes removed.

    Exec-form elements and ENV values are split again as a shell or Gunicorn would
    split them (`sh -c` strings, GUNICORN_CMD_ARGS), so that two inserted words that
    ran together show up as one wrong word.
    """
    if command.json:
        return [word for element in command.value for word in shell_split(element)]
    if command.cmd.upper() == "ENV":
        words = []
        for name, raw in zip(command.value[::2], command.value[1::2]):
            words.append(name)
            words += [word for value in shell_split(raw) for word in shell_split(value)]
        return words
    return shell_split(" ".join(command.value))


def is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(any(word == other for other in remaining) for word in short)


def contains_run(words: list[str], run: list[str]) -> bool:
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))


def check_tokens(
    before: list, edited: dict[int, dockerfile.Command], changes: list[Message]
) -> None:
    """Assert that edits keep every word and add announced Gunicorn flags as words."""
    for index, new in edited.items():
        old = before[index]
        assert is_subsequence(tokens(old), tokens(new)), (
            f"words of line {old.start_line} were altered: {old.original!r} -> {new.original!r}"
        )
        for message in changes:
            match = ADDED_FLAGS_RE.match(message.text)
            if message.inserted or not match or message.line not in lines_of(old):
                continue
            added = match.group("flags").split()
            assert contains_run(tokens(new), added), (
                f"{message.code} announced {' '.join(added)} on line {old.start_line}, "
                f"but the output reads {new.original!r}"
            )


# The properties.


@given(dockerfiles())
def test_generated_files_keep_every_property(build_context, data):
    outcome = check_fix(data, build_context, discard_known_bugs=True)
    event(f"outcome: {outcome.status}")


@given(dockerfiles(broken=True))
def test_broken_files_fail_cleanly(build_context, data):
    outcome = check_fix(data, build_context, discard_known_bugs=True)
    event(f"outcome: {outcome.status}")


def build_stops_early(commands: list) -> bool:
    """Tell whether BuildKit, having parsed the file, would still stop the build
    before its first step: an unknown instruction, no image in a FROM, or an
    instruction other than ARG before the first FROM."""
    seen_from = False
    for command in commands:
        keyword = command.cmd.upper()
        if keyword not in KEYWORDS or (keyword == "FROM" and not command.value):
            return True
        if keyword not in ("ARG", "FROM") and not seen_from:
            return True
        seen_from = seen_from or keyword == "FROM"
    return False


@given(dockerfiles())
def test_valid_files_are_accepted(build_context, data):
    commands = buildkit_parse(data.decode("utf-8"))
    if commands is None or build_stops_early(commands):
        return
    outcome = fix(data, build_context)
    if known_bug(data, outcome, commands):
        reject()
    assert outcome.error is None, f"BuildKit reads the file, dockerfix fails: {outcome.error}"


@contextlib.contextmanager
def working_directory(path: Path):
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def tree(folder: Path) -> dict[str, bytes]:
    """Return the bytes of every regular file under folder, by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.name != "fix.patch"
    }


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("patch") is None,
                    reason="git and patch are needed to apply the diff")
@settings(max_examples=max(settings.default.max_examples // 3, 10))
@given(dockerfiles())
def test_diff_applies_like_write(data):
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        copies = {}
        for name in ("diff", "git", "patch", "write"):
            context = make_build_context(root / name)
            (context / "Dockerfile").write_bytes(data)
            copies[name] = context
        untouched = tree(copies["diff"])
        expected = check_fix(data, copies["diff"], discard_known_bugs=True)
        with working_directory(copies["diff"]):
            diff = dockerfix("fix", "--diff", "Dockerfile")
            check = dockerfix("fix", "--check", "Dockerfile")
        with working_directory(copies["write"]):
            write = dockerfix("fix", "--write", "Dockerfile")
        written = tree(copies["write"])
        assert tree(copies["diff"]) == untouched, "--diff or --check changed a file"
        if expected.error is not None:
            assert (diff.exit_code, check.exit_code, write.exit_code) == (123, 123, 123)
            assert diff.stdout == b""
            assert written == untouched
            return
        assert (diff.exit_code, write.exit_code) == (0, 0), f"{diff}\n{write}"
        assert check.exit_code == (1 if expected.changed else 0), check
        assert written["Dockerfile"] == expected.fixed.encode("utf-8")
        if not expected.changed:
            assert diff.stdout == b""
            assert written == untouched
            return
        assert tree_after_patch("git", diff.stdout, copies["git"]) == written
        assert tree_after_patch("patch", diff.stdout, copies["patch"]) == written


def tree_after_patch(tool: str, patch: bytes, folder: Path) -> dict[str, bytes]:
    """Apply a diff in folder with git or patch, and return the files afterwards."""
    (folder / "fix.patch").write_bytes(patch)
    if tool == "git":
        command = ["git", "apply", "fix.patch"]
    else:
        command = ["patch", "-p1", "--quiet", "--no-backup-if-mismatch", "-i", "fix.patch"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, f"{tool} failed: {result.stdout}{result.stderr}"
    return tree(folder)
