"""DF201 stale-os-packages: the base image's OS packages are never upgraded.

Why: a base image tag is rebuilt by its publisher on their schedule, not yours, so
the OS packages in your image carry every security fix that came out since then.
One upgrade layer right after FROM picks them up each time the image is rebuilt.

Change: insert one RUN after the FROM of every stage that starts from an external
image and feeds the shipped stage. Debian and Ubuntu get `apt-get update`, a
non-interactive `apt-get -y upgrade` and the removal of the package lists; Alpine
gets `apk upgrade --no-cache`; the Red Hat family gets `dnf`, `microdnf` or `yum`
upgrade and clean. A base that runs as a non-root user gets `USER 0` before the
layer and its own user back after it.

Fix safety: safe; the image's packages change to their latest security release,
which makes the build depend on the build date.

Skips: stages built FROM another stage (they inherit the layer), stages that
already upgrade (theirs or an ancestor's RUN does), scratch, distroless, Windows,
and bases whose OS cannot be determined (a note asks for --build-arg).
Related hadolint rules: DL3005 (retired), DL3008.
"""

from __future__ import annotations

from fixer import images, stageinfo
from fixer.passes import FixContext, Transform

UPGRADE = {
    "apt-get": [
        "apt-get update",
        "DEBIAN_FRONTEND=noninteractive apt-get -y upgrade",
        "rm -rf /var/lib/apt/lists/*",
    ],
    "apk": ["apk upgrade --no-cache"],
    "dnf": ["dnf -y upgrade && dnf clean all"],
    "microdnf": ["microdnf -y upgrade && microdnf clean all"],
    "yum": ["yum -y upgrade && yum clean all"],
}
UPGRADE_VERBS = {
    "apt-get": {"upgrade", "dist-upgrade", "full-upgrade"},
    "apt": {"upgrade", "dist-upgrade", "full-upgrade"},
    "apk": {"upgrade"},
    "dnf": {"upgrade", "update"},
    "microdnf": {"upgrade", "update"},
    "yum": {"upgrade", "update"},
}


def fix(ctx: FixContext) -> None:
    for stage in stageinfo.feeding_stages(ctx.doc.stages, ctx.shipped):
        if stage.parent is not None:
            continue  # built on an earlier stage, which carries the layer
        kind = stageinfo.family(stage)
        if stage.resolved is None and kind == images.UNKNOWN:
            ctx.note(stage.from_instruction, _unresolved(stage.base))
            continue
        if kind in images.SHELL_LESS:
            continue
        if kind == images.WINDOWS:
            ctx.note(stage.from_instruction, "Windows base image: no upgrade layer added")
            continue
        manager = stageinfo.package_manager(stage)
        if manager is None:
            ctx.note(stage.from_instruction, _unknown(stage.resolved or stage.base))
            continue
        if _already_upgrades(stage):
            continue
        archived = _archived_release(stage, ctx.today)
        if archived:
            ctx.note(stage.from_instruction, (
                f"{archived} is past its end of life, and its package repositories move to "
                "archive.debian.org, so an upgrade layer could fail or find nothing. No "
                "upgrade layer added; move to a supported release"
            ))
            continue
        _insert(ctx, stage, manager)


def _insert(ctx: FixContext, stage, manager: str) -> None:
    lines = ctx.continued(UPGRADE[manager])
    image = stageinfo.image_of(stage)
    base_user = images.default_user(image) if image else None
    if base_user:
        lines = ["USER 0", *lines, f"USER {base_user}"]
    ctx.doc.insert_after(stage.from_instruction, lines, ctx.code)
    what = f"upgrade OS packages with {manager}"
    if base_user:
        what += f" (as root, then back to the base image's user {base_user})"
    ctx.change(stage.from_instruction, what, inserted=True)
    if image is not None and image.digest:
        ctx.note(
            stage.from_instruction,
            "FROM is pinned by digest, but the upgrade makes the image depend on the "
            "build date",
        )


def _archived_release(stage, today) -> str | None:
    image = stageinfo.image_of(stage)
    if image is None:
        return None
    for release, _ in images.end_of_life(image, today):
        if release.startswith("Debian "):
            return release
    return None


def _already_upgrades(stage) -> bool:
    for command in stageinfo.run_commands(stage):
        words = command.words
        if not words or words[0] not in UPGRADE_VERBS:
            continue
        verbs = [w for w in words[1:] if not w.startswith("-")]
        if not verbs or verbs[0] not in UPGRADE_VERBS[words[0]]:
            continue
        # `dnf upgrade NAME` upgrades one package; only a bare upgrade counts.
        if words[0] in ("dnf", "microdnf", "yum", "apk") and len(verbs) > 1:
            continue
        return True
    return False


def _unresolved(base: str) -> str:
    return f"cannot resolve FROM {base}; no upgrade layer added. {stageinfo.build_arg_hint(base)}"


def _unknown(image: str) -> str:
    return (
        f"cannot tell which package manager {image} has; no upgrade layer added. "
        "Add the upgrade for its OS by hand"
    )


TRANSFORM = Transform(
    code="DF201",
    slug="stale-os-packages",
    summary="insert one OS package upgrade layer after FROM",
    skips="stage already upgrades, derived stage, scratch/distroless/Windows, unknown OS",
    fix=fix,
)
