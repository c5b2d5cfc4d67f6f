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
    "UnknownIconError",
    "icon",
    "icon_names",
    "icon_path",
    "stylesheet",
]

RESOURCES_DIR = Path(__file__).resolve().parent
ICONS_DIR = RESOURCES_DIR / "icons"
STYLESHEET_PATH = RESOURCES_DIR / "style.qss"

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


@functools.cache
def icon(name: str) -> QIcon:
    """Return the icon called ``name`` (resources/icons/<name>.svg), loaded once."""
    from PySide6.QtGui import QIcon

    return QIcon(str(icon_path(name)))


def stylesheet() -> str:
    """Return the application stylesheet (resources/style.qss)."""
    return STYLESHEET_PATH.read_text(encoding="utf-8")
