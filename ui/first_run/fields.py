"""The line edits of the first-run window's forms, named and described the same way."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget


def line_edit(parent: QWidget, name: str, accessible: str, placeholder: str) -> QLineEdit:
    """A QLineEdit with its objectName, accessible name and placeholder."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    return edit


def pin_edit(parent: QWidget, name: str, accessible: str, placeholder: str) -> QLineEdit:
    """A line edit for a PIN: hidden, digits only, 8 at most."""
    edit = line_edit(parent, name, accessible, placeholder)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(8)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                             | Qt.InputMethodHint.ImhNoPredictiveText)
    return edit
