"""Staff accounts (owner view, R15): who may sign in, with which role; add staff, reset a PIN,
deactivate or reactivate an account.

Every operation goes through `models.staff`, which lets only an owner do it and keeps the
studio's last owner active; each writes one consent event.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change, Touched
from models.errors import OptInDeskError
from models.staff import (
    StaffAccount,
    create_staff,
    list_staff_accounts,
    reset_pin,
    set_staff_active,
)
from resources import icon
from ui.app_events import app_events
from ui.manage.local_time import clock_text
from ui.manage.staff_form_dialog import StaffFormDialog, StaffFormValues
from ui.session import current_staff
from ui.widgets.record_list import RecordList
from ui.widgets.remembered_size import remember_size
from ui.words import ROLE_LABELS, one_line


class StaffAccountsDialog(QDialog):
    """The studio's staff accounts, for the owner."""

    NAME, ROLE, STATUS, SIGN_IN = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts: dict[int, StaffAccount] = {}
        self._message_text = ""
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("staffAccounts")
        self.setWindowTitle(self.tr("Staff accounts — Opt-In Desk"))
        self.setWindowIcon(icon("users"))
        self.setModal(False)

        title = QLabel(self.tr("Staff accounts"), self)
        title.setProperty("role", "header")
        intro = QLabel(self.tr("Everyone at the desk signs in with their own PIN. A deactivated "
                               "account can no longer sign in; its name stays on the consent "
                               "record."), self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self._list = RecordList("staffList", self.tr("Staff accounts"),
                                [self.tr("Name"), self.tr("Role"), self.tr("Status"),
                                 self.tr("Sign-in")], self)
        header = self._list.header()
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        metrics = self.fontMetrics()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.SIGN_IN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widest = max(metrics.horizontalAdvance(label) for label in ROLE_LABELS.values())
        header.resizeSection(self.ROLE, widest + 40)
        header.resizeSection(self.STATUS, max(metrics.horizontalAdvance(self.tr("Deactivated")),
                                              metrics.horizontalAdvance(self.tr("Active"))) + 40)
        sample = self.tr("Locked until {time}").format(time="12:59 p.m.")
        header.resizeSection(self.SIGN_IN, max(metrics.horizontalAdvance(sample),
                                               metrics.horizontalAdvance(self.tr("Cannot sign in")))
                             + 48)

        self._message = QLabel(self)
        self._message.setObjectName("staffMessage")
        self._message.setProperty("role", "notice")
        self._message.setWordWrap(True)
        self._message.hide()

        self._add = QPushButton(icon("user"), self.tr("&Add staff…"), self)
        self._add.setObjectName("addStaff")
        self._add.setToolTip(self.tr("Add a staff member with their role and PIN"))
        self._reset = QPushButton(icon("lock"), self.tr("Reset &PIN…"), self)
        self._reset.setObjectName("resetPin")
        self._reset.setToolTip(self.tr("Give the selected staff member a new PIN (unlocks their "
                                       "sign-in)"))
        self._toggle = QPushButton(icon("block"), self.tr("&Deactivate…"), self)
        self._toggle.setObjectName("toggleActive")
        for button in (self._add, self._reset, self._toggle):
            button.setIconSize(QSize(16, 16))
            button.setAutoDefault(False)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self._add)
        actions.addWidget(self._reset)
        actions.addWidget(self._toggle)
        actions.addStretch(1)
        actions.addWidget(self._buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self._list, 1)
        layout.addWidget(self._message)
        layout.addLayout(actions)
        self.resize(720, 440)

    def _connect_signals(self) -> None:
        self._list.currentItemChanged.connect(self._on_list_current_item_changed)
        self._add.clicked.connect(self._on_add_clicked)
        self._reset.clicked.connect(self._on_reset_clicked)
        self._toggle.clicked.connect(self._on_toggle_clicked)
        self._buttons.rejected.connect(self.close)

    # --- replaceable dialogs (tests monkeypatch these; pytest-qt docs pattern) ------------------

    @classmethod
    def ask_new_staff(cls, parent: QWidget) -> StaffFormValues | None:
        """Name, role and PIN (typed twice) of a new staff member, or None after Cancel."""
        form = StaffFormDialog(parent)
        values = form.values() if form.exec() == QDialog.DialogCode.Accepted else None
        form.deleteLater()
        return values

    @classmethod
    def ask_new_pin(cls, parent: QWidget, name: str) -> str | None:
        """A new PIN for `name` (typed twice), or None after Cancel."""
        form = StaffFormDialog(parent, name=name)
        pin = form.values().pin if form.exec() == QDialog.DialogCode.Accepted else None
        form.deleteLater()
        return pin

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str, action: str) -> bool:
        """Ask before locking someone out; True to go ahead."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Cancel, parent)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    # --- public --------------------------------------------------------------------------------

    def reload(self) -> bool:
        """Read the accounts again as the signed-in staff member, keeping the selection;
        False (with the reason shown) when the model layer refused."""
        selected = self.selected_staff_id()
        try:
            accounts = list_staff_accounts(current_staff())
        except OptInDeskError as error:
            self._accounts = {}
            self._list.clear()
            self._add.setEnabled(False)
            self._show_selected()
            self._show_message(_sentence(one_line(error)), "warning")
            return False
        self._add.setEnabled(True)
        self._accounts = {account.staff_id: account for account in accounts}
        self._list.clear()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for account in accounts:
            locked = account.locked_until is not None
            item = self._list.add_record(account.staff_id, [
                account.name, ROLE_LABELS[account.role],
                self.tr("Active") if account.active else self.tr("Deactivated"),
                self.tr("Locked until {time}").format(
                    time=clock_text(account.locked_until.astimezone())) if locked
                else (self.tr("Can sign in") if account.active else self.tr("Cannot sign in")),
            ])
            item.setIcon(self.NAME, icon("user"))
            if locked:
                item.setIcon(self.SIGN_IN, icon("lock"))
                item.setToolTip(self.SIGN_IN, self.tr("Too many wrong PINs. Reset the PIN to "
                                                      "unlock now, or wait until then."))
            if not account.active:
                for column in range(self._list.columnCount()):
                    item.setForeground(column, muted)
        if accounts and not self._list.select_record(selected):
            self._list.select_row(0)
        self._show_selected()
        return True

    def rows(self) -> list[list[str]]:
        """The list's text, row by row (for tests and scripts)."""
        return [[self._list.topLevelItem(row).text(column) for column in range(4)]
                for row in range(self._list.topLevelItemCount())]

    def selected_staff_id(self) -> int | None:
        """The id of the selected account, or None."""
        return self._list.current_record_id()

    def select_staff(self, staff_id: int) -> None:
        """Select an account of the list."""
        self._list.select_record(staff_id)

    def add_staff(self) -> Change | None:
        """Ask for a new staff member and add them; the change, or None."""
        values = self.ask_new_staff(self)
        if values is None:
            return None
        try:
            added = create_staff(current_staff(), values.name, values.role.value,
                                 values.pin)
        except OptInDeskError as error:
            self._show_message(self.tr("{name} was not added: {error}.").format(
                name=values.name or self.tr("The staff member"), error=one_line(error)),
                "warning")
            return None
        self.reload()
        self.select_staff(added.staff_id)
        change = Change(Touched.STAFF)
        self._done(change, self.tr("Added {name} ({role}). They can sign in with the PIN you "
                                   "gave them.").format(name=values.name,
                                                        role=ROLE_LABELS[values.role]))
        return change

    def reset_selected_pin(self) -> Change | None:
        """Ask for a new PIN for the selected account and set it; the change, or None."""
        account = self._selected()
        if account is None:
            return None
        pin = self.ask_new_pin(self, account.name)
        if pin is None:
            return None
        try:
            change = reset_pin(current_staff(), account.staff_id, pin)
        except OptInDeskError as error:
            self._show_message(self.tr("The PIN was not reset: {error}.").format(
                error=one_line(error)), "warning")
            return None
        self.reload()
        self._done(change, self.tr("{name} has a new PIN; the old one no longer works.").format(
            name=account.name))
        return change

    def toggle_selected_active(self) -> Change | None:
        """Deactivate the selected account (after asking) or reactivate it; the change, or None."""
        account = self._selected()
        if account is None:
            return None
        if account.active:
            text = self.tr("Deactivate {name}?\n\nThey can no longer sign in. Their name stays "
                           "on the consent record, and the account can be reactivated.").format(
                name=account.name)
            if not self.confirm(self, self.tr("Deactivate staff account"), text,
                                self.tr("Deactivate")):
                return None
        try:
            change = set_staff_active(current_staff(), account.staff_id, not account.active)
        except OptInDeskError as error:
            self._show_message(_sentence(one_line(error)), "warning")
            return None
        self.reload()
        self._done(change, (self.tr("{name} can no longer sign in.") if account.active
                            else self.tr("{name} can again sign in.")).format(name=account.name))
        return change

    def message(self) -> str:
        """The last result or refusal shown ('' when none)."""
        return self._message_text

    # --- slots ---------------------------------------------------------------------------------

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_list_current_item_changed(self, _current: QTreeWidgetItem | None,
                                      _previous: QTreeWidgetItem | None) -> None:
        self._show_selected()

    @Slot()
    def _on_add_clicked(self) -> None:
        self.add_staff()

    @Slot()
    def _on_reset_clicked(self) -> None:
        self.reset_selected_pin()

    @Slot()
    def _on_toggle_clicked(self) -> None:
        self.toggle_selected_active()

    # --- private -------------------------------------------------------------------------------

    def _done(self, change: Change, text: str) -> None:
        self._show_message(text, "info")
        app_events().data_changed.emit(change.asked_by(self))
        app_events().status_message.emit(text)

    def _selected(self) -> StaffAccount | None:
        staff_id = self.selected_staff_id()
        return None if staff_id is None else self._accounts.get(staff_id)

    def _show_selected(self) -> None:
        account = self._selected()
        self._reset.setEnabled(account is not None)
        self._toggle.setEnabled(account is not None)
        if account is None:
            return
        self._toggle.setText(self.tr("&Deactivate…") if account.active else self.tr("Re&activate"))
        self._toggle.setIcon(icon("block" if account.active else "check"))
        me = current_staff().staff_id
        if account.active and account.staff_id == me:
            # The model layer refuses it too; the button says why before anyone tries.
            self._toggle.setEnabled(False)
            self._toggle.setToolTip(self.tr("You cannot deactivate your own account; another "
                                            "owner can."))
        else:
            self._toggle.setToolTip(self.tr("Stop this account from signing in") if account.active
                                    else self.tr("Let this account sign in again with its PIN"))

    def _show_message(self, text: str, state: str) -> None:
        self._message_text = text
        self._message.setText(text)
        self._message.setProperty("state", state)
        style = self._message.style()
        style.unpolish(self._message)
        style.polish(self._message)
        self._message.show()


def _sentence(text: str) -> str:
    """A model-layer message ("only an owner can do this") as a sentence on screen."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."

