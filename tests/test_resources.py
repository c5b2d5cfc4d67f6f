"""Tests of the resources API (STYLE §13): icons load and parse, Qt accepts the stylesheet."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import resources
from resources import UnknownIconError, icon, icon_names, icon_path, stylesheet

# The icons the rest of the application asks for by name.
EXPECTED_ICONS = (
    "ai",
    "alert",
    "app",
    "block",
    "check",
    "clock",
    "email",
    "export",
    "history",
    "import",
    "lock",
    "logout",
    "mobile",
    "phone",
    "search",
    "settings",
    "user",
    "users",
)

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_every_expected_icon_exists() -> None:
    missing = set(EXPECTED_ICONS) - set(icon_names())
    assert not missing


def test_icon_path_points_into_the_icons_folder() -> None:
    path = icon_path("lock")
    assert path == resources.ICONS_DIR / "lock.svg"
    assert path.is_file()


@pytest.mark.parametrize("name", ["nope", "", "../style", "lock.svg", "icons/lock", "LOCK"])
def test_unknown_icon_raises_a_clear_error(name: str) -> None:
    with pytest.raises(UnknownIconError, match=r"unknown icon .*; known icons: .*\block\b"):
        icon_path(name)
    with pytest.raises(UnknownIconError):
        icon(name)


@pytest.mark.parametrize("name", icon_names())
def test_icon_loads_and_its_svg_parses(qapp, name: str) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtSvg import QSvgRenderer

    loaded = icon(name)
    assert not loaded.isNull()
    assert not loaded.pixmap(24, 24).isNull()

    renderer = QSvgRenderer(str(icon_path(name)))
    assert renderer.isValid()
    assert renderer.viewBox() == QRect(0, 0, 24, 24)
    assert icon_path(name).stat().st_size < 2048


def test_icon_is_loaded_once(qapp) -> None:
    assert icon("lock") is icon("lock")


def test_stylesheet_is_not_empty() -> None:
    text = stylesheet()
    assert text.strip()
    assert text.count("{") == text.count("}")


@pytest.fixture
def styled_app(qapp) -> Iterator[object]:
    """The QApplication with the stylesheet applied, restored afterwards."""
    previous = qapp.styleSheet()
    qapp.setStyleSheet(stylesheet())
    yield qapp
    qapp.setStyleSheet(previous)


def test_stylesheet_is_accepted_by_qt(qtbot, styled_app) -> None:
    # A stylesheet Qt cannot parse logs a warning when applied, which fails the test.
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    section = QFrame()
    section.setProperty("role", "section")
    QVBoxLayout(section)
    layout.addWidget(section)
    labels: dict[tuple[str, str | None], QLabel] = {}
    for role, state in (
        ("header", None),
        ("sectionTitle", None),
        ("muted", None),
        ("badge", None),
        ("badge", "locked"),
        ("notice", None),
        ("notice", "locked"),
        ("notice", "warning"),
        ("notice", "info"),
    ):
        label = QLabel(f"{role} {state}")
        label.setProperty("role", role)
        if state:
            label.setProperty("state", state)
        section.layout().addWidget(label)
        labels[role, state] = label
    plain = QLabel("plain")
    layout.addWidget(plain)
    # Polished and laid out without being shown: showing a window with a layout makes the
    # offscreen platform warn that it "does not support propagateSizeHints()".
    window.ensurePolished()
    layout.activate()
    window.resize(window.sizeHint())

    assert labels["header", None].font().weight() >= QFont.Weight.DemiBold
    assert labels["header", None].font().pointSizeF() > plain.font().pointSizeF()
    assert labels["sectionTitle", None].font().weight() >= QFont.Weight.DemiBold
    assert plain.font().weight() < QFont.Weight.DemiBold

    # The STOP notice is a red-tinted box; the household notice a blue-tinted one.
    locked = labels["notice", "locked"].grab().toImage().pixelColor(12, 6)
    assert locked.red() > locked.green() and locked.red() > locked.blue()
    info = labels["notice", "info"].grab().toImage().pixelColor(12, 6)
    assert info.blue() > info.red()


@pytest.mark.slow
def test_importing_resources_does_not_import_qt() -> None:
    code = "import sys, resources; resources.icon_path('lock'); print('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
