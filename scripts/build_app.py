"""Build Opt-In Desk into a one-folder app a studio installs: `dist/optin-desk/`.

    pip install -e '.[build]'
    python scripts/build_app.py            # → dist/optin-desk/optin-desk (optin-desk.exe on Windows)

The same script on Linux, Windows and macOS (PyInstaller builds for the platform it runs on).
The app's icon is made here from resources/icons/app.svg with Qt, in the platform's format
(.ico, .icns, .png). Inside the folder: the program and Python, Qt, the icons and stylesheet,
the numbered migrations, and the data of phonenumbers, tzdata and holidays; no Python needs to
be installed where it runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "optin-desk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def make_icon(folder: Path) -> Path:
    """The app icon from the SVG, in this platform's format: .ico, .icns or .png."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  # Qt needs one
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/icons/app.svg cannot be read")
    images = []
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        with QPainter(image) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
        images.append(image)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"win32": "ico", "darwin": "icns"}.get(sys.platform, "png")
    target = folder / f"{NAME}.{suffix}"
    if suffix == "png":
        ok = images[-1].save(str(target), "PNG")
    else:  # Qt's ico and icns writers (imageformats plugins) take every size from one icon
        icon = QIcon()
        for image in images:
            icon.addPixmap(QPixmap.fromImage(image))
        ok = icon.pixmap(256, 256).toImage().save(str(target), suffix.upper())
    if not ok:
        raise SystemExit(f"Qt could not write {target}")
    return target


def pyinstaller_arguments(icon: Path, work: Path, dist: Path) -> list[str]:
    """The PyInstaller command line: one folder, everything the program reads at run time."""
    from PyInstaller.utils.hooks import collect_submodules

    sep = os.pathsep
    data = [
        (ROOT / "resources" / "icons", "resources/icons"),
        (ROOT / "resources" / "style.qss", "resources"),
        (ROOT / "resources" / "translations", "resources/translations"),
    ]
    hidden = [
        # Found by pkgutil at run time, not by import: every numbered migration, listed here.
        *collect_submodules("models.migrations"),
        # The registry imports a country's module by name; R19 needs the US federal holidays.
        "holidays.countries.united_states",
    ]
    arguments = [
        str(ROOT / "main.py"),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level", "WARN",
        "--workpath", str(work),
        "--distpath", str(dist),
        "--specpath", str(work),
        "--paths", str(ROOT),
        # `--version` and About read the installed package's version.
        "--copy-metadata", NAME,
        # Tests and tools the program never imports at run time.
        "--exclude-module", "tkinter",
        "--exclude-module", "pytest",
        "--exclude-module", "hypothesis",
    ]
    if sys.platform in ("win32", "darwin"):  # elsewhere an executable has no icon of its own
        arguments += ["--icon", str(icon)]
    if sys.platform == "darwin":
        arguments.append("--windowed")  # a .app bundle beside the folder
    for source, target in data:
        arguments += ["--add-data", f"{source}{sep}{target}"]
    for module in hidden:
        arguments += ["--hidden-import", module]
    return arguments


#: Qt pieces PyInstaller's hooks bring that Opt-In Desk never uses, with what needed them: the
#: on-screen keyboard's input plugin (Qt Quick and QML) and the PDF image plugin (Qt PDF). About
#: 30 MB; the window's check in CI runs after they are gone.
UNUSED_QT = ("plugins/platforminputcontexts/libqtvirtualkeyboardplugin", "plugins/imageformats/libqpdf",
             "plugins/imageformats/qpdf", "lib/libQt6VirtualKeyboard", "lib/libQt6Quick.",
             "lib/libQt6Qml", "lib/libQt6Pdf", "bin/Qt6VirtualKeyboard", "bin/Qt6Quick.",
             "bin/Qt6Qml", "bin/Qt6Pdf")


def prune(app: Path) -> int:
    """Remove UNUSED_QT from the built folder; the bytes freed."""
    qt = next((path for path in app.rglob("Qt") if (path / "plugins").is_dir()), None)
    freed = 0
    if qt is None:
        return freed
    for path in qt.rglob("*"):
        relative = path.relative_to(qt).as_posix()
        if path.is_file() and not path.is_symlink() and relative.startswith(UNUSED_QT):
            freed += path.stat().st_size
            path.unlink()
    for path in app.rglob("*"):  # the links PyInstaller made to them
        if path.is_symlink() and not path.exists():
            path.unlink()
    return freed


def folder_size(folder: Path) -> int:
    """Bytes in every file under `folder` (links counted once)."""
    return sum(path.lstat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit("PyInstaller is not installed: pip install -e '.[build]'") from None
    started = time.monotonic()
    icon = make_icon(args.work / "icon")
    pyinstaller.run(pyinstaller_arguments(icon, args.work, args.dist))
    app = args.dist / NAME
    freed = prune(app)
    if sys.platform not in ("win32", "darwin"):  # for a desktop entry or a launcher
        shutil.copy2(icon, app / f"{NAME}.png")
    print(f"built {app} in {time.monotonic() - started:.0f} s: {folder_size(app) / 1e6:.0f} MB "
          f"({freed / 1e6:.0f} MB of unused Qt left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
