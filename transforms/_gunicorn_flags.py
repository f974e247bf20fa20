"""Where DF401 and DF402 put missing Gunicorn flags, and how they are written."""

from __future__ import annotations

import json
import re

from fixer.gunicorn import Gunicorn
from fixer.passes import FixContext

EQUALS_STYLE_RE = re.compile(r"(^|\s)--[\w-]+=")


def add_flags(ctx: FixContext, gunicorn: Gunicorn, pairs: list[tuple[str, str]]) -> str:
    """Insert `--name value` pairs where the author configures Gunicorn; return where.

    An existing GUNICORN_CMD_ARGS wins over the command line as the place, so that
    the settings stay in one place and `docker run -e` can still override them.
    """
    if gunicorn.cmd_args is not None:
        _add_to_env(ctx, gunicorn, pairs)
        return "GUNICORN_CMD_ARGS"
    shown = " ".join(f"{name} {value}" for name, value in pairs)
    for call in gunicorn.calls:
        tokens = [token for pair in pairs for token in pair]
        if call.form == "exec":
            text = "".join(call.separator + json.dumps(token) for token in tokens)
        else:
            text = call.encode(" " + " ".join(tokens))
        ctx.doc.insert_text(call.instruction, call.insert_at, text, ctx.code)
        ctx.change(call.instruction, f"add {shown} to gunicorn")
    return "command line"


def _add_to_env(ctx: FixContext, gunicorn: Gunicorn, pairs: list[tuple[str, str]]) -> None:
    entry = gunicorn.cmd_args
    separator = "=" if EQUALS_STYLE_RE.search(entry.value) else " "
    added = " ".join(f"{name}{separator}{value}" for name, value in pairs)
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
            prefix = " " if entry.value else ""
            ctx.doc.insert_text(instruction, word.end - 1, prefix + added, ctx.code)
        else:
            # Quote the value so that the added flags stay part of it.
            prefix = " " if raw_value else ""
            ctx.doc.insert_text(instruction, value_start, '"', ctx.code, closing=False, once=True)
            ctx.doc.insert_text(instruction, word.end, prefix + added, ctx.code)
            ctx.doc.insert_text(instruction, word.end, '"', ctx.code, closing=True, once=True)
    ctx.change(instruction, f"add {added} to GUNICORN_CMD_ARGS")
