"""A word-wrapped label that remembers its height for a width, for texts that rarely change."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

#: Widths remembered per text; a window is resized through a few hundred at most.
_MAX_WIDTHS = 256


class WrappedLabel(QLabel):
    """A QLabel with word wrap whose height for a width is measured once per width.

    Qt measures a wrapped label's words again each time a layout asks for its height at a
    width, and a profile's layout asked its section subtitles 7–10 times per client shown
    (issue 12). The height is measured anew when the text, the font, the style, the frame or
    the margins change (`setWordWrap`, `setIndent` and `setMargin` are not for these labels).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[tuple[int, int, int, int], int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show `text`, measured anew."""
        self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        """Show nothing, measured anew."""
        self._heights.clear()
        super().clear()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """The label's height at `width`, as QLabel measures it, remembered."""
        # The frame and the margins are in the key: a style sheet's border and padding come
        # with the label's polish, which sends no event a label sees without an event()
        # override (and that would put every paint of the label through Python).
        margins = self.contentsMargins()
        key = (width, self.frameWidth(), margins.left() + margins.right(),
               margins.top() + margins.bottom())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _MAX_WIDTHS:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Forget the heights when the font or the style changes (a style sheet's font comes
        as a font change when the label is polished)."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)
