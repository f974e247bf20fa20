"""Files of the build context that dockerfix reads and may change: start scripts and
gunicorn.conf.py.

Every read goes through `ContextFiles`, which resolves paths inside the build context
only and serves the fixed text of a file during the second, checking run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

MAX_SIZE = 1_000_000  # bytes; larger files are not start scripts or config files


@dataclass
class TextEdit:
    offset: int
    text: str
    code: str
    seq: int


@dataclass
class EditedFile:
    """A context file with pending insertions, or a whole new text from libcst."""

    path: Path
    original: str
    edits: list[TextEdit] = field(default_factory=list)
    replacement: str | None = None
    replaced_by: str = ""  # code of the transform that set `replacement`

    def insert(self, offset: int, text: str, code: str) -> None:
        self.edits.append(TextEdit(offset, text, code, len(self.edits)))

    def render(self) -> str:
        text = self.replacement if self.replacement is not None else self.original
        for edit in sorted(self.edits, key=lambda e: (e.offset, e.seq), reverse=True):
            text = text[: edit.offset] + edit.text + text[edit.offset :]
        return text

    def line_of(self, offset: int) -> int:
        """Return the 0-based line holding an offset of the original text."""
        return self.original.count("\n", 0, offset)

    @property
    def codes(self) -> list[str]:
        codes = [edit.code for edit in self.edits]
        return codes + ([self.replaced_by] if self.replaced_by else [])


class ContextFiles:
    """Reads files of the build context, never outside it."""

    def __init__(self, root: Path | None, overlay: dict[Path, str] | None = None) -> None:
        self.root = root
        self.overlay = overlay or {}
        self.edited: dict[Path, EditedFile] = {}

    def read(self, path: Path) -> str | None:
        """Return a file's text, or None when it is unreadable, binary or too large."""
        if path in self.overlay:
            return self.overlay[path]
        try:
            if path.stat().st_size > MAX_SIZE:
                return None
            data = path.read_bytes()
        except OSError as error:
            log.debug("cannot read %s: %s", path, error)
            return None
        if b"\x00" in data:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def edit(self, path: Path) -> EditedFile | None:
        """Return the pending edits of a file, creating them on first use."""
        if path not in self.edited:
            text = self.read(path)
            if text is None:
                return None
            self.edited[path] = EditedFile(path, text)
        return self.edited[path]

    def changes(self) -> list[EditedFile]:
        return [f for f in self.edited.values() if f.render() != f.original]
