"""DF101 root-user: the container runs as root.

Why: a process that breaks out of the application runs as root inside the
container, and Kubernetes' runAsNonRoot rejects images it cannot prove non-root.

Change: in the shipped stage, create a system group and user with a fixed numeric
id (10001 unless --uid sets another) and a home directory, with the OS family's
own tools, then add `USER 10001:10001`. Both go after the stage's last RUN, COPY,
ADD, WORKDIR or USER, so build steps still run as root and the application's files
stay root-owned and read-only to it. A stage that already creates a user switches
to that user instead. Shell-less stages (distroless, scratch) get only
`USER 65532:65532`. A VOLUME in the stage is created and given to the user first.

Fix safety: safe when the application writes only to its volumes, /tmp and its
home directory; the reasons below cover the setups where it is not.

Skips, with a note: the entrypoint drops privileges itself (gosu, su-exec, setpriv,
runuser, su -c, chroot --userspec, s6-setuidgid, chpst), Gunicorn switches users
(--user, --group), Gunicorn binds a port below 1024, packages were installed for
root only (pip install --user, /root/.local), `poetry run` or `pipenv run` with
the virtual environment in root's home, Windows, and unknown bases.
Related hadolint rule: DL3002.
"""

from __future__ import annotations

from fixer import images, stageinfo
from fixer.model import is_root_user
from fixer.passes import FixContext, Transform
from transforms import _user_checks as checks

BUILD_STEPS = {"RUN", "COPY", "ADD", "WORKDIR", "USER"}
SHELL_LESS_USER = "65532:65532"


def fix(ctx: FixContext) -> None:
    stage = ctx.shipped
    kind = stageinfo.family(stage)
    if kind == images.WINDOWS:
        ctx.note(stage.from_instruction, "Windows base image: no user added")
        return
    user = checks.effective_user(stage)
    if user is not None and not is_root_user(user):
        return  # the author chose a user
    image = stageinfo.image_of(stage)
    if user is None and image is not None and images.default_user(image):
        return  # the base image already runs as non-root
    if kind == images.UNKNOWN:
        ctx.note(stage.from_instruction, _unknown_base(stage))
        return
    reasons = checks.reasons_to_keep_root(ctx, stage)
    written, blocked = checks.writable_folders(ctx, stage)
    reasons += blocked
    if reasons:
        for instruction, reason in reasons:
            ctx.note(instruction, f"not adding USER: {reason}")
        return
    anchor = [i for i in stage.instructions if i.keyword in BUILD_STEPS]
    anchor = anchor[-1] if anchor else stage.from_instruction
    if kind in images.SHELL_LESS:
        if written:
            ctx.note(anchor, (
                f"not adding USER: gunicorn writes to {' '.join(written)}, which a "
                "shell-less image cannot hand to a new user"
            ))
            return
        ctx.doc.insert_after(anchor, [f"USER {SHELL_LESS_USER}"], ctx.code)
        ctx.change(anchor, f"run as uid {SHELL_LESS_USER.split(':')[0]} (shell-less image)", True)
        return
    existing = checks.existing_user(stage)
    if existing is None and str(ctx.options.uid) in checks.taken_ids(stage):
        ctx.note(anchor, (
            f"not adding USER: id {ctx.options.uid} is already used by a user or group "
            "created here. Pass --uid with a free id"
        ))
        return
    owner = existing.owner if existing else f"{ctx.options.uid}:{ctx.options.uid}"
    if existing and not existing.uid and _volume_before_user(stage):
        ctx.note(anchor, (
            f"not adding USER: a VOLUME comes before user {existing.name} is created, so "
            "it cannot be given to that user by name. Create the user with a numeric "
            "--uid first"
        ))
        return
    parts = None
    if existing is None:
        parts = _create_user(ctx, stage, kind)
        if parts is None:
            return
    late_volumes = _volumes(ctx, stage, anchor, owner)
    late_volumes += [folder for folder in written if folder not in late_volumes]
    if existing:
        lines = [*_volume_run(ctx, late_volumes, owner), f"USER {existing.user_line}"]
        ctx.doc.insert_after(anchor, lines, ctx.code)
        ctx.change(anchor, f"run as {existing.description} (created earlier in the file)"
                   + _handed_over(written), True)
    else:
        parts += _volume_commands(late_volumes, owner)
        lines = ctx.continued(parts) if kind != images.ALPINE else [f"RUN {' && '.join(parts)}"]
        uid = ctx.options.uid
        ctx.doc.insert_after(anchor, [*lines, f"USER {uid}:{uid}"], ctx.code)
        ctx.change(anchor, f"run as uid {uid} (created user {ctx.options.user})"
                   + _handed_over(written), True)
    checks.note_root_only_downloads(ctx, stage)


