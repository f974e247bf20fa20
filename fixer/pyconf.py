"""Read and extend gunicorn.conf.py.

Reading uses the standard library's `ast`, which is fast; libcst is imported only
to edit a file, because it keeps every comment and all formatting of the code it
does not change.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

# Statements whose bodies run at import time, so assignments in them set a value.
BLOCKS = (ast.If, ast.Try, ast.With, ast.For, ast.While)
if hasattr(ast, "TryStar"):
    BLOCKS = (*BLOCKS, ast.TryStar)
if hasattr(ast, "Match"):
    BLOCKS = (*BLOCKS, ast.Match)


@dataclass
class ConfigSettings:
    """The names a config file assigns at module level, anywhere in its blocks."""

    values: dict[str, object] = field(default_factory=dict)  # None when computed
    cpu_count: set[str] = field(default_factory=set)  # names computed from cpu_count()
    star_import: bool = False
    error: str | None = None

    def is_set(self, *names: str) -> bool:
        return self.star_import or any(name in self.values for name in names)


def read_config(text: str) -> ConfigSettings:
    """Return what a gunicorn.conf.py sets, including inside if/try blocks."""
    settings = ConfigSettings()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as error:
        line = getattr(error, "lineno", None)
        settings.error = f"invalid Python on line {line}" if line else "invalid Python"
        return settings
    _collect(tree.body, settings)
    return settings


def _collect(statements: list[ast.stmt], settings: ConfigSettings) -> None:
    for statement in statements:
        if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for name in _names(targets):
                settings.values[name] = _literal(statement.value)
                if statement.value is not None and _calls_cpu_count(statement.value):
                    settings.cpu_count.add(name)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                if alias.name == "*":
                    settings.star_import = True
                else:
                    settings.values[alias.asname or alias.name.split(".")[0]] = None
        elif isinstance(statement, BLOCKS):
            for part in ("body", "orelse", "finalbody"):
                _collect(getattr(statement, part, []) or [], settings)
            for handler in getattr(statement, "handlers", []):
                _collect(handler.body, settings)
            for case in getattr(statement, "cases", []):
                _collect(case.body, settings)


def _names(targets: list[ast.expr]) -> list[str]:
    names = []
    for target in targets:
        if isinstance(target, ast.Name):
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            names.extend(_names(list(target.elts)))
    return names


def _literal(node: ast.expr | None) -> object:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return None


def _calls_cpu_count(node: ast.expr) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and child.attr == "cpu_count":
            return True
        if isinstance(child, ast.Name) and child.id == "cpu_count":
            return True
    return False


def append_assignments(text: str, assignments: list[tuple[str, str]]) -> str:
    """Append `name = value` lines (value as Python source) to the end of the module."""
    import libcst

    module = libcst.parse_module(text)
    statements = [
        libcst.parse_statement(f"{name} = {value}\n", config=module.config_for_parsing)
        for name, value in assignments
    ]
    return module.with_changes(body=[*module.body, *statements]).code
