"""Whether a Django project keeps a SQLite database inside the image.

`manage.py migrate` run when the container starts writes that database, which fails
once the image no longer runs as root, because the project's folder stays
root-owned. The settings module is read with `ast`, never imported.
"""

from __future__ import annotations

import ast
import posixpath

from fixer.buildcontext import final_workdir, find_file
from fixer.model import Stage

# manage.py commands that write to the database.
DATABASE_TASKS = {"migrate", "flush", "loaddata", "createsuperuser", "createcachetable"}
SQLITE_MARKERS = ("django.db.backends.sqlite3", "sqlite:")


def uses_sqlite(ctx, stage: Stage, env: dict) -> bool | None:
    """Return True for SQLite, False for another database, None when unknown."""
    workdir = final_workdir(stage)
    module = env["DJANGO_SETTINGS_MODULE"].value if "DJANGO_SETTINGS_MODULE" in env else None
    if module is None:
        module = _module_from_manage_py(ctx, stage, workdir)
    if module is None:
        return None
    texts = _settings_texts(ctx, stage, workdir, module)
    if not texts:
        return None
    return any(_mentions_sqlite(text) for text in texts)


def _read(ctx, stage: Stage, image_path: str) -> str | None:
    found = find_file(stage, image_path, ctx.build_context)
    if found is None or found.path is None:
        return None
    return ctx.files.read(found.path)


def _module_from_manage_py(ctx, stage: Stage, workdir: str) -> str | None:
    text = _read(ctx, stage, posixpath.join(workdir, "manage.py"))
    if text is None:
        return None
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and len(node.args) == 2:
            name, value = node.args
            if (
                isinstance(name, ast.Constant) and name.value == "DJANGO_SETTINGS_MODULE"
                and isinstance(value, ast.Constant) and isinstance(value.value, str)
            ):
                return value.value
    return None


def _settings_texts(ctx, stage: Stage, workdir: str, module: str) -> list[str]:
    """Read the settings module, or every module of a settings package."""
    base = posixpath.join(workdir, *module.split("."))
    single = _read(ctx, stage, base + ".py")
    if single is not None:
        return [single]
    texts = []
    package = find_file(stage, posixpath.join(base, "__init__.py"), ctx.build_context)
    if package is not None and package.path is not None:
        for path in sorted(package.path.parent.glob("*.py"))[:20]:
            text = ctx.files.read(path)
            if text is not None:
                texts.append(text)
    return texts


def _mentions_sqlite(text: str) -> bool:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return any(
        isinstance(node, ast.Constant) and isinstance(node.value, str)
        and node.value.startswith(SQLITE_MARKERS)
        for node in ast.walk(tree)
    )
