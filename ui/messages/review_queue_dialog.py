"""The Needs review queue (R10, R19): texts that look like an opt-out but are not a keyword.

Each text shows when it came, how long ago, and its due date — 10 business days after it came
(R19); the queue is ordered by due date and an overdue text stands out. Staff apply the STOP
lock to the number (R6), turn SMS marketing off only, or dismiss the text; a bare CANCEL,
which locked already, waits for a call instead. Every decision is recorded as the staff member
by the model layer. Nothing here can opt a client in.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change, Touched
from models.errors import OptInDeskError, StaleData
from models.review import ReviewAction, ReviewItem, resolve_review, review_items
from resources import icon
from ui.app_events import app_events
from ui.formatting import sender_text
from ui.messages.review_words import ReviewWords
from ui.session import current_staff
from ui.widgets.record_list import RecordList
from ui.widgets.remembered_size import remember_size
from ui.words import one_line, spoken


class ReviewQueueDialog(QDialog):
    """Lists the open review items by due date and decides about the selected one."""

    #: The person asked to see a client of the selected text (their id) in the main window.
    client_open_requested = Signal(int)

    RECEIVED, DUE, FROM, TEXT = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: dict[int, ReviewItem] = {}
        self._words = ReviewWords(self)
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("reviewQueue")
        self.setWindowTitle(self.tr("Needs review — Opt-In Desk"))
        self.setWindowIcon(icon("alert"))
        self.setModal(False)

        title = QLabel(self.tr("Needs review"), self)
        title.setProperty("role", "header")
        intro = QLabel(self.tr("Texts that look like an opt-out but are not exactly a keyword. "
                               "Decide each by its due date: an opt-out must be honored within "
                               "10 business days. Until then marketing to the number is held. "
                               "Nothing here can opt a client in."), self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self._list = RecordList("reviewList", self.tr("Texts that need review"),
                                [self.tr("Received"), self.tr("Due"), self.tr("From"),
                                 self.tr("Text")], self)
        header = self._list.header()
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        metrics = self.fontMetrics()
        received, due = self._words.widest()
        for column, text, margin in (
                (self.RECEIVED, received, 24), (self.DUE, due, 40),
                (self.FROM, "(555) 555-0123 · Alexandra Reyes", 24)):
            header.resizeSection(column, metrics.horizontalAdvance(text) + margin)
        header.setSectionResizeMode(self.TEXT, QHeaderView.ResizeMode.Stretch)

        self._empty = QLabel(self.tr("Nothing needs review.\nTexts that look like an opt-out "
                                     "will wait here."), self)
        self._empty.setObjectName("reviewEmpty")
        self._empty.setProperty("role", "muted")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._list)
        self._stack.addWidget(self._empty)

        self._detail = QLabel(self)
        self._detail.setObjectName("reviewDetail")
        self._detail.setProperty("role", "notice")
        self._detail.setProperty("state", "warning")
        self._detail.setWordWrap(True)
        self._detail.setTextFormat(Qt.TextFormat.PlainText)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._note = QLineEdit(self)
        self._note.setObjectName("reviewNote")
        self._note.setPlaceholderText(self.tr("Note for the record (optional)"))
        self._note.setAccessibleName(self.tr("Note for the record"))
        self._note.setMaxLength(500)

        self._apply = QPushButton(icon("lock"), self.tr("&Apply STOP lock…"), self)
        self._apply.setObjectName("applyStopLock")
        self._apply.setToolTip(self.tr("Turn SMS off for everyone on this number, dated when the "
                                       "client texted. Only the client can undo it, by texting "
                                       "START."))
        self._marketing_off = QPushButton(icon("block"), self.tr("SMS &marketing off only"), self)
        self._marketing_off.setObjectName("smsMarketingOffOnly")
        self._marketing_off.setToolTip(self.tr("“No more promos”: turn SMS Marketing off for "
                                               "everyone on this number. Reminders and replies "
                                               "still go out."))
        self._dismiss = QPushButton(icon("check"), self.tr("&Dismiss"), self)
        self._dismiss.setObjectName("dismissReview")
        self._open_client = QPushButton(icon("user"), self.tr("&Open the client"), self)
        self._open_client.setObjectName("openReviewClient")
        self._open_client.setToolTip(self.tr("Show this number's client in the main window."))
        for button in (self._apply, self._marketing_off, self._dismiss, self._open_client):
            button.setIconSize(QSize(16, 16))
            button.setAutoDefault(False)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        decide = QHBoxLayout()
        decide.addWidget(self._apply)
        decide.addWidget(self._marketing_off)
        decide.addWidget(self._dismiss)
        decide.addStretch(1)
        decide.addWidget(self._open_client)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._detail)
        layout.addWidget(self._note)
        layout.addLayout(decide)
        layout.addWidget(self._buttons)
        for first, second in ((self._list, self._note), (self._note, self._apply),
                              (self._apply, self._marketing_off), (self._marketing_off, self._dismiss),
                              (self._dismiss, self._open_client)):
            QWidget.setTabOrder(first, second)
        self.resize(940, 500)

    def _connect_signals(self) -> None:
        self._list.currentItemChanged.connect(self._on_list_current_item_changed)
        self._apply.clicked.connect(self._on_apply_clicked)
        self._marketing_off.clicked.connect(self._on_marketing_off_clicked)
        self._dismiss.clicked.connect(self._on_dismiss_clicked)
        self._open_client.clicked.connect(self._on_open_client_clicked)
        self._buttons.rejected.connect(self.close)
        app_events().data_changed.connect(self._on_data_changed)

    # --- replaceable dialogs (tests monkeypatch these; pytest-qt docs pattern) ------------------

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str, action: str) -> bool:
        """Ask before a change that only the client can undo; True to go ahead."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel,
                          parent)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    @classmethod
    def inform(cls, parent: QWidget, title: str, text: str) -> None:
        """Tell the person something went differently than asked."""
        QMessageBox.information(parent, title, text)

    # --- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open review items again, keeping the selected one where it still waits."""
        selected = self.selected_message_id()
        row = self._list.current_row()
        try:
            items = review_items()
        except OptInDeskError as error:
            app_events().status_message.emit(
                self.tr("Could not read the review queue: {problem}").format(
                    problem=one_line(error)))
            return
        self._items = {item.message_id: item for item in items}
        self._list.clear()
        for item in items:
            self._add_row(item)
        self._stack.setCurrentWidget(self._list if items else self._empty)
        if items:
            if not self._list.select_record(selected):
                self._list.select_row(row)
        self._show_selected()

    def selected_message_id(self) -> int | None:
        """The id of the selected text, or None."""
        return self._list.current_record_id()

    def select_message(self, message_id: int) -> None:
        """Select a text of the queue."""
        self._list.select_record(message_id)

    def message_ids(self) -> list[int]:
        """The ids of the texts listed, by due date."""
        return list(self._items)

    # --- slots ---------------------------------------------------------------------------------

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_list_current_item_changed(self, _current: QTreeWidgetItem | None,
                                      _previous: QTreeWidgetItem | None) -> None:
        self._show_selected()

    @Slot()
    def _on_apply_clicked(self) -> None:
        item = self._selected_item()
        if item is None:
            return
        text = self._words.apply_question(item)
        if not self.confirm(self, self.tr("Apply STOP lock"), text, self.tr("Apply STOP lock")):
            return
        self._resolve(item, ReviewAction.APPLY_STOP)

    @Slot()
    def _on_marketing_off_clicked(self) -> None:
        item = self._selected_item()
        if item is not None:
            self._resolve(item, ReviewAction.MARKETING_OFF)

    @Slot()
    def _on_dismiss_clicked(self) -> None:
        item = self._selected_item()
        if item is not None:
            self._resolve(item, item.actions[-1])  # Dismiss, or "Called the client" for a CANCEL

    @Slot()
    def _on_open_client_clicked(self) -> None:
        item = self._selected_item()
        if item is not None and item.client_ids:
            self.client_open_requested.emit(item.client_ids[0])

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        if change.initiator is not self and change.touches(Touched.REVIEW):
            self.reload()

    # --- private -------------------------------------------------------------------------------

    def _add_row(self, item: ReviewItem) -> None:
        due = self._words.due(item)
        entry = self._list.add_record(item.message_id, [
            self._words.received(item), due,
            sender_text(item.number, item.client_names), " ".join(item.body.split())])
        entry.setToolTip(self.FROM, entry.text(self.FROM))
        entry.setToolTip(self.TEXT, item.body)
        entry.setIcon(self.RECEIVED, icon("phone" if item.may_mean_appointment else "alert"))
        entry.setData(self.DUE, Qt.ItemDataRole.AccessibleTextRole, due)
        if item.overdue or item.may_mean_appointment:
            # A badge from the stylesheet says it at a glance; the cell keeps its words for
            # screen readers only, so that they are not drawn twice.
            badge = QLabel(due, self._list)
            badge.setProperty("role", "badge")
            badge.setProperty("state", "locked" if item.overdue else "warning")
            badge.setAccessibleName(due)
            entry.setText(self.DUE, "")
            self._list.setItemWidget(entry, self.DUE, _left_aligned(badge, self._list))
        entry.setToolTip(self.DUE, self._words.due_tooltip(item))

    def _resolve(self, item: ReviewItem, action: ReviewAction) -> None:
        try:
            change = resolve_review(current_staff(), item.message_id, action,
                                    note=self._note.text().strip() or None)
        except StaleData as error:
            self.inform(self, self.tr("Needs review"), self.tr(
                "{problem}. The list has been reloaded.").format(problem=spoken(error)))
            self.reload()
            return
        except OptInDeskError as error:
            self.inform(self, self.tr("Needs review"), spoken(error))
            return
        self._note.clear()
        self.reload()
        app_events().data_changed.emit(change.asked_by(self))
        app_events().status_message.emit(self._words.done(action, item.number))

    def _selected_item(self) -> ReviewItem | None:
        message_id = self.selected_message_id()
        return None if message_id is None else self._items.get(message_id)

    def _show_selected(self) -> None:
        item = self._selected_item()
        actions = item.actions if item is not None else ()
        self._apply.setEnabled(ReviewAction.APPLY_STOP in actions)
        self._marketing_off.setEnabled(ReviewAction.MARKETING_OFF in actions)
        self._dismiss.setEnabled(item is not None)
        self._note.setEnabled(item is not None)
        self._open_client.setEnabled(item is not None and bool(item.client_ids))
        cancel = item is not None and item.may_mean_appointment
        self._dismiss.setText(self.tr("&Called the client") if cancel else self.tr("&Dismiss"))
        self._dismiss.setToolTip(
            self.tr("The client was called about their CANCEL: take it off the queue.") if cancel
            else self.tr("Not an opt-out: take the text off the queue and change nothing."))
        self._detail.setVisible(item is not None)
        if item is None:
            return
        self._detail.setProperty("state", "locked" if item.overdue else "warning")
        self._detail.style().unpolish(self._detail)
        self._detail.style().polish(self._detail)
        self._detail.setText(self._words.detail(item))


def _left_aligned(label: QLabel, parent: QWidget) -> QWidget:
    """A badge at the left of its cell, at its own size, rather than stretched across it."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(4, 1, 4, 1)
    label.setParent(holder)
    row.addWidget(label)
    row.addStretch(1)
    return holder
