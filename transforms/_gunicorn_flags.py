"""Placement and spelling of the Gunicorn settings DF401 and DF402 add.

Gunicorn reads, from lowest to highest precedence, the environment, the config file,
GUNICORN_CMD_ARGS and the command line. A missing setting goes where the author
already configures Gunicorn: the config file when there is one, else an existing
GUNICORN_CMD_ARGS, else the command. A place that would override a value set
elsewhere is never chosen; the callers check that first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from fixer.gunicorn import Call, Gunicorn
from fixer.passes import FixContext

EQUALS_STYLE_RE = re.compile(r"(^|\s)--[\w-]+=")


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


@dataclass
class Placement:
    """The place settings were added to, so that notes about them point at the same line."""

    where: str  # "config file", "GUNICORN_CMD_ARGS" or "command line"
    note: Callable[[str], None]


def add_settings(
    ctx: FixContext, gunicorn: Gunicorn, settings: list[tuple[str, str]], calls: list[Call]
) -> Placement:
    """Add settings (name, value) for the calls that miss them."""
    every_call = len(calls) == len(gunicorn.calls)
    config = gunicorn.config
    if every_call and config is not None and config.path is not None:
        instruction = calls[0].instruction
        if ctx.doc.suppressed(ctx.code, instruction):
            return Placement("config file", lambda text: None)
        line = _add_to_config(ctx, config.path, settings)
        return Placement(
            "config file",
            lambda text: ctx.message_in(config.path, line, text, "note", instruction),
        )
    # A shell that sets GUNICORN_CMD_ARGS itself hides the ENV value from Gunicorn.
    shell_sets_it = any("GUNICORN_CMD_ARGS" in call.env_names for call in calls)
    if every_call and gunicorn.cmd_args is not None and not shell_sets_it:
        _add_to_env(ctx, gunicorn, settings)
        instruction = gunicorn.cmd_args.instruction
        return Placement("GUNICORN_CMD_ARGS", lambda text: ctx.note(instruction, text))
    shown = " ".join(f"{option(name)} {value}" for name, value in settings)
    tokens = [token for name, value in settings for token in (option(name), value)]
    for call in calls:
        if call.form == "exec":
            text = "".join(call.separator + json.dumps(token) for token in tokens)
        else:
            text = call.encode(" " + " ".join(tokens))
        call.place.insert(ctx, call.insert_at, text)
        call.place.report(ctx, call.insert_at, f"add {shown} to gunicorn")
    first = calls[0]
    return Placement(
        "command line", lambda text: first.place.report(ctx, first.insert_at, text, "note")
    )


def _add_to_config(ctx: FixContext, path, settings: list[tuple[str, str]]) -> int:
    from fixer.pyconf import append_assignments

    edited = ctx.files.edit(path)
    current = edited.replacement if edited.replacement is not None else edited.original
    assignments = [(name, _python_literal(value)) for name, value in settings]
    edited.replacement = append_assignments(current, assignments)
    edited.replaced_by = ctx.code
    first_line = current.count("\n") + (0 if current.endswith("\n") or not current else 1)
    shown = ", ".join(f"{name} = {literal}" for name, literal in assignments)
    ctx.message_in(path, first_line, f"add {shown} to {path.name}")
    return first_line


def _inserted_at(ctx: FixContext, instruction, offset: int) -> bool:
    """Return True when an earlier pass already added text at this offset."""
    return any(
        edit.instruction is instruction and edit.kind == "text" and edit.start == offset
        and not edit.closing and edit.lines[0] != '"'
        for edit in ctx.doc.edits
    )


def _python_literal(value: str) -> str:
    return value if value.isdigit() else json.dumps(value)


def _add_to_env(ctx: FixContext, gunicorn: Gunicorn, settings: list[tuple[str, str]]) -> None:
    entry = gunicorn.cmd_args
    separator = "=" if EQUALS_STYLE_RE.search(entry.value) else " "
    added = " ".join(f"{option(name)}{separator}{value}" for name, value in settings)
    instruction, word = entry.instruction, entry.word
    if word is None:
        # Legacy `ENV GUNICORN_CMD_ARGS value...`: the value runs to the end of the line.
        end = len(instruction.text.rstrip())
        ctx.doc.insert_text(instruction, end, " " + added, ctx.code)
    else:
        value_start = word.start + len(entry.name) + 1
        raw_value = word.raw[len(entry.name) + 1 :]
        quoted = len(raw_value) >= 2 and raw_value[0] in "\"'" and raw_value[-1] == raw_value[0]
        if quoted:
            offset = word.end - 1
            empty = not entry.value and not _inserted_at(ctx, instruction, offset)
            ctx.doc.insert_text(instruction, offset, ("" if empty else " ") + added, ctx.code)
        elif "\\" in raw_value or "'" in raw_value or '"' in raw_value:
            # Escapes in an unquoted value: extend it in the same style, `\ ` per blank.
            escaped = added.replace(" ", "\\ ")
            ctx.doc.insert_text(instruction, word.end, "\\ " + escaped, ctx.code)
        else:
            # Quote the value so that the added flags stay part of it.
            prefix = " " if raw_value or _inserted_at(ctx, instruction, word.end) else ""
            ctx.doc.insert_text(instruction, value_start, '"', ctx.code, closing=False, once=True)
            ctx.doc.insert_text(instruction, word.end, prefix + added, ctx.code)
            ctx.doc.insert_text(instruction, word.end, '"', ctx.code, closing=True, once=True)
    ctx.change(instruction, f"add {added} to GUNICORN_CMD_ARGS")
