"""The interface of a transform pass: options, the fix context and messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Callable

from fixer.model import Dockerfile, Instruction, Stage
from fixer.sources import ContextFiles


@dataclass(frozen=True)
class Options:
    """Settings for one run, from the command line."""

    select: frozenset[str] = frozenset()  # codes; empty means all
    ignore: frozenset[str] = frozenset()
    uid: int = 10001
    user: str = "appuser"
    group: str = "appgroup"
    workers: int = 2
    threads: int = 4
    target: str | None = None
    build_args: tuple[tuple[str, str], ...] = ()
    context: Path | None = None  # build context; None means the Dockerfile's folder


@dataclass(frozen=True)
class Message:
    """A change made, or a note about a fix left undone, for one file."""

    code: str
    line: int | None  # 0-based line in the original file; None for the whole file
    text: str
    kind: str = "change"  # "change", "note" or "warning"
    inserted: int = 0  # for a change made by inserted lines: the first one's index + 1
    file: Path | None = None  # a script or config file; None for the Dockerfile


@dataclass
class FixContext:
    """Everything a transform may read, and the place it reports to."""

    doc: Dockerfile
    options: Options
    build_context: Path | None
    today: date
    files: ContextFiles = field(default_factory=lambda: ContextFiles(None))
    messages: list[Message] = field(default_factory=list)
    code: str = ""  # the transform running now
    seen: set[Message] = field(default_factory=set)  # notes already recorded, once each

    @cached_property
    def shipped(self) -> Stage:
        """Return the stage the image is built from: --target, or the last one."""
        if self.options.target:
            stage = self.doc.stage_named(self.options.target)
            if stage is None:
                from fixer.errors import ParseError

                names = ", ".join(s.name or str(s.index) for s in self.doc.stages)
                raise ParseError(
                    f"--target {self.options.target} names no stage; stages are: {names}"
                )
            return stage
        return self.doc.stages[-1]

    @cached_property
    def gunicorn(self):
        from fixer.gunicorn import analyse

        return analyse(self)

    def runs(self, code: str) -> bool:
        """Return True when the transform with this code is selected for this run."""
        options = self.options
        return (not options.select or code in options.select) and code not in options.ignore

    def change(self, instruction: Instruction | None, text: str, inserted: bool = False) -> None:
        """Record a change at an instruction; `inserted` means lines added after it."""
        if self.doc.suppressed(self.code, instruction):
            return
        line = instruction.end if inserted and instruction else (
            instruction.start if instruction else None
        )
        self.messages.append(Message(self.code, line, text, "change", int(inserted)))

    def note(self, instruction: Instruction | None, text: str, kind: str = "note") -> None:
        """Record why a fix was left undone, or what the author should know."""
        if self.doc.suppressed(self.code, instruction):
            return
        line = instruction.start if instruction else None
        message = Message(self.code, line, text, kind)
        if message not in self.seen:
            self.seen.add(message)
            self.messages.append(message)

    def message_at(
        self, line: int, text: str, kind: str = "change", instruction: Instruction | None = None
    ) -> None:
        """Record a message at a 0-based line of the Dockerfile."""
        if self.doc.suppressed(self.code, instruction):
            return
        self.messages.append(Message(self.code, line, text, kind))

    def message_in(
        self,
        path: Path,
        line: int,
        text: str,
        kind: str = "change",
        instruction: Instruction | None = None,
    ) -> None:
        """Record a message at a 0-based line of a script or config file."""
        if self.doc.suppressed(self.code, instruction):
            return
        message = Message(self.code, line, text, kind, file=path)
        if message not in self.seen:
            self.seen.add(message)
            self.messages.append(message)

    def continued(self, parts: list[str]) -> list[str]:
        """Join commands with && into one RUN, a line each, continued with the file's
        escape character."""
        escape = self.doc.escape
        lines = [f"RUN {parts[0]} {escape}" if len(parts) > 1 else f"RUN {parts[0]}"]
        for index, part in enumerate(parts[1:], start=1):
            suffix = f" {escape}" if index < len(parts) - 1 else ""
            lines.append(f" && {part}{suffix}")
        return lines


@dataclass(frozen=True)
class Transform:
    """One transform pass: a code, a slug and the function that applies it."""

    code: str
    slug: str
    summary: str  # what it changes, one line
    skips: str  # when it leaves the file alone, one line
    fix: Callable[[FixContext], None]

    @property
    def doc(self) -> str:
        import sys

        module = sys.modules[self.fix.__module__]
        return (module.__doc__ or "").strip()
