"""The shape of the code (issue 7, DESIGN §5): rooms small enough to change, one way in.

No file of models/ or ui/ over 450 lines; no function over 80 lines except widget layout
(`_setup_ui`); no import of a private name from another module; no import cycle between the
project's modules. Each check is tested on a sample that breaks it, so none can pass by
looking at nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("models", "ui", "resources")
SOURCES = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 80
#: Functions that only lay out widgets: long, but a list of widgets in the order they show.
LAYOUT_FUNCTIONS = frozenset({"_setup_ui"})


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The absolute module an ImportFrom names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def project_imports(path: Path, root: Path, known: set[str]) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import of a project module in a file."""
    module = module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = absolute(module, node, path.name == "__init__.py")
            names = [alias.name for alias in node.names]
            # `from ui import words` imports a module, not a name of ui/__init__.py.
            modules = [f"{target}.{name}" for name in names if f"{target}.{name}" in known]
            if modules:
                found += [(node.lineno, m, []) for m in modules]
            elif target in known:
                found.append((node.lineno, target, names))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names if alias.name in known]
    return found


def private_imports(paths: list[Path], root: Path) -> list[str]:
    known = {module_name(path, root) for path in paths}
    found = []
    for path in paths:
        for line, module, names in project_imports(path, root, known):
            found += [f"{path.relative_to(root)}:{line} imports {name} from {module}"
                      for name in names if name.startswith("_")]
    return found


def import_cycles(paths: list[Path], root: Path) -> list[list[str]]:
    """Cycles among module-level imports (imports inside functions are deferred on purpose)."""
    known = {module_name(path, root) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        module = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = ast.Module(body=[node for node in tree.body
                                     if isinstance(node, (ast.Import, ast.ImportFrom))
                                     or (isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test))],
                               type_ignores=[])
        edges = set()
        for node in ast.walk(top_level):
            if isinstance(node, ast.ImportFrom):
                target = absolute(module, node, path.name == "__init__.py")
                subs = {f"{target}.{alias.name}" for alias in node.names} & known
                edges |= subs or ({target} & known)
            elif isinstance(node, ast.Import):
                edges |= {alias.name for alias in node.names} & known
        graph[module] = edges - {module}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def long_functions(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(root)}:{node.lineno} {node.name} is "
            f"{node.end_lineno - node.lineno + 1} lines"
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name not in LAYOUT_FUNCTIONS
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def test_sources_are_found():
    names = {module_name(path) for path in SOURCES}
    assert {"models.rules", "ui.main_window", "ui.widgets.toggle_switch"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_over_450_lines(path: Path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_FILE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_no_function_over_80_lines_but_widget_layout():
    found = [entry for path in SOURCES + [ROOT / "main.py"] for entry in long_functions(path)]
    assert found == []


def test_no_private_name_is_imported_from_another_module():
    assert private_imports(SOURCES, ROOT) == []


def test_no_import_cycle():
    assert import_cycles(SOURCES, ROOT) == []


def _write(root: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_checks_see_what_they_look_for(tmp_path: Path):
    paths = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from .b import _hidden, shown\n",
        "pkg/b.py": "from pkg import a\n_hidden = shown = 1\n",
        "pkg/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import d\n",
        "pkg/d.py": "def f():\n    from pkg import c\n",
        "pkg/e.py": "from pkg import words\n",
        "pkg/words.py": "",
    })
    assert private_imports(paths, tmp_path) == ["pkg/a.py:1 imports _hidden from pkg.b"]
    assert import_cycles(paths, tmp_path) == [["pkg.a", "pkg.b", "pkg.a"]]
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * 80 + "def _setup_ui():\n" + "    x = 1\n" * 90)
    assert long_functions(long, tmp_path) == ["long.py:1 f is 81 lines"]
