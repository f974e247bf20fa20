"""Unified diffs that `git apply` and `patch -p1` accept, byte for byte."""

from __future__ import annotations

import difflib

from fixer.model import split_lines

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(path: str, before: str, after: str) -> str:
    """Return a unified diff with a/PATH and b/PATH headers and no timestamps."""
    # patch reads a header name up to a tab, so a name with blanks needs one.
    end = "\t" if " " in path else ""
    lines = difflib.unified_diff(
        split_lines(before), split_lines(after), f"a/{path}{end}", f"b/{path}{end}"
    )
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            # The last line of a file without a final newline.
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)


def colorize(diff: str) -> str:
    """Colour a unified diff for a terminal: headers bold, removals red, additions green."""
    import click

    out = []
    for line in diff.splitlines(keepends=True):
        body, ending = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")) :]
        if line.startswith(("---", "+++")):
            out.append(click.style(body, bold=True) + ending)
        elif line.startswith("@@"):
            out.append(click.style(body, fg="cyan") + ending)
        elif line.startswith("-"):
            out.append(click.style(body, fg="red") + ending)
        elif line.startswith("+"):
            out.append(click.style(body, fg="green") + ending)
        else:
            out.append(line)
    return "".join(out)
