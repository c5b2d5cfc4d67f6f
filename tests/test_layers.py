"""The layers (DESIGN §5): peewee rows stay in models/. No file in ui/ imports peewee,
playhouse or models.schema; the screens read the small frozen dataclasses models/ returns.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
UI_FILES = sorted(UI.rglob("*.py"))
STORAGE_MODULES = ("peewee", "playhouse", "models.schema")


def storage_imports(path: Path) -> list[tuple[int, str]]:
    """The storage modules a file imports, with their lines: `import x`, `from x import y`,
    `from models import schema`, and __import__ / importlib.import_module with a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from models import schema` names the module in its alias.
            names = [node.module] if _is_storage(node.module) else \
                [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("__import__", "import_module") and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found += [(node.lineno, name) for name in names if _is_storage(name)]
    return sorted(found)


def _is_storage(name: str) -> bool:
    return any(name == module or name.startswith(module + ".") for module in STORAGE_MODULES)


def test_storage_imports_sees_every_form_of_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nimport peewee as pw\nfrom playhouse.db_url import connect\n"
                      "from models import schema\nfrom models.schema import Client\n"
                      "from models.audit import EventRecord\n"
                      "def f():\n    import importlib\n    importlib.import_module('models.schema')\n",
                      encoding="utf-8")
    assert [name for _, name in storage_imports(sample)] == [
        "peewee", "playhouse.db_url", "models.schema", "models.schema", "models.schema"]


def test_ui_package_is_found():
    names = {path.relative_to(UI).as_posix() for path in UI_FILES}
    assert {"app.py", "formatting.py", "profile/history_model.py", "manage/audit_log_model.py",
            "messages/messages_dialog.py"} <= names


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.relative_to(UI).as_posix())
def test_ui_never_imports_peewee_or_the_schema(path):
    offending = storage_imports(path)
    assert offending == [], f"{path.relative_to(ROOT)} reaches past models/ into storage: {offending}"
