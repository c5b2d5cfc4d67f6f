"""Icons and the stylesheet of Opt-In Desk, through one small API (STYLE §13).

Importing this package is cheap: PySide6 is imported only when an icon is asked for.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

__all__ = [
    "ICONS_DIR",
    "STYLESHEET_PATH",
    "TRANSLATIONS_DIR",
    "UnknownIconError",
    "icon",
    "icon_names",
    "icon_path",
    "stylesheet",
]

RESOURCES_DIR = Path(__file__).resolve().parent
ICONS_DIR = RESOURCES_DIR / "icons"
STYLESHEET_PATH = RESOURCES_DIR / "style.qss"
#: The compiled translations (`.qm`), made by scripts/update_translations.py.
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"

# A name is a bare file stem, so that icon("../style") cannot reach outside ICONS_DIR.
_ICON_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


class UnknownIconError(LookupError):
    """Raised when an icon name has no SVG file in resources/icons/."""


def icon_names() -> tuple[str, ...]:
    """Return the names of all icons that exist, sorted."""
    return tuple(sorted(path.stem for path in ICONS_DIR.glob("*.svg")))


def icon_path(name: str) -> Path:
    """Return the path of the SVG file of the icon called ``name``."""
    path = ICONS_DIR / f"{name}.svg"
    if not _ICON_NAME.fullmatch(name) or not path.is_file():
        known = ", ".join(icon_names())
        raise UnknownIconError(f"unknown icon {name!r}; known icons: {known}")
    return path


#: The sizes an icon is drawn at in its selected look (item views draw 16-24).
_SELECTED_SIZES = (16, 20, 24, 32)
_COLOUR = re.compile(r'(stroke|fill)="#[0-9a-fA-F]{3,8}"')


@functools.cache
def icon(name: str) -> QIcon:
    """Return the icon called ``name`` (resources/icons/<name>.svg), loaded once.

    Its Selected mode is the same drawing in white, so it stays visible on a selected row's
    highlight in light and dark themes alike (a grey line vanishes on blue).
    """
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QIcon, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    path = icon_path(name)
    result = QIcon(str(path))
    white = _COLOUR.sub(r'\1="#ffffff"', path.read_text(encoding="utf-8"))
    renderer = QSvgRenderer(QByteArray(white.encode("utf-8")))
    for size in _SELECTED_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        with QPainter(pixmap) as painter:
            renderer.render(painter)
        result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result


def stylesheet() -> str:
    """Return the application stylesheet (resources/style.qss)."""
    return STYLESHEET_PATH.read_text(encoding="utf-8")
