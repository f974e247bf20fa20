"""The command line: click wiring only."""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

import click
from click.core import ParameterSource

from fixer import runner
from fixer.core import Outcome, fix_bytes
from fixer.passes import Options
from fixer.files import display_path
from fixer.report import FORMATS, Report

EXIT_CODES = """Exit codes: 0 success; 1 with --check when a file would change;
2 usage error; 123 when any file failed (the other files are still processed)."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dockerfix")
def main() -> None:
    """Rewrite the Dockerfiles of Python web apps so their images are secure and run
    well in production."""


def _names(values: tuple[str, ...]) -> frozenset[str]:
    from transforms import find

    found = set()
    for value in values:
        for name in filter(None, (part.strip() for part in value.split(","))):
            transform = find(name)
            if transform is None:
                raise click.BadParameter(
                    f"unknown transform {name!r}; `dockerfix rules` lists the codes and slugs"
                )
            found.add(transform.code)
    return frozenset(found)


def _account_name(value: str, option: str) -> str:
    # The name goes into a RUN line, so it must be a plain POSIX account name.
    if not re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", value) or value == "root":
        raise click.BadParameter(
            f"{value!r} is not a valid new account name (lower-case letters, digits, _ "
            "and -, at most 32, not root)",
            param_hint=option,
        )
    return value


def _build_args(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        name, equals, setting = value.partition("=")
        if not equals or not name:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--build-arg")
        pairs.append((name, setting))
    return tuple(pairs)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--diff", "diff", is_flag=True, default=None,
              help="Print a unified diff of the changes (the default).")
@click.option("--write", is_flag=True, help="Rewrite the files in place.")
@click.option("--check", is_flag=True,
              help="Print nothing on stdout; exit 1 when a file would change.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Run only these transforms (codes or slugs, comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES",
              help="Skip these transforms (codes or slugs, comma-separated).")
@click.option("--uid", type=click.IntRange(1, 2**31 - 2), default=10001, show_default=True,
              help="Numeric user and group id of the user DF101 creates.")
@click.option("--user", "user_name", default="appuser", show_default=True,
              callback=lambda c, p, v: _account_name(v, "--user"),
              help="Name of the user DF101 creates.")
@click.option("--group", "group_name", default="appgroup", show_default=True,
              callback=lambda c, p, v: _account_name(v, "--group"),
              help="Name of the group DF101 creates.")
@click.option("--workers", type=click.IntRange(1), default=2, show_default=True,
              help="Gunicorn worker processes DF402 sets.")
@click.option("--threads", type=click.IntRange(1), default=4, show_default=True,
              help="Gunicorn threads per worker DF402 sets.")
@click.option("--target", metavar="STAGE", help="The stage that is shipped (default: the last).")
@click.option("--build-arg", "build_args", multiple=True, metavar="NAME=VALUE",
              help="Value for an ARG used in FROM lines; repeatable.")
@click.option("--context", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Build context folder (default: the folder holding the Dockerfile).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True,
              help="Date that end-of-life checks compare against (for tests).")
@click.option("--exclude", "excludes", multiple=True, metavar="PATTERN",
              help="Skip files found in folders that match this .gitignore-style pattern.")
@click.option("--color/--no-color", default=None,
              help="Colour the diff (default: when stdout is a terminal and NO_COLOR is unset).")
@click.option("-q", "--quiet", is_flag=True, help="Report errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Also list unchanged files and debug logs.")
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              default="text", show_default=True,
              help="Report format: text lines on stderr, or a JSON, SARIF 2.1.0 or "
                   "Markdown report on stdout (the diff is then left out).")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              metavar="FILE", help="Write the report to FILE instead of stdout (text: "
                                   "instead of stderr); the diff stays on stdout.")
@click.pass_context
def fix(click_context, paths, diff, write, check, select, ignore, uid, user_name, group_name,
        workers, threads, target, build_args, context, today, excludes, color, quiet,
        verbose, output_format, output) -> None:
    """Fix the Dockerfiles at PATHS (files or folders; - reads stdin)."""
    if write and (diff or check):
        raise click.UsageError("--write cannot be combined with --diff or --check")
    _check_output(output_format, output, diff, check, paths)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="debug: %(name)s: %(message)s")
    given = {
        "select": _names(select), "ignore": _names(ignore), "uid": uid, "user": user_name,
        "group": group_name, "workers": workers, "threads": threads, "target": target,
        "build_args": _build_args(build_args), "context": context,
    }
    parameters = {"user": "user_name", "group": "group_name"}
    explicit = tuple(
        (name, value) for name, value in given.items()
        if click_context.get_parameter_source(parameters.get(name, name)) is ParameterSource.COMMANDLINE
    )
    day = today.date() if today else None
    mode = "diff"
    if write:
        mode = "write"
    elif check:
        mode = "check"
    text_lines: list[str] = []  # the text report, when --output takes it from stderr
    if output_format == "text" and output is not None:
        write_line = text_lines.append
    else:
        write_line = partial(click.echo, err=True)
    report = Report(write_line, mode, quiet, verbose, details=output_format == "text",
                    outcomes=None if output_format == "text" else [])
    # A JSON, SARIF or Markdown report takes the diff's place on stdout unless --output
    # sends it to a file.
    diff_on_stdout = output_format == "text" or output is not None
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    stdout = sys.stdout.buffer
    printed: set[Path] = set()  # scripts shared by several Dockerfiles are shown once
    jobs, order = [], []
    for item in runner.expand(paths, excludes):
        if isinstance(item, Outcome):
            order.append(item)
        else:
            path, searched = item
            order.append(path)
            if path != "-":
                jobs.append(runner.Job(path, Options(), explicit, mode, day, searched))
    outcomes = _with_progress(runner.run_all(jobs), len(jobs))
    for entry in order:
        if isinstance(entry, Outcome):
            report.file(entry)
            continue
        if entry == "-":
            options = replace(Options(), **dict(explicit))
            report.file(_fix_stdin(options, stdout, diff, mode, day))
            continue
        outcome = next(outcomes)
        if outcome.changed and (mode == "diff" and diff_on_stdout or check and diff):
            _print_diffs(stdout, outcome, printed, color)
        report.file(outcome)
    report.summary()
    _write_report(report, output_format, output, text_lines)
    sys.exit(report.exit_code)


def _check_output(output_format: str, output: Path | None, diff, check, paths) -> None:
    """Reject a report file in a missing folder, and a JSON, SARIF or Markdown report
    on a stdout that is already in use."""
    if output is not None:
        if not output.absolute().parent.is_dir():
            raise click.BadParameter(
                f"folder {output.parent} does not exist; create it first",
                param_hint="--output",
            )
        return
    if output_format == "text":
        return
    if diff:
        raise click.UsageError(
            f"--format {output_format} with --diff needs --output FILE, because the "
            "diff goes to stdout"
        )
    if "-" in paths and not check:
        raise click.UsageError(
            f"--format {output_format} needs --output FILE when a path is - (stdin), "
            "because the fixed text goes to stdout"
        )


def _write_report(report: Report, output_format: str, output: Path | None,
                  text_lines: list[str]) -> None:
    """Write the report to --output, or a JSON, SARIF or Markdown report to stdout."""
    if output_format == "text":
        if output is None:
            return
        text = "".join(line + "\n" for line in text_lines)
    else:
        from fixer import formats

        text = formats.render(output_format, report.outcomes, report.mode)
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    try:
        output.write_bytes(text.encode("utf-8"))
    except OSError as error:
        click.echo(f"error: cannot write the report to {output}: {error.strerror}", err=True)
        sys.exit(123)


def _with_progress(outcomes, count: int):
    """Show a progress bar on stderr when it is a terminal and there are many files."""
    if count <= 20 or not sys.stderr.isatty():
        yield from outcomes
        return
    with click.progressbar(length=count, file=sys.stderr, label="fixing") as bar:
        for outcome in outcomes:
            bar.update(1)
            yield outcome


def _print_diffs(stdout, outcome: Outcome, printed: set[Path], color: bool) -> None:
    from fixer.diff import colorize, unified_diff
    if outcome.path.startswith(("../", "/")):
        click.echo(
            f"{outcome.path} note: the diff names a path outside the current folder, which "
            "git apply and patch reject; run dockerfix from a folder that contains the file",
            err=True,
        )
    diffs = []
    if outcome.fixed != outcome.original:
        diffs.append(unified_diff(outcome.path, outcome.original, outcome.fixed))
    for change in outcome.files:
        if change.path in printed:
            continue
        printed.add(change.path)
        diffs.append(unified_diff(display_path(change.path), change.original, change.fixed))
    for text in diffs:
        stdout.write((colorize(text) if color else text).encode("utf-8"))
    stdout.flush()


def _fix_stdin(options: Options, stdout, diff, mode: str, today) -> Outcome:
    from fixer.diff import unified_diff

    data = sys.stdin.buffer.read()
    outcome = fix_bytes("-", data, options, options.context or Path.cwd(), today)
    if outcome.error is None and mode != "check":
        if diff:
            if outcome.changed:
                stdout.write(unified_diff("-", outcome.original, outcome.fixed).encode("utf-8"))
        else:
            stdout.write(outcome.fixed.encode("utf-8"))
    elif outcome.error is not None and mode != "check" and not diff:
        stdout.write(data)  # a filter passes unfixable input through unchanged
    stdout.flush()
    return outcome


@main.command()
def rules() -> None:
    """List every transform: code, slug, what it changes, when it skips."""
    from transforms import TRANSFORMS

    for transform in TRANSFORMS:
        click.echo(f"{transform.code} {transform.slug}")
        click.echo(f"    changes: {transform.summary}")
        click.echo(f"    skips:   {transform.skips}")


@main.command()
@click.argument("name", metavar="CODE")
def explain(name: str) -> None:
    """Print the documentation of the transform with this CODE (or slug)."""
    from transforms import find

    transform = find(name)
    if transform is None:
        raise click.BadParameter(
            f"unknown transform {name!r}; `dockerfix rules` lists the codes and slugs",
            param_hint="CODE",
        )
    click.echo(transform.doc)
