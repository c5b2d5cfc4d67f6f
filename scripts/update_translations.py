"""Keep the translations current: `pyside6-lupdate` reads every translatable text of `ui/`,
`models/` and `main.py` into the `.ts` files, then `pyside6-lrelease` compiles them to the
`.qm` files the window loads (issue 14).

    python scripts/update_translations.py          # update the .ts files, then compile
    python scripts/update_translations.py --check  # exit 1 when a .ts or .qm is not current

The model layer's `say("…")` is read as `QT_TR_NOOP` (models/wording.py). Source lines are not
written into the `.ts` (`-locations none`), so moving code does not change the translation
file. `optin_desk_en.ts` holds only the English plural forms ("1 client", "2 clients").

The `.qm` files are committed, and `--check` (run by tests/test_translations.py) fails when one
is not what its `.ts` compiles to: running from source needs no build step, and a stale file
cannot land.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
#: Each translation file and what lupdate writes into it.
TS_FILES = {"optin_desk_es.ts": ["-target-language", "es_US"],
            "optin_desk_en.ts": ["-target-language", "en_US", "-pluralonly"]}
LUPDATE_OPTIONS = ["-tr-function-alias", "QT_TR_NOOP+=say", "-locations", "none",
                   "-no-obsolete", "-silent"]


def tool(name: str) -> str:
    """The PySide6 tool `name`, next to this Python first (a virtual environment's bin)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found: install the project (pip install -e .)")
    return found


def sources() -> list[str]:
    """Every Python file that may hold a text people read, relative to the project."""
    files = [ROOT / "main.py", *sorted((ROOT / "ui").rglob("*.py")),
             *sorted((ROOT / "models").rglob("*.py"))]
    return [str(path.relative_to(ROOT)) for path in files]


#: lupdate reads every `#:` comment above a Python line as a note to translators; this code
#: base writes `#:` to document its constants, so those notes are dropped: a reworded code
#: comment must not make the translation file stale.
_NOTE = re.compile(r"\n *<extracomment>.*?</extracomment>", re.DOTALL)


def update(folder: Path) -> None:
    """Write the `.ts` files (reading the sources) and their `.qm` files into `folder`."""
    for name, options in TS_FILES.items():
        ts = folder / name
        subprocess.run([tool("pyside6-lupdate"), *LUPDATE_OPTIONS, *options, *sources(),
                        "-ts", str(ts)], cwd=ROOT, check=True)
        ts.write_text(_NOTE.sub("", ts.read_text(encoding="utf-8")), encoding="utf-8")
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts),
                        "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def stale_files() -> list[str]:
    """The translation files that `update` would change."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        for name in TS_FILES:
            if (TRANSLATIONS / name).exists():
                shutil.copy(TRANSLATIONS / name, copy / name)
        update(copy)
        changed = []
        for name in TS_FILES:
            for made in (copy / name, (copy / name).with_suffix(".qm")):
                kept = TRANSLATIONS / made.name
                if not kept.exists() or not filecmp.cmp(made, kept, shallow=False):
                    changed.append(made.name)
        return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a translation file is not current")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for name in stale:
            print(f"{name} is not current: run python scripts/update_translations.py")
        return 1 if stale else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    update(TRANSLATIONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
