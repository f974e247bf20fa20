"""Shell commands parsed with tree-sitter-bash: simple commands and their words.

Used for shell-form CMD/ENTRYPOINT, `sh -c` strings and RUN lines. Offsets are
character offsets into the text that was parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from fixer.model import unquote

SHELLS = {"sh", "bash", "dash", "ash", "/bin/sh", "/bin/bash", "/bin/dash", "/bin/ash",
          "/usr/bin/sh", "/usr/bin/bash", "/usr/bin/env"}


@dataclass
class ShellWord:
    raw: str
    start: int
    end: int

    @property
    def value(self) -> str:
        """Return the word without quotes; expansions stay as written."""
        return unquote(self.raw)

    @property
    def dynamic(self) -> bool:
        return "$" in self.raw.replace("'", "") or "`" in self.raw


@dataclass
class Command:
    """A simple command: prefix assignments, then the command name and arguments."""

    words: list[ShellWord]
    assignments: list[str]
    start: int
    end: int
    runs_last: bool  # the last command the script runs on some path (see _terminal)
    redirected: bool = False
    redirect_targets: list[str] = field(default_factory=list)  # files written by > or >>

    @property
    def name(self) -> str:
        return self.words[0].value if self.words else ""


@dataclass
class Script:
    text: str
    commands: list[Command] = field(default_factory=list)
    has_error: bool = False
    # NAME=value assignments that set a variable for the rest of the script
    # (plain or exported), in source order; prefix assignments stay on their command.
    assignments: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser():
    # Imported here: tree-sitter is needed only for files with shell commands.
    import tree_sitter
    import tree_sitter_bash

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


def parse(text: str) -> Script:
    """Parse shell text into its simple commands, in source order."""
    data = text.encode("utf-8")
    to_char = _char_offsets(text, data)
    tree = _parser().parse(data)
    script = Script(text, has_error=tree.root_node.has_error)
    last = _last_command_node(tree.root_node)
    _collect(tree.root_node, script, to_char, data, last)
    return script


def _char_offsets(text: str, data: bytes):
    if len(data) == len(text):
        return lambda offset: offset
    table = []
    for index, char in enumerate(text):
        table.extend([index] * len(char.encode("utf-8")))
    table.append(len(text))
    return lambda offset: table[offset]


def _collect(root, script: Script, to_char, data: bytes, last) -> None:
    # Iterative, in source order: long && chains nest deeper than Python's recursion limit.
    stack = [root]
    while stack:
        node = stack.pop()
        _visit(node, script, to_char, data, last)
        stack.extend(reversed(node.children))


def _visit(node, script: Script, to_char, data: bytes, last) -> None:
    if node.type == "variable_assignment" and node.parent is not None and node.parent.type != "command":
        raw = data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        name, _, value = raw.partition("=")
        script.assignments.append((name, value))
    if node.type == "command":
        words, assignments = [], []
        for child in node.children:
            if child.type == "variable_assignment":
                assignments.append(data[child.start_byte : child.end_byte].decode())
            elif child.type == "command_name" or child.is_named and child.type not in (
                "file_redirect", "heredoc_redirect", "herestring_redirect", "comment"
            ):
                start, end = to_char(child.start_byte), to_char(child.end_byte)
                words.append(ShellWord(script.text[start:end], start, end))
        script.commands.append(
            Command(
                words,
                assignments,
                to_char(node.start_byte),
                to_char(node.end_byte),
                runs_last=node.id in last,
                redirected=node.parent is not None
                and node.parent.type == "redirected_statement",
                redirect_targets=_redirect_targets(node, data),
            )
        )


def _redirect_targets(node, data: bytes) -> list[str]:
    parent = node.parent
    if parent is None or parent.type != "redirected_statement":
        return []
    targets = []
    for child in parent.children:
        if child.type != "file_redirect":
            continue
        operator = next((c.type for c in child.children if not c.is_named), "")
        destination = child.child_by_field_name("destination")
        if operator in (">", ">>", ">|", "&>", "&>>") and destination is not None:
            raw = data[destination.start_byte : destination.end_byte].decode("utf-8", "replace")
            targets.append(unquote(raw))
    return targets


def _last_command_node(root):
    """Return the command nodes that run last on some path through the script.

    A command is last when nothing follows it: the end of the script, of an && list
    at the end, or of a branch of an if or case statement that is itself last.
    """
    return {node.id for node in _terminal(_statements(root.children))}


def _statements(children) -> list:
    return [c for c in children if c.is_named and c.type != "comment"]


def _terminal(statements: list) -> list:
    if not statements:
        return []
    node = statements[-1]
    following = node.next_sibling
    if following is not None and following.type == "&":
        return []  # run in the background: the shell goes on after it
    while node.type == "list":
        node = _statements(node.children)[-1]
    if node.type == "command":
        return [node]
    found = []
    if node.type == "if_statement":
        found += _terminal(_body(node, "then"))
        for clause in node.children:
            if clause.type == "elif_clause":
                found += _terminal(_body(clause, "then"))
            elif clause.type == "else_clause":
                found += _terminal(_body(clause, "else"))
    elif node.type == "case_statement":
        for item in node.children:
            if item.type == "case_item":
                found += _terminal(_body(item, ")"))
    return found


def _body(node, token: str) -> list:
    """Return the statements after a keyword token, up to the next clause."""
    body, started = [], False
    for child in node.children:
        if not started:
            started = child.type == token
            continue
        if child.type in ("elif_clause", "else_clause", "fi", ";;", "esac"):
            break
        body.append(child)
    return _statements(body)


def shell_c_string(words: list[str]) -> int | None:
    """Return the index of the script argument in `sh -c SCRIPT`, or None."""
    if len(words) < 3 or words[0] not in SHELLS:
        return None
    index = 1
    if words[0] == "/usr/bin/env":
        if words[1] not in {"sh", "bash", "dash", "ash"}:
            return None
        index = 2
    while index < len(words) and words[index].startswith("-"):
        option = words[index]
        if option == "-c" or (not option.startswith("--") and option.endswith("c")):
            return index + 1 if index + 1 < len(words) else None
        index += 1
    return None
