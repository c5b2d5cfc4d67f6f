"""The program's own heading — its shield, a title and a line under it — at the top of the
windows that come before the main window (sign-in, first-run setup)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from resources import icon

#: The program's name, never translated (issue 14).
_APP_NAME = "Opt-In Desk"


def app_heading(parent: QWidget, title: str, subtitle: QLabel | str) -> QHBoxLayout:
    """The heading's layout; `subtitle` is a text, or a label the caller keeps to change."""
    logo = QLabel(parent)
    logo.setPixmap(icon("app").pixmap(QSize(40, 40)))
    logo.setAccessibleName(_APP_NAME)
    header = QLabel(title, parent)
    header.setProperty("role", "header")
    under = subtitle if isinstance(subtitle, QLabel) else QLabel(subtitle, parent)
    under.setProperty("role", "muted")
    under.setWordWrap(True)
    titles = QVBoxLayout()
    titles.setSpacing(2)
    titles.addWidget(header)
    titles.addWidget(under)
    heading = QHBoxLayout()
    heading.setSpacing(12)
    heading.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
    heading.addLayout(titles, 1)
    return heading
