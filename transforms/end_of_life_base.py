"""DF202 end-of-life-base: the base image's Python or OS release gets no security fixes.

Why: an upgrade layer installs the latest packages of a release, and once the
release is past its end of life there are no new ones. Only moving to a supported
base helps, and that is a choice dockerfix leaves to the author.

Change: none. A note names the release and the date its support ended; the dates
live in `fixer.images`.

Fix safety: nothing changes, so nothing can break.

Skips: stages that do not feed the shipped stage, bases that cannot be resolved.
Related hadolint rule: none.
"""

from __future__ import annotations

from fixer import stageinfo
from fixer.passes import FixContext, Transform


def fix(ctx: FixContext) -> None:
    for stage in stageinfo.feeding_stages(ctx.doc.stages, ctx.shipped):
        if stage.parent is not None:
            continue
        image = stageinfo.image_of(stage)
        if image is None:
            continue
        ended = stageinfo.images.end_of_life(image, ctx.today)
        if not ended:
            continue
        releases = " and ".join(f"{release} (end of life {day.isoformat()})" for release, day in ended)
        verb = "gets" if len(ended) == 1 else "get"
        ctx.note(
            stage.from_instruction,
            f"{image.reference} is {releases}, which no longer {verb} security fixes "
            "upstream; move to a supported release",
            kind="warning",
        )


TRANSFORM = Transform(
    code="DF202",
    slug="end-of-life-base",
    summary="note a base whose Python or OS release is past its end of life",
    skips="never changes the file",
    fix=fix,
)