def _volume_before_user(stage) -> bool:
    first_volume = next((i for i in stage.instructions if i.keyword == "VOLUME"), None)
    if first_volume is None:
        return False
    creating = [c.instruction for c in stageinfo.run_commands(stage)
                if c.words and c.words[0].endswith(("useradd", "adduser"))]
    return any(instruction.start > first_volume.start for instruction in creating)


def _handed_over(folders: list[str]) -> str:
    if not folders:
        return ""
    return f"; {' '.join(folders)} given to it because gunicorn writes there"


def _create_user(ctx: FixContext, stage, kind: str) -> list[str] | None:
    options = ctx.options
    uid, user, group = options.uid, options.user, options.group
    if kind == images.ALPINE:
        return [
            f"addgroup -S -g {uid} {group}",
            f"adduser -S -D -u {uid} -G {group} -h /home/{user} {user}",
        ]
    parts = [
        f"groupadd --system --gid {uid} {group}",
        f"useradd --system --uid {uid} --gid {group} --create-home "
        f"--home-dir /home/{user} {user}",
    ]
    if kind == images.REDHAT:
        manager = stageinfo.package_manager(stage)
        if manager is None:
            ctx.note(
                stage.from_instruction,
                "the base image has no package manager to install useradd; not adding "
                f"a user. Add USER {uid}:{uid} by hand if the application needs no home",
            )
            return None
        if manager == "microdnf":
            parts.insert(0, "microdnf -y install shadow-utils && microdnf clean all")
    return parts


def _volumes(ctx: FixContext, stage, anchor, owner: str) -> list[str]:
    """Prepare VOLUME paths; return those declared after the anchor for the user block."""
    late = []
    for index, instruction in enumerate(stage.instructions):
        if instruction.keyword != "VOLUME":
            continue
        paths = checks.volume_paths(instruction)
        if any("$" in path for path in paths):
            ctx.note(instruction, "VOLUME path uses a variable; give it to the new user by hand")
            paths = [path for path in paths if "$" not in path]
        if not paths:
            continue
        if instruction.start > anchor.start:
            late.extend(paths)
            continue
        previous = stage.instructions[index - 1] if index else stage.from_instruction
        ctx.doc.insert_after(previous, _volume_run(ctx, paths, owner), ctx.code)
        ctx.change(previous, f"create {' '.join(paths)} owned by {owner} for VOLUME", True)
    return late


def _volume_commands(paths: list[str], owner: str) -> list[str]:
    if not paths:
        return []
    joined = " ".join(paths)
    return [f"mkdir -p {joined} && chown {owner} {joined}"]


def _volume_run(ctx: FixContext, paths: list[str], owner: str) -> list[str]:
    commands = _volume_commands(paths, owner)
    return [f"RUN {commands[0]}"] if commands else []


def _unknown_base(stage) -> str:
    if stage.root().resolved is None:
        return f"cannot resolve FROM {stage.root().base}; no user added. {stageinfo.build_arg_hint(stage.root().base)}"
    return (
        f"cannot tell the OS of {stage.root().resolved}, so not which tools create a "
        "user; no user added"
    )


TRANSFORM = Transform(
    code="DF101",
    slug="root-user",
    summary="create an unprivileged user and switch to it in the shipped stage",
    skips="privilege-dropping entrypoint, gunicorn --user, port < 1024, root-only installs",
    fix=fix,
)
