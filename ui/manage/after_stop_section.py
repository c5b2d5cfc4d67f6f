"""Reports ▸ Texts sent after opt-out (R23): how many texts went to a number after it texted
STOP, beyond the one confirmation the law allows, and the newest of them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import QHeaderView, QWidget

from models.phones import display_phone
from models.reports import TextsAfterStop
from ui.formatting import event_when, when_text
from ui.widgets.notice_label import NoticeLabel
from ui.widgets.record_list import RecordList
from ui.widgets.section_frame import SectionFrame

_HEADERS = (QT_TRANSLATE_NOOP("AfterStopSection", "Number"),
            QT_TRANSLATE_NOOP("AfterStopSection", "Sent"),
            QT_TRANSLATE_NOOP("AfterStopSection", "First words"),
            QT_TRANSLATE_NOOP("AfterStopSection", "Status"))
_NUMBER, _SENT, _WORDS, _STATUS = range(len(_HEADERS))
EMPTY_TEXT = QT_TRANSLATE_NOOP("AfterStopSection",
                               "None found: no text went to a number after it texted STOP.")
#: The provider's delivery statuses, as the list shows them (others are shown as they are).
_STATUSES = {
    "queued": QT_TRANSLATE_NOOP("AfterStopSection", "queued"),
    "sending": QT_TRANSLATE_NOOP("AfterStopSection", "sending"),
    "sent": QT_TRANSLATE_NOOP("AfterStopSection", "sent"),
    "delivered": QT_TRANSLATE_NOOP("AfterStopSection", "delivered"),
    "undelivered": QT_TRANSLATE_NOOP("AfterStopSection", "undelivered"),
    "failed": QT_TRANSLATE_NOOP("AfterStopSection", "failed"),
}


class AfterStopSection(SectionFrame):
    """The count of texts sent after opt-out and the newest of them, newest first; a notice
    saying none were found when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("AfterStopSection", "Texts sent after opt-out"),
                         QCoreApplication.translate(
                             "AfterStopSection", "Texts to a number after it texted STOP, beyond "
                             "the one confirmation allowed within 5 minutes: a tool that kept "
                             "texting."),
                         icon_name="block", parent=parent)
        self._report = TextsAfterStop(0, ())
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("afterStopSection")
        self._count = NoticeLabel("afterStopCount", "alert", "locked", self)
        self._empty = NoticeLabel("afterStopEmpty", "check", "info", self)
        self._list = RecordList("afterStopList", self.tr("Texts sent after opt-out, newest first"),
                                [_tr(header) for header in _HEADERS], self)
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
            self._empty.show_notice(_tr(EMPTY_TEXT))
            self._list.hide()
            return
        self._empty.clear_notice()
        shown = len(report.texts)
        text = self.tr("%Ln text(s) sent after the client texted STOP.", "", report.count)
        if shown != report.count:
            text = self.tr("%Ln text(s) sent after the client texted STOP — the newest {shown} "
                           "listed.", "", report.count).format(shown=QLocale().toString(shown))
        self._count.show_notice(text)
        for row, text in enumerate(report.texts):
            who = "\n".join([display_phone(text.number), *text.client_names[:1]])
            status = _tr(_STATUSES[text.status]) if text.status in _STATUSES else text.status
            item = self._list.add_record(row, [who, when_text(text.sent_at), text.first_words,
                                               status or "—"])
            stopped = (self.tr("The client texted STOP {when}.").format(
                when=event_when(text.stopped_at)) if text.stopped_at
                else self.tr("The STOP it followed is not on file."))
            item.setToolTip(_WORDS, text.first_words)
            for column in range(len(_HEADERS)):
                if column != _WORDS:
                    item.setToolTip(column, self.tr("Sent {when}. {stopped} Message id: {sid}")
                                    .format(when=event_when(text.sent_at), stopped=stopped,
                                            sid=text.sid))
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


def _tr(text: str) -> str:
    """A text of this section, in the window's language."""
    return QCoreApplication.translate("AfterStopSection", text)
