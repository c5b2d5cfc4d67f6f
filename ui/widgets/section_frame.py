"""A titled section of the client profile: Opt-In, Hailee, what the client receives, History."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from resources import icon
from ui.widgets.wrapped_label import WrappedLabel

_ICON_SIZE = 16


class SectionFrame(QFrame):
    """A frame styled as a section (role "section"): an optional icon and a title, a muted
    subtitle, then whatever the section adds to `section_layout()`."""

    def __init__(self, title: str, subtitle: str, *, icon_name: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "section")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 14)
        self._layout.setSpacing(6)
        self._title_row = QHBoxLayout()
        self._title_row.setSpacing(6)
        if icon_name is not None:
            glyph = QLabel(self)
            glyph.setPixmap(icon(icon_name).pixmap(_ICON_SIZE, _ICON_SIZE))
            self._title_row.addWidget(glyph)
        heading = QLabel(title, self)
        heading.setProperty("role", "sectionTitle")
        heading.setIndent(0)
        self._title_row.addWidget(heading, 1)
        self._layout.addLayout(self._title_row)
        note = WrappedLabel(subtitle, self)
        note.setProperty("role", "muted")
        self._layout.addWidget(note)

    def section_layout(self) -> QVBoxLayout:
        """The section's layout, below its title and subtitle."""
        return self._layout

    def title_row(self) -> QHBoxLayout:
        """The title's row, for column headings beside it."""
        return self._title_row
