"""The inbound texts processed lately, newest first, and what each one did (read-only)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change, Touched
from models.errors import OptInDeskError
from models.households import names_by_mobile
from models.inbound import recent_messages
from models.timeutil import iso
from resources import icon
from ui.app_events import app_events
from ui.formatting import sender_text, when_text
from ui.widgets.record_list import RecordList
from ui.widgets.remembered_size import remember_size
from ui.words import one_line

#: What a text did, in the words of the list (keyword → label, icon); English, translated
#: where shown (context "MessagesDialog").
_ACTIONS = {
    "opt_out": (QT_TRANSLATE_NOOP("MessagesDialog", "Opt-out (STOP)"), "lock"),
    "opt_in": (QT_TRANSLATE_NOOP("MessagesDialog", "Opt-in (START)"), "check"),
    "help": (QT_TRANSLATE_NOOP("MessagesDialog", "Help"), None),
    "review": (QT_TRANSLATE_NOOP("MessagesDialog", "Needs review"), "alert"),
    "none": ("—", None),
}
_REVIEW_OUTCOMES = {
    "applied": QT_TRANSLATE_NOOP("MessagesDialog", "Reviewed: STOP lock applied"),
    "dismissed": QT_TRANSLATE_NOOP("MessagesDialog", "Reviewed: dismissed"),
    "marketing_off": QT_TRANSLATE_NOOP("MessagesDialog", "Reviewed: SMS marketing off"),
    "called": QT_TRANSLATE_NOOP("MessagesDialog", "Opt-out (CANCEL): client called")}


def _tr(text: str) -> str:
    """A text marked QT_TRANSLATE_NOOP("MessagesDialog", …) in the window's language."""
    return QCoreApplication.translate("MessagesDialog", text)


class MessagesDialog(QDialog):
    """The newest inbound texts: when, from whom, the text, and the action it caused."""

    WHEN, FROM, BODY, ACTION = range(4)
    LIMIT = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("messagesDialog")
        self.setWindowTitle(self.tr("Messages — Opt-In Desk"))
        self.setWindowIcon(icon("mobile"))
        self.setModal(False)

        title = QLabel(self.tr("Messages"), self)
        title.setProperty("role", "header")
        self._summary = QLabel(self)
        self._summary.setProperty("role", "muted")
        self._summary.setWordWrap(True)
        self._search = QLineEdit(self)
        self._search.setObjectName("messageSearch")
        self._search.setAccessibleName(self.tr("Search messages"))
        self._search.setPlaceholderText(self.tr("Search by number or words of the text (Ctrl+F)"))
        self._search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)  # one query when typing pauses, not one per key
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)

        self._list = RecordList("messageList", self.tr("Inbound texts"),
                                [self.tr("Received"), self.tr("From"), self.tr("Text"),
                                 self.tr("Action")], self)
        header = self._list.header()
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        noon = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=12, minute=0)
        header.resizeSection(self.WHEN, metrics.horizontalAdvance(when_text(iso(noon))) + 16)
        header.resizeSection(self.FROM, metrics.horizontalAdvance("(555) 555-0123 · Alexandra Reyes")
                             + 16)
        header.setSectionResizeMode(self.BODY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(self.ACTION, metrics.horizontalAdvance(
            _tr(_REVIEW_OUTCOMES["applied"])) + 40)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self._summary)
        layout.addWidget(self._search)
        layout.addWidget(self._list, 1)
        layout.addWidget(buttons)
        self.resize(920, 480)

    def _connect_signals(self) -> None:
        app_events().data_changed.connect(self._on_data_changed)
        self._search.textChanged.connect(self._on_search_text_changed)
        self._search_timer.timeout.connect(self.reload)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._on_find_activated)

    # --- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the newest texts again."""
        try:
            query = self._search.text().strip()
            messages = recent_messages(self.LIMIT, search=query)
            names = names_by_mobile(m.from_number for m in messages)
        except OptInDeskError as error:
            app_events().status_message.emit(self.tr("Could not read the messages: {problem}")
                                             .format(problem=one_line(error)))
            return
        self._list.clear()
        for message in messages:
            label, icon_name = _ACTIONS.get(message.keyword, (message.keyword, None))
            label = _tr(label)
            if message.review_state in _REVIEW_OUTCOMES:
                label = _tr(_REVIEW_OUTCOMES[message.review_state])
            elif message.keyword in ("opt_out", "opt_in") and not message.applied:
                label = self.tr("{action} — no change").format(action=label)
            item = self._list.add_record(message.id, [
                when_text(message.received_at),
                sender_text(message.from_number, names.get(message.from_number, ())),
                " ".join(message.body.split()), label])
            item.setToolTip(self.FROM, item.text(self.FROM))
            item.setToolTip(self.BODY, message.body)
            if icon_name is not None:
                item.setIcon(self.ACTION, icon(icon_name))
        shown = len(messages)
        if query:
            self._summary.setText(
                self.tr("%Ln text(s) from a number or with words matching “{query}”, newest "
                        "first.", "", shown).format(query=query) if shown else
                self.tr("No text matches “{query}”. Esc clears the search.").format(query=query))
            return
        self._summary.setText(
            self.tr("No inbound texts yet.") if not shown else
            self.tr("The %Ln newest inbound text(s), newest first. A text that is a keyword "
                    "changes consent; one that only looks like an opt-out waits in Needs "
                    "review.", "", shown))

    def message_count(self) -> int:
        """How many texts are listed."""
        return self._list.topLevelItemCount()

    # --- slots ---------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_find_activated(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        # A review decision shows too: "Reviewed: STOP lock applied".
        if self.isVisible() and change.touches(Touched.MESSAGES | Touched.REVIEW):
            self.reload()

    # --- Qt overrides --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc in a search clears it (the list shows every text again); Esc again closes."""
        if event.key() == Qt.Key.Key_Escape and self._search.text():
            self._search.clear()
            self._search_timer.stop()
            self.reload()
            event.accept()
            return
        super().keyPressEvent(event)
