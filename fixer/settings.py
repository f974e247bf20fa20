"""Per-file settings: `[tool.dockerfix]` or `.dockerfix.toml`, Compose build entries,
and the command line, which overrides both.

A Dockerfile's settings come from the nearest configuration file found from its folder
upward to the repository root, then from a Compose file there that builds it, then
from the options given on the command line.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from fixer.errors import ContextFileError
from fixer.passes import Options

CONFIG_NAMES = (".dockerfix.toml", "pyproject.toml")
COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
# Key, expected type and the Options field it sets.
KEYS = {
    "select": (list, "select"),
    "ignore": (list, "ignore"),
    "uid": (int, "uid"),
    "user": (str, "user"),
    "group": (str, "group"),
    "workers": (int, "workers"),
    "threads": (int, "threads"),
    "target": (str, "target"),
    "build-args": (dict, "build_args"),
    "context": (str, "context"),
    "exclude": (list, None),
}


TYPE_NAMES = {int: "an integer", str: "a string", list: "a list", dict: "a table",
              bool: "a boolean", float: "a number"}


class ConfigError(ContextFileError):
    """A configuration file is invalid."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        where = f"{path}:{line}" if line else str(path)
        self.message = f"invalid configuration {where}: {message}"


@dataclass(frozen=True)
class FileSettings:
    """Settings read from files for one Dockerfile, before the command line."""

    values: tuple[tuple[str, object], ...] = ()  # Options field -> value
    exclude: tuple[str, ...] = ()
    source: Path | None = None  # the configuration file, if any
    compose: Path | None = None  # the Compose file that builds this Dockerfile, if any


def repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def folders_up(folder: Path, stop: Path | None = None) -> list[Path]:
    """Return the folder and its parents up to the repository root.

    Outside a repository, the walk ends at `stop` (the folder given on the command
    line, or the current folder for a named file) when the folder is inside it, and
    otherwise at the folder itself.
    """
    folder = folder.absolute()
    root = repository_root(folder)
    if root is None:
        stop = stop.absolute() if stop is not None else None
        if stop is None or (stop != folder and stop not in folder.parents):
            return [folder]
        root = stop
    found = [folder]
    while found[-1] != root:
        found.append(found[-1].parent)
    return found


def settings_for(dockerfile: Path, stop: Path | None = None) -> FileSettings:
    """Return the settings files give for a Dockerfile; raise ConfigError.

    `stop` bounds the search outside a repository, as in folders_up.
    """
    folder = dockerfile.absolute().parent
    config = _nearest_config(folder, stop)
    values: dict[str, object] = {}
    exclude: tuple[str, ...] = ()
    if config is not None:
        loaded = dict(load_config(config))  # a copy: load_config caches its result
        exclude = tuple(loaded.pop("exclude", ()))
        values.update(loaded)
    compose = _compose_entry(dockerfile.absolute(), stop)
    compose_path = None
    if compose is not None:
        compose_path, compose_values = compose
        values.update(compose_values)
    return FileSettings(tuple(sorted(values.items())), exclude, config, compose_path)


def merge(base: Options, settings: FileSettings, explicit: dict[str, object]) -> Options:
    """Apply file settings to the defaults, then the options given explicitly."""
    merged = dict(settings.values)
    merged.update(explicit)
    return replace(base, **merged)


@lru_cache(maxsize=256)
def _nearest_config(folder: Path, stop: Path | None) -> Path | None:
    for candidate in folders_up(folder, stop):
        dotfile = candidate / ".dockerfix.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return False
    return re.search(r"^\s*\[tool\.dockerfix\]", text, re.MULTILINE) is not None


@lru_cache(maxsize=256)
def load_config(path: Path) -> dict[str, object]:
    """Read and check one configuration file; return Options fields and `exclude`."""
    # Imported here: most runs find no configuration file.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as error:
        raise ConfigError(path, None, f"cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, getattr(error, "lineno", None), f"invalid TOML: {error}") from None
    table = data.get("tool", {}).get("dockerfix", {}) if path.name == "pyproject.toml" else data
    found: dict[str, object] = {}
    for key, value in table.items():
        if key not in KEYS:
            valid = ", ".join(KEYS)
            raise ConfigError(path, _line_of(text, key), f"unknown key {key!r}; valid keys: {valid}")
        expected, field_name = KEYS[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(
                path, _line_of(text, key),
                f"{key} must be {TYPE_NAMES[expected]}, not {TYPE_NAMES.get(type(value), type(value).__name__)}",
            )
        found[field_name or key] = _convert(path, text, key, value)
    return found


def _convert(path: Path, text: str, key: str, value: object) -> object:
    from transforms import find

    line = _line_of(text, key)
    if key in ("select", "ignore"):
        codes = set()
        for name in value:  # type: ignore[union-attr]
            transform = find(str(name))
            if transform is None:
                raise ConfigError(path, line, f"{key}: unknown transform {name!r}")
            codes.add(transform.code)
        return frozenset(codes)
    if key == "build-args":
        if not all(isinstance(v, str) for v in value.values()):  # type: ignore[union-attr]
            raise ConfigError(path, line, "build-args values must be strings")
        return tuple(sorted(value.items()))  # type: ignore[union-attr]
    if key == "context":
        return (path.parent / str(value)).resolve()
    if key == "exclude":
        if not all(isinstance(v, str) for v in value):  # type: ignore[union-attr]
            raise ConfigError(path, line, "exclude must be a list of strings")
        return tuple(value)  # type: ignore[arg-type]
    if key in ("uid", "workers", "threads") and int(value) < 1:  # type: ignore[call-overload]
        raise ConfigError(path, line, f"{key} must be at least 1")
    if key in ("user", "group") and not re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", str(value)):
        raise ConfigError(path, line, f"{key} {value!r} is not a valid account name")
    return value


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _compose_entry(dockerfile: Path, stop: Path | None) -> tuple[Path, dict[str, object]] | None:
    """Find a Compose service that builds this Dockerfile; return its settings."""
    for folder in folders_up(dockerfile.parent, stop):
        for name in COMPOSE_NAMES:
            compose = folder / name
            if compose.is_file():
                values = _compose_values(compose, dockerfile)
                if values is not None:
                    return compose, values
    return None


def _compose_values(compose: Path, dockerfile: Path) -> dict[str, object] | None:
    services = _load_compose(compose)
    for service in services.values():
        build = service.get("build") if isinstance(service, dict) else None
        if isinstance(build, str):
            build = {"context": build}
        if not isinstance(build, dict):
            continue
        context = (compose.parent / str(build.get("context", "."))).resolve()
        named = context / str(build.get("dockerfile", "Dockerfile"))
        if named.resolve() != dockerfile.resolve():
            continue
        values: dict[str, object] = {"context": context}
        if isinstance(build.get("target"), str):
            values["target"] = build["target"]
        args = build.get("args")
        if isinstance(args, list):
            args = dict(str(item).partition("=")[::2] for item in args)
        if isinstance(args, dict):
            values["build_args"] = tuple(sorted((str(k), str(v)) for k, v in args.items() if v is not None))
        return values
    return None


@lru_cache(maxsize=64)
def _load_compose(compose: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(compose.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    services = data.get("services") if isinstance(data, dict) else None
    return services if isinstance(services, dict) else {}
