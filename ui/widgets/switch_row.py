"""A switch with its title and a muted line saying what it does, as Hailee's sections show them."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.widgets.toggle_switch import ToggleSwitch
from ui.widgets.wrapped_label import WrappedLabel


class SwitchRow(NamedTuple):
    """The labels' layout (title over description), the two labels, and the switch."""

    labels: QVBoxLayout
    title: QLabel
    detail: QLabel
    switch: ToggleSwitch


def switch_row(parent: QWidget, title: str, description: str, tooltip: str,
               object_name: str) -> SwitchRow:
    """A switch and its labels, not yet placed in a layout."""
    text = QLabel(title, parent)
    detail = WrappedLabel(description, parent)
    detail.setProperty("role", "muted")
    labels = QVBoxLayout()
    labels.setSpacing(1)
    labels.addWidget(text)
    labels.addWidget(detail)
    toggle = ToggleSwitch(accessible_name=title, parent=parent)
    toggle.setObjectName(object_name)
    toggle.setToolTip(tooltip)
    text.setBuddy(toggle)
    return SwitchRow(labels, text, detail, toggle)
