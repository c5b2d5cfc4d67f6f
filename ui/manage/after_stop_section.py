"""Reports ▸ Texts sent after opt-out (R23): how many texts went to a number after it texted
STOP, beyond the one confirmation the law allows, and the newest of them."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget

from models.phones import display_phone
from models.reports import TextsAfterStop
from ui.formatting import event_when, when_text
from ui.widgets.notice_label import NoticeLabel
from ui.widgets.record_list import RecordList
from ui.widgets.section_frame import SectionFrame
from ui.words import plural

_HEADERS = ("Number", "Sent", "First words", "Status")
_NUMBER, _SENT, _WORDS, _STATUS = range(len(_HEADERS))
EMPTY_TEXT = "None found: no text went to a number after it texted STOP."


class AfterStopSection(SectionFrame):
    """The count of texts sent after opt-out and the newest of them, newest first; a notice
    saying none were found when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Texts sent after opt-out",
                         "Texts to a number after it texted STOP, beyond the one confirmation "
                         "allowed within 5 minutes: a tool that kept texting.",
                         icon_name="block", parent=parent)
        self._report = TextsAfterStop(0, ())
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("afterStopSection")
        self._count = NoticeLabel("afterStopCount", "alert", "locked", self)
        self._empty = NoticeLabel("afterStopEmpty", "check", "info", self)
        self._list = RecordList("afterStopList", "Texts sent after opt-out, newest first",
                                _HEADERS, self)
        self._list.setUniformRowHeights(False)  # a number's clients on a second line
        header = self._list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_SENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_WORDS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        layout = self.section_layout()
        layout.addWidget(self._count)
        layout.addWidget(self._empty)
        layout.addWidget(self._list, 1)
        # Takes the room the list leaves when it is hidden, so the empty state sits at the top.
        layout.addStretch(0)

    # --- public --------------------------------------------------------------------------------

    def show_texts(self, report: TextsAfterStop) -> None:
        """Show the count and the listed texts, or that none were found."""
        self._report = report
        self._list.clear()
        if not report.count:
            self._count.clear_notice()
            self._empty.show_notice(EMPTY_TEXT)
            self._list.hide()
            return
        self._empty.clear_notice()
        shown = len(report.texts)
        newest = "" if shown == report.count else f" — the newest {shown:,} listed"
        self._count.show_notice(f"{plural(report.count, 'text was', 'texts were')} sent after "
                                f"the client texted STOP{newest}.")
        for row, text in enumerate(report.texts):
            who = "\n".join([display_phone(text.number), *text.client_names[:1]])
            item = self._list.add_record(row, [who, when_text(text.sent_at), text.first_words,
                                               text.status or "—"])
            stopped = (f"The client texted STOP {event_when(text.stopped_at)}."
                       if text.stopped_at else "The STOP it followed is not on file.")
            item.setToolTip(_WORDS, text.first_words)
            for column in range(len(_HEADERS)):
                if column != _WORDS:
                    item.setToolTip(column, f"Sent {event_when(text.sent_at)}. {stopped} "
                                            f"Message id: {text.sid}")
        self._list.show()

    def report(self) -> TextsAfterStop:
        """The texts shown and their count."""
        return self._report

    def count_text(self) -> str:
        """What the count says ('' when none were found)."""
        return self._count.plain_text()

    def empty_text(self) -> str:
        """What the empty state says ('' when texts were found)."""
        return self._empty.plain_text()

    def rows(self) -> list[list[str]]:
        """The listed rows' cells, as shown."""
        return [[self._list.topLevelItem(row).text(column) for column in range(len(_HEADERS))]
                for row in range(self._list.topLevelItemCount())]
