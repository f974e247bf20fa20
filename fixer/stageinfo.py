"""Facts about a stage that several transforms need: its OS family and RUN commands."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fixer import images, shell
from fixer.command import json_elements
from fixer.model import HEREDOC_RE, Instruction, Stage, is_root_user

PACKAGE_MANAGERS = {
    "apt-get": images.DEBIAN, "apt": images.DEBIAN, "dpkg": images.DEBIAN,
    "apk": images.ALPINE,
    "dnf": images.REDHAT, "microdnf": images.REDHAT, "yum": images.REDHAT,
}
WINDOWS_SHELLS = ("powershell", "pwsh", "cmd")


@dataclass
class RunCommand:
    instruction: Instruction
    words: list[str]


def run_commands(stage: Stage) -> list[RunCommand]:
    """Return the simple commands of every RUN in the stage and its ancestors."""
    found = []
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword == "RUN":
                found.extend(_commands(instruction))
    return found


def own_run_commands(stage: Stage) -> list[RunCommand]:
    return [c for i in stage.instructions if i.keyword == "RUN" for c in _commands(i)]


@lru_cache(maxsize=256)
def _parse_cached(text: str) -> list[list[str]]:
    script = shell.parse(text)
    return [[word.value for word in command.words] for command in script.commands]


def _commands(instruction: Instruction) -> list[RunCommand]:
    elements = json_elements(instruction)
    if elements is not None:
        return [RunCommand(instruction, [element[0] for element in elements])]
    _, position = instruction.flags()
    text = instruction.text[position:]
    commands = [RunCommand(instruction, words) for words in _parse_cached(text)]
    if instruction.heredocs:
        words = [w for w in text.split() if not HEREDOC_RE.match(w)]
        if not words or words[0] in shell.SHELLS:
            for heredoc in instruction.heredocs:
                commands.extend(
                    RunCommand(instruction, words) for words in _parse_cached(heredoc.text)
                )
    return commands


def build_arg_hint(base: str) -> str:
    """Return "Pass --build-arg NAME=..." for the ARGs a FROM line uses."""
    names = sorted({re.match(r"\{?(\w*)", part).group(1) for part in base.split("$")[1:]} - {""})
    return "Pass " + " ".join(f"--build-arg {name}=..." for name in names or ["NAME"])


def image_of(stage: Stage) -> images.Image | None:
    root = stage.root()
    return images.parse_image(root.resolved) if root.resolved else None


def family(stage: Stage) -> str:
    """Return the OS family of a stage, from its base image, then its RUN commands."""
    if _uses_windows_shell(stage):
        return images.WINDOWS
    image = image_of(stage)
    found = images.family_of(image) if image else images.UNKNOWN
    if found != images.UNKNOWN:
        return found
    return _family_from_root_runs(stage)


def _family_from_root_runs(stage: Stage) -> str:
    """Read the OS family from package managers the stage runs as root without sudo.

    Such a command working at all shows both the OS and that the base runs as root,
    so an upgrade layer after FROM can use the same tool.
    """
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword == "USER" and not is_root_user(instruction.value):
                return images.UNKNOWN
            if instruction.keyword != "RUN":
                continue
            for command in _commands(instruction):
                if command.words and command.words[0] in PACKAGE_MANAGERS:
                    return PACKAGE_MANAGERS[command.words[0]]
    return images.UNKNOWN


def _uses_windows_shell(stage: Stage) -> bool:
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword == "SHELL":
                elements = json_elements(instruction)
                if elements and elements[0][0].lower().startswith(WINDOWS_SHELLS):
                    return True
    return False


def package_manager(stage: Stage) -> str | None:
    """Return the package manager a stage's upgrade layer should use."""
    kind = family(stage)
    if kind == images.DEBIAN:
        return "apt-get"
    if kind == images.ALPINE:
        return "apk"
    if kind != images.REDHAT:
        return None
    image = image_of(stage)
    used = {c.words[0] for c in run_commands(stage) if c.words}
    if image is not None and images.family_of(image) == images.REDHAT:
        return images.redhat_package_manager(image)
    for manager in ("microdnf", "dnf", "yum"):
        if manager in used:
            return manager
    return None


def feeding_stages(stages: list[Stage], shipped: Stage) -> list[Stage]:
    """Return the stages whose files reach the shipped stage, in file order."""
    wanted: set[int] = set()
    pending = [shipped]
    while pending:
        stage = pending.pop()
        if stage.index in wanted:
            continue
        wanted.add(stage.index)
        if stage.parent is not None:
            pending.append(stage.parent)
        for instruction in stage.instructions:
            source = _from_flag(instruction)
            if source is None:
                continue
            for other in stages:
                if other.index < stage.index and (
                    other.name == source.lower() or str(other.index) == source
                ):
                    pending.append(other)
    return [stage for stage in stages if stage.index in wanted]


def _from_flag(instruction: Instruction) -> str | None:
    if instruction.keyword == "COPY":
        return instruction.flags()[0].get("from")
    if instruction.keyword == "RUN":
        mount = instruction.flags()[0].get("mount", "")
        for part in mount.split(","):
            key, _, value = part.partition("=")
            if key == "from":
                return value
    return None
