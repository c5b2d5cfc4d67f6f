"""The shape of the code (DESIGN §5, STYLE 1–2): models/ never imports Qt, and models/rules.py is
pure Python — no peewee, no Qt, nothing of the model layer's storage.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"
QT_PACKAGES = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2", "qtpy", "pytestqt")
MODEL_FILES = sorted(MODELS.rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, with its line: import statements, and calls of
    __import__ / importlib.import_module with a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.append((node.lineno, base))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("__import__", "import_module") and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def test_imported_modules_sees_every_form_of_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os, PySide6.QtCore as qc\nfrom PyQt6 import QtGui\n"
                      "def f():\n    import importlib\n    importlib.import_module('shiboken6')\n"
                      "    __import__('pytestqt')\nfrom .rules import can_send\n", encoding="utf-8")
    names = {name for _, name in imported_modules(sample)}
    assert {"os", "PySide6.QtCore", "PyQt6", "importlib", "shiboken6", "pytestqt", ".rules"} <= names


def test_models_package_is_found():
    names = {path.name for path in MODEL_FILES}
    assert {"rules.py", "consent.py", "inbound.py", "db.py", "__init__.py"} <= names


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: str(p.relative_to(MODELS)))
def test_models_never_import_qt(path):
    offending = [(line, name) for line, name in imported_modules(path)
                 if name.split(".")[0] in QT_PACKAGES or name.lstrip(".").split(".")[0] == "ui"]
    assert offending == [], f"{path.relative_to(ROOT)} imports Qt or ui/: {offending}"


def test_rules_is_pure_python():
    """rules.py needs the standard library and models/wording.py (itself pure stdlib, which
    test_wording_is_pure_python checks) for its sentences (issue 14)."""
    imports = imported_modules(MODELS / "rules.py")
    assert imports, "rules.py imports nothing? the walker is broken"
    for line, name in imports:
        if name == ".wording":
            continue
        assert not name.startswith("."), f"rules.py:{line} imports {name} from the model layer"
        root = name.split(".")[0]
        assert root in sys.stdlib_module_names, f"rules.py:{line} imports {name}, not the standard library"
        assert root not in ("peewee", "playhouse", "sqlite3") + QT_PACKAGES


def test_keywords_are_pure_python_beside_the_rules():
    """models/keywords.py, like rules.py, needs nothing but the standard library and the rules."""
    imports = imported_modules(MODELS / "keywords.py")
    assert imports, "keywords.py imports nothing? the walker is broken"
    for line, name in imports:
        if name.startswith("."):
            assert name == ".rules", f"keywords.py:{line} imports {name} from the model layer"
            continue
        assert name.split(".")[0] in sys.stdlib_module_names, f"keywords.py:{line} imports {name}"


def test_model_layer_imports_without_qt_installed(tmp_path):
    """Import every module of models/ in a process where Qt cannot be imported at all; and
    models.rules first, alone, which must not pull in peewee."""
    modules = sorted("models." + ".".join(p.relative_to(MODELS).with_suffix("").parts)
                     for p in MODEL_FILES if p.name != "__init__.py")
    script = ("import sys\n"
              "for name in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'):\n"
              "    sys.modules[name] = None\n"
              "import models.rules\n"
              "assert 'peewee' not in sys.modules, 'models.rules pulled in peewee'\n"
              f"import importlib\nfor module in {modules!r}:\n    importlib.import_module(module)\n"
              "print('ok')\n")
    env = {k: v for k, v in os.environ.items() if k != "OPTIN_DESK_DATABASE_URL"}
    env["XDG_DATA_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=False,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
