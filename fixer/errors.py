"""Exceptions raised while reading or fixing one file."""

from __future__ import annotations

from pathlib import Path


class FixerError(Exception):
    """Base class: the file cannot be fixed and is left untouched."""


class ParseError(FixerError):
    """The input is not a Dockerfile dockerfix can read."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based, or None when the problem is the whole file

    def __reduce__(self):
        return (type(self), (self.message, self.line))


class ContextFileError(FixerError):
    """An invalid file that dockerfix reads besides the Dockerfile, such as a
    .dockerignore or a configuration file."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.detail = path, line, message
        self.message = f"{path} line {line}: {message}" if line else f"{path}: {message}"

    def __reduce__(self):
        return (type(self), (self.path, self.line, self.detail))


class SkipFile(FixerError):
    """A transform declines the whole file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __reduce__(self):
        return (type(self), (self.reason,))


class InternalError(FixerError):
    """A transform produced output that failed the safety checks."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __reduce__(self):
        return (type(self), (self.message, self.code))
