"""Run the dockerfix CLI in-process, with stdout and stderr kept apart."""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from fixer.cli import main

# A fixed date, so that end-of-life notes do not change as time passes.
TODAY = "2026-12-04"


@dataclass
class Run:
    exit_code: int
    stdout: bytes
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout.decode(errors='replace')}\n--- stderr\n{self.stderr}"


def dockerfix(*args: str, stdin: bytes | None = None) -> Run:
    """Run `dockerfix ARGS` and return its exit code, stdout bytes and stderr text."""
    runner = CliRunner()
    extra = ["--today", TODAY] if args and args[0] == "fix" else []
    result = runner.invoke(main, [*args[:1], *extra, *args[1:]], input=stdin, catch_exceptions=False)
    return Run(result.exit_code, result.stdout_bytes, result.stderr)


def apply(text: str, code: str | None = None, context=None, **options) -> tuple[str, list[str]]:
    """Run one transform (or all, when code is None) on text; return output and report."""
    from datetime import date

    from fixer.core import fix_text
    from fixer.passes import Options

    if "build_args" in options:
        options["build_args"] = tuple(options["build_args"].items())
    options.setdefault("select", frozenset({code}) if code else frozenset())
    chosen = Options(**options)
    result = fix_text(text, chosen, context, date.fromisoformat(TODAY))
    shown = [f"{m.code} {'' if m.kind == 'change' else m.kind + ': '}{m.text}" for m in result.messages]
    return result.text, shown
