"""The top of the dialogs a switch change opens: "Turn on SMS – All for Dana Reyes", an
optional warning, and what the dialog records (the consent and opt-out dialogs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def add_switch_dialog_top(layout: QVBoxLayout, parent: QWidget, *, heading: str,
                          warning: str | None, warning_name: str, explanation: str) -> None:
    """Add the heading (plain text: a client's name is never markup), the warning in a
    notice when there is one (objectName `warning_name`), and the muted explanation."""
    title = QLabel(heading, parent)
    title.setProperty("role", "sectionTitle")
    title.setTextFormat(Qt.TextFormat.PlainText)
    title.setIndent(0)
    title.setWordWrap(True)
    layout.addWidget(title)
    if warning:
        notice = QLabel(warning, parent)
        notice.setObjectName(warning_name)
        notice.setProperty("role", "notice")
        notice.setProperty("state", "warning")
        notice.setTextFormat(Qt.TextFormat.PlainText)
        notice.setWordWrap(True)
        layout.addWidget(notice)
    text = QLabel(explanation, parent)
    text.setProperty("role", "muted")
    text.setWordWrap(True)
    layout.addWidget(text)
