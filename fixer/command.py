"""The shipped stage's command: ENTRYPOINT and CMD as Docker combines them, their
forms, and the ENV they run with."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass

from fixer import shell
from fixer.buildcontext import Found, find_file, resolve_command_path
from fixer.model import Instruction, Stage, Word, unquote


@dataclass
class EnvEntry:
    name: str
    value: str
    instruction: Instruction
    word: Word | None  # the NAME=VALUE word; None for the legacy `ENV NAME VALUE`


def json_elements(instruction: Instruction) -> list[tuple[str, int, int]] | None:
    """Return the exec-form elements with their offsets, or None for shell form."""
    text = instruction.text
    value = text[instruction.value_start :].rstrip()
    if not value.startswith("["):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
        return None
    elements = []
    position = instruction.value_start + 1
    while len(elements) < len(parsed):
        if text[position] == '"':
            decoded, end = json.decoder.scanstring(text, position + 1)
            elements.append((decoded, position, end))
            position = end
        else:
            position += 1
    return elements


def looks_like_json_array(instruction: Instruction) -> bool:
    """Return True for an exec form with a JSON mistake, which Docker runs as a shell
    command: `["a", "b"` or `['a']`. A shell test such as `[ -f x ] && a` is not one."""
    value = instruction.value
    if not value.startswith("[") or json_elements(instruction) is not None:
        return False
    return value.endswith("]") or value[1:].lstrip().startswith('"')


def effective_command(stage: Stage) -> tuple[Instruction | None, Instruction | None]:
    """Return the ENTRYPOINT and CMD in effect for the stage (the instructions)."""
    entrypoint = cmd = None
    for current in stage.chain():
        cmd_set_here = False
        for instruction in current.instructions:
            if instruction.keyword == "ENTRYPOINT":
                entrypoint = instruction
                if not cmd_set_here:
                    cmd = None
            elif instruction.keyword == "CMD":
                cmd = instruction
                cmd_set_here = True
    return entrypoint, cmd


def stage_env(stage: Stage) -> dict[str, EnvEntry]:
    """Return the ENV variables in effect at the end of the stage, the last one winning."""
    env: dict[str, EnvEntry] = {}
    for current in stage.chain():
        for instruction in current.instructions:
            if instruction.keyword == "ENV":
                for entry in parse_env(instruction):
                    env[entry.name] = entry
    return env


def parse_env(instruction: Instruction) -> list[EnvEntry]:
    """Read `ENV A=1 B="2"` and the legacy `ENV NAME VALUE` form."""
    words = instruction.words()
    if not words:
        return []
    if "=" not in words[0].raw:
        name = words[0].raw
        value = instruction.text[words[1].start :].rstrip() if len(words) > 1 else ""
        return [EnvEntry(name, value, instruction, None)]
    entries = []
    for word in words:
        name, _, value = word.raw.partition("=")
        entries.append(EnvEntry(name, unquote(value), instruction, word))
    return entries


def script_word(words: list[str]) -> str | None:
    """Return the script a command runs (`/start.sh`, `sh start.sh`), if any."""
    if not words:
        return None
    first = posixpath.basename(words[0])
    if first in shell.SHELLS - {"/usr/bin/env"} or words[0] in shell.SHELLS:
        rest = [w for w in words[1:] if not w.startswith("-")]
        if shell.shell_c_string(words) is not None or not rest:
            return None
        # `sh start.sh` reads the file from the working directory, not from PATH.
        return rest[0] if "/" in rest[0] else "./" + rest[0]
    if first in ("exec", "tini", "dumb-init") and len(words) > 1:
        return script_word([w for w in words[1:] if w != "--" and not w.startswith("-")])
    return words[0]


def find_script(ctx, stage: Stage, word: str) -> Found | None:
    """Trace a script the command runs back to the build context or a heredoc."""
    for path in resolve_command_path(stage, word):
        found = find_file(stage, path, ctx.build_context)
        if found is not None:
            return found
    return None


def read_found(ctx, found: Found) -> str | None:
    if found.heredoc is not None:
        return found.heredoc.text
    return ctx.files.read(found.path)
