"""A notice in the profile: an icon beside wrapped text in a tinted box, shown only while it
has something to say (the STOP notice, the household notice, a refusal's reason)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from resources import icon_path
from ui.widgets.wrapped_label import WrappedLabel

_ICON_SIZE = 16


def notice_html(icon_name: str, text: str) -> str:
    """Rich text for a notice: an icon beside wrapped, escaped text."""
    source = html.escape(icon_path(icon_name).as_uri(), quote=True)
    return (
        '<table cellspacing="0" cellpadding="0"><tr>'
        f'<td valign="middle" style="padding-right: 8px"><img src="{source}" '
        f'width="{_ICON_SIZE}" height="{_ICON_SIZE}"></td>'
        f"<td>{html.escape(text)}</td></tr></table>"
    )


class NoticeLabel(WrappedLabel):
    """A hidden-until-needed notice; `state` picks its look in the stylesheet (locked, info,
    warning). `plain_text()` is what it says, for tests and accessibility.

    A WrappedLabel: its rich text is laid out once per width a layout asks for, not at every
    ask (a STOP notice's profile laid it out several times over; issue 12)."""

    def __init__(self, object_name: str, icon_name: str, state: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._icon_name = icon_name
        self._text = ""
        self.setObjectName(object_name)
        self.setProperty("role", "notice")
        self.setProperty("state", state)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_notice(self, text: str) -> None:
        """Say `text`; an empty text hides the notice."""
        if text and text == self._text and not self.isHidden():
            return  # said already: laying out its rich text again is the dear part
        self._text = text
        if text:
            self.setText(notice_html(self._icon_name, text))
            self.setAccessibleName(text)
            self.show()
        else:
            self.clear_notice()

    def clear_notice(self) -> None:
        """Hide the notice."""
        self._text = ""
        self.hide()
        self.clear()
        self.setAccessibleName("")

    def plain_text(self) -> str:
        """What the notice says ('' when hidden)."""
        return self._text
