"""Everything dockerfix writes to stderr: changes, notes, errors and the summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from fixer.core import Outcome
from fixer.files import display_path
from fixer.errors import InternalError, ParseError, SkipFile

FORMATS = ("text", "json", "sarif", "markdown")  # values of --format


@dataclass
class Report:
    """Counts outcomes and writes one line per change, note and error."""

    write: Callable[[str], None]
    mode: str  # "diff", "check" or "write"
    quiet: bool = False
    verbose: bool = False
    details: bool = True  # False writes only errors and the summary
    outcomes: list[Outcome] | None = None  # when set, every outcome is kept here
    counts: dict[str, int] = field(
        default_factory=lambda: {"changed": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    )

    def file(self, outcome: Outcome) -> None:
        """Report one file's outcome."""
        self.counts[outcome.status] += 1
        if self.outcomes is not None:
            self.outcomes.append(outcome)
        if outcome.error is not None:
            self.write(error_line(outcome))
            return
        if not self.details:
            return
        if outcome.skipped is not None:
            if self.verbose:
                self.write(f"skipped {outcome.path} ({outcome.skipped})")
            return
        if self.quiet:
            return
        # The Dockerfile's lines first, then each script or config file's, by line.
        order = sorted(
            range(len(outcome.messages)),
            key=lambda i: (
                outcome.messages[i].file is not None,
                str(outcome.messages[i].file or ""),
                outcome.lines.get(i, 0),
            ),
        )
        for index in order:
            message = outcome.messages[index]
            line = outcome.lines.get(index)
            path = display_path(message.file) if message.file else outcome.path
            where = f"{path}:{line}" if line else path
            label = "" if message.kind == "change" else f"{message.kind}: "
            code = f"{message.code} " if message.code else ""
            self.write(f"{where} {code}{label}{message.text}")
        if outcome.changed:
            verb = "fixed" if self.mode == "write" else "would fix"
            also = [display_path(change.path) for change in outcome.files]
            suffix = f" (and {', '.join(also)})" if also else ""
            self.write(f"{verb} {outcome.path}{suffix}")
        elif self.verbose:
            self.write(f"unchanged {outcome.path}")

    def summary(self) -> None:
        if self.quiet and not self.counts["failed"]:
            return
        changed = self.counts["changed"]
        verb = "fixed" if self.mode == "write" else "would be fixed"
        noun = "file" if changed == 1 else "files"
        skipped = f", {self.counts['skipped']} skipped" if self.counts["skipped"] else ""
        self.write(
            f"{changed} {noun} {verb}, {self.counts['unchanged']} unchanged{skipped}, "
            f"{self.counts['failed']} failed."
        )

    @property
    def exit_code(self) -> int:
        """Return 123 if any file failed, 1 if --check found changes, else 0."""
        if self.counts["failed"]:
            return 123
        if self.mode == "check" and self.counts["changed"]:
            return 1
        return 0


def error_line(outcome: Outcome) -> str:
    error = outcome.error
    if isinstance(error, ParseError):
        where = f"{outcome.path}:{error.line}" if error.line else outcome.path
        return f"error: cannot fix {where}: {error.message}"
    if isinstance(error, InternalError):
        return (
            f"error: cannot fix {outcome.path}: internal error in {error.code}: "
            f"{error.message}. Nothing was written; run with --ignore {error.code} "
            "and report this"
        )
    if isinstance(error, SkipFile):
        return f"error: cannot fix {outcome.path}: {error.reason}"
    message = getattr(error, "message", None)
    if message:
        return f"error: cannot fix {outcome.path}: {message}"
    return f"error: cannot fix {outcome.path}: {error}"
