"""DF403 gunicorn-not-pid-1: a shell stays PID 1 in front of Gunicorn.

Why: Docker sends SIGTERM to PID 1 only. A shell-form `CMD gunicorn ...`, or a start
script that runs `gunicorn ...` without exec, keeps the shell as PID 1, and the
shell does not pass the signal on, so `docker stop` waits for its timeout and then
kills Gunicorn without a graceful shutdown.

Change: prefix the command that starts Gunicorn with `exec` when it is the last
command the shell runs on its path: a single command, the last of an && list, or
the last command of an if or case branch that ends the script. Shell form stays
shell form, so variables such as $PORT still expand.

Fix safety: safe; the shell has nothing left to do after the last command.

Skips, with a note naming the line: Gunicorn not the last command on its path,
started with variable assignments in front (`FOO=1 gunicorn`) or with its output
redirected, and scripts that set a trap (exec would skip it).
Related hadolint rule: none (DL3025 asks for exec form instead).
"""

from __future__ import annotations

from fixer.passes import FixContext, Transform


def fix(ctx: FixContext) -> None:
    for call in ctx.gunicorn.calls:
        if call.form == "exec" or call.already_exec or call.exec_at is None:
            continue
        place = call.place
        if call.runs_last and not call.has_assignments and not call.in_script_with_trap:
            place.insert(ctx, call.exec_at, "exec ")
            place.report(ctx, call.exec_at, "start gunicorn with exec, so it gets SIGTERM as PID 1")
            continue
        reason = "it is not the last command on its path"
        if call.has_assignments:
            reason = "variable assignments stand in front of it"
        elif call.in_script_with_trap:
            reason = "the script sets a trap, which exec would skip"
        place.report(ctx, call.exec_at, (
            f"{place.describe(call.exec_at)} runs gunicorn without exec, because {reason}; "
            "the shell stays PID 1 and SIGTERM will not reach gunicorn"
        ), kind="note")


TRANSFORM = Transform(
    code="DF403",
    slug="gunicorn-not-pid-1",
    summary="prefix a shell command or script line that starts Gunicorn with exec",
    skips="Gunicorn not the last command, assignments in front, redirected output, trap",
    fix=fix,
)
