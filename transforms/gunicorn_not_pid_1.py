"""DF403 gunicorn-not-pid-1: a shell stays PID 1 in front of Gunicorn.

Why: Docker sends SIGTERM to PID 1 only. A shell-form `CMD gunicorn ...` runs
under `/bin/sh -c`, which does not pass the signal on, so `docker stop` waits
for its timeout and then kills Gunicorn without a graceful shutdown.

Change: prefix the shell command that starts Gunicorn with `exec`, when it is the
last command the shell runs (a single command, or the last of an && list). Shell
form stays shell form, so variables such as $PORT still expand.

Fix safety: safe; the shell has nothing left to do after the last command.

Skips, with a note: Gunicorn not the last command, or started with variable
assignments in front (`FOO=1 gunicorn`), or with its output redirected.
Related hadolint rule: none (DL3025 asks for exec form instead).
"""

from __future__ import annotations

from fixer.passes import FixContext, Transform


def fix(ctx: FixContext) -> None:
    for call in ctx.gunicorn.calls:
        if call.form == "exec" or call.already_exec or call.exec_at is None:
            continue
        if call.runs_last and not call.has_assignments:
            ctx.doc.insert_text(call.instruction, call.exec_at, "exec ", ctx.code)
            ctx.change(call.instruction, "start gunicorn with exec, so it gets SIGTERM as PID 1")
        else:
            ctx.note(call.instruction, (
                "gunicorn is not the last plain command of the shell, so dockerfix cannot "
                "add exec; the shell stays PID 1 and SIGTERM will not reach gunicorn"
            ))


TRANSFORM = Transform(
    code="DF403",
    slug="gunicorn-not-pid-1",
    summary="prefix a shell-form Gunicorn command with exec",
    skips="Gunicorn not the last command, assignments in front, redirected output",
    fix=fix,
)
