"""The Needs review queue (R10): texts that look like an opt-out but are not a keyword.

Staff either apply the STOP lock to the number (R6) or dismiss the text; both are recorded
as the staff member by the model layer. Nothing here can opt a client in.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
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
from models.phones import display_phone
from models.review import ReviewItem, resolve_review, review_items
from resources import icon
from ui.app_events import app_events
from ui.formatting import sender_text, when_text
from ui.session import current_staff
from ui.widgets.record_list import RecordList


class ReviewQueueDialog(QDialog):
    """Lists the open review items; applies the STOP lock to, or dismisses, the selected one."""

    WHEN, FROM, TEXT = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: dict[int, ReviewItem] = {}
        self._setup_ui()
        self._connect_signals()
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("reviewQueue")
        self.setWindowTitle("Needs review — Opt-In Desk")
        self.setWindowIcon(icon("alert"))
        self.setModal(False)

        title = QLabel("Needs review", self)
        title.setProperty("role", "header")
        intro = QLabel("Texts that look like an opt-out but are not exactly a keyword. "
                       "Apply the STOP lock if the client asked to stop texts; dismiss the text "
                       "if not. Nothing here can opt a client in.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self._list = RecordList("reviewList", "Texts that need review", ["Received", "From", "Text"], self)
        header = self._list.header()
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        metrics = self.fontMetrics()
        header.resizeSection(self.WHEN, metrics.horizontalAdvance("Yesterday 12:00 p.m.") + 24)
        header.resizeSection(self.FROM, metrics.horizontalAdvance("(555) 555-0123 · Alexandra Reyes")
                             + 24)
        header.setSectionResizeMode(self.TEXT, QHeaderView.ResizeMode.Stretch)

        self._empty = QLabel("Nothing needs review.\nTexts that look like an opt-out will "
                             "wait here.", self)
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
        self._note.setPlaceholderText("Note for the record (optional)")
        self._note.setAccessibleName("Note for the record")
        self._note.setMaxLength(500)

        self._apply = QPushButton(icon("lock"), "&Apply STOP lock…", self)
        self._apply.setObjectName("applyStopLock")
        self._apply.setToolTip("Turn SMS off for everyone on this number. Only the client can "
                               "undo it, by texting START.")
        self._dismiss = QPushButton(icon("check"), "&Dismiss", self)
        self._dismiss.setObjectName("dismissReview")
        self._dismiss.setToolTip("Not an opt-out: take the text off the queue and change nothing.")
        for button in (self._apply, self._dismiss):
            button.setIconSize(QSize(16, 16))
            button.setAutoDefault(False)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        actions = QHBoxLayout()
        actions.addWidget(self._note, 1)
        actions.addWidget(self._apply)
        actions.addWidget(self._dismiss)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._detail)
        layout.addLayout(actions)
        layout.addWidget(self._buttons)
        self.resize(820, 460)

    def _connect_signals(self) -> None:
        self._list.currentItemChanged.connect(self._on_list_current_item_changed)
        self._apply.clicked.connect(self._on_apply_clicked)
        self._dismiss.clicked.connect(self._on_dismiss_clicked)
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
            app_events().status_message.emit(f"Could not read the review queue: {error}")
            return
        self._items = {item.message_id: item for item in items}
        self._list.clear()
        for item in items:
            entry = self._list.add_record(item.message_id, [
                when_text(item.received_at), sender_text(item.number, item.client_names),
                " ".join(item.body.split())])
            entry.setToolTip(self.FROM, entry.text(self.FROM))
            entry.setToolTip(self.TEXT, item.body)
            entry.setIcon(self.WHEN, icon("alert"))
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
        """The ids of the texts listed, oldest first."""
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
        everyone = ", ".join(item.client_names) if item.client_names else "no client on file yet"
        text = (f"Apply the STOP lock to {display_phone(item.number)}?\n\n"
                f"SMS is turned off for everyone on this number ({everyone}), and nobody at "
                f"the studio can turn it back on: only the client can undo this, by texting "
                f"START.")
        if not self.confirm(self, "Apply STOP lock", text, "Apply STOP lock"):
            return
        self._resolve(item, apply_stop=True)

    @Slot()
    def _on_dismiss_clicked(self) -> None:
        item = self._selected_item()
        if item is not None:
            self._resolve(item, apply_stop=False)

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        if change.initiator is not self and change.touches(Touched.REVIEW):
            self.reload()

    # --- private -------------------------------------------------------------------------------

    def _resolve(self, item: ReviewItem, *, apply_stop: bool) -> None:
        try:
            change = resolve_review(current_staff(), item.message_id, apply_stop=apply_stop,
                                    note=self._note.text().strip() or None)
        except StaleData as error:
            self.inform(self, "Needs review", f"{error}. The list has been reloaded.")
            self.reload()
            return
        except OptInDeskError as error:
            self.inform(self, "Needs review", str(error))
            return
        self._note.clear()
        number = display_phone(item.number)
        if apply_stop:
            message = f"STOP lock applied to {number}: SMS is off for everyone on this number"
        else:
            message = f"Dismissed the text from {number}"
        self.reload()
        app_events().data_changed.emit(change.asked_by(self))
        app_events().status_message.emit(message)

    def _selected_item(self) -> ReviewItem | None:
        message_id = self.selected_message_id()
        return None if message_id is None else self._items.get(message_id)

    def _show_selected(self) -> None:
        item = self._selected_item()
        self._apply.setEnabled(item is not None)
        self._dismiss.setEnabled(item is not None)
        self._note.setEnabled(item is not None)
        self._detail.setVisible(item is not None)
        if item is None:
            return
        if item.client_names:
            names = ", ".join(item.client_names)
            who = (f"{names} {'has' if len(item.client_names) == 1 else 'share'} this mobile: "
                   "a STOP lock turns SMS off for "
                   f"{'them' if len(item.client_names) == 1 else 'all of them'}.")
        else:
            who = "No client has this mobile on file."
        self._detail.setText(f"“{item.body}”\n{when_text(item.received_at)} from "
                             f"{display_phone(item.number)}. {who}")
