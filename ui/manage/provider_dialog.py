"""Manage ▸ Texting provider (R24): connect the studio's Twilio account once — its account SID
and auth token, or an API key's SID and secret — test it with one harmless call, disconnect.

The secret goes to this computer's OS keyring (a private file where there is none) and the
dialog says which; the call to Twilio runs on a thread of its own, so the window never waits
on the network.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.db import close_database
from models.errors import OptInDeskError
from models.provider import (
    Credentials,
    check_credentials,
    connect_provider,
    disconnect_provider,
    load_connection,
)
from ui.session import current_staff
from ui.widgets.remembered_size import remember_size
from ui.words import one_line, spoken


class _Call(QObject):
    """One call to the provider in the thread it was moved to."""

    done = Signal(bool, str)

    def __init__(self, call: Callable[[], str]) -> None:
        super().__init__()
        self._call = call

    @Slot()
    def run(self) -> None:
        try:
            ok, text = True, self._call()
        except OptInDeskError as error:
            ok, text = False, one_line(error)
        finally:
            close_database()
        self.done.emit(ok, text)


class ProviderDialog(QDialog):
    """Connect, test or disconnect the studio's texting-provider account."""

    #: The account was connected or disconnected (the window syncs at once).
    connection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._call: _Call | None = None
        self._setup_ui()
        self._connect_signals()
        self._show_connection()

    def _setup_ui(self) -> None:
        self.setObjectName("providerDialog")
        remember_size(self)
        self.setWindowTitle(self.tr("Texting provider"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("Opt-In Desk fetches the texts of the studio's Twilio account "
                               "every minute, so a client's STOP switches off SMS by itself."),
                       self)
        intro.setWordWrap(True)
        self._current = QLabel(self)
        self._current.setObjectName("providerConnection")
        self._current.setWordWrap(True)
        self._token_choice = QRadioButton(self.tr("Account SID and auth token"), self)
        self._token_choice.setObjectName("authTokenChoice")
        self._token_choice.setChecked(True)
        self._key_choice = QRadioButton(self.tr("API key (SID and secret)"), self)
        self._key_choice.setObjectName("apiKeyChoice")
        self._account = QLineEdit(self)
        self._account.setObjectName("accountSidInput")
        self._account.setPlaceholderText(self.tr("AC…  (Twilio Console ▸ Account info)"))
        self._key = QLineEdit(self)
        self._key.setObjectName("apiKeySidInput")
        self._key.setPlaceholderText(self.tr("SK…"))
        self._secret = QLineEdit(self)
        self._secret.setObjectName("secretInput")
        self._secret.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Account SID"), self._account)
        form.addRow(self.tr("API key SID"), self._key)
        self._secret_label = QLabel(self.tr("Auth token"), self)
        form.addRow(self._secret_label, self._secret)
        self._result = QLabel(self)
        self._result.setObjectName("providerResult")
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QDialogButtonBox(self)
        self._test = self._button("testProviderButton", self.tr("&Test"),
                                  QDialogButtonBox.ButtonRole.ActionRole)
        self._disconnect = self._button("disconnectProviderButton", self.tr("&Disconnect"),
                                        QDialogButtonBox.ButtonRole.DestructiveRole)
        self._connect = self._button("connectProviderButton", self.tr("&Connect"),
                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self._close = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        for widget in (intro, self._current, self._token_choice, self._key_choice):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self._result)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self._form = form
        self._on_choice_toggled()

    def _connect_signals(self) -> None:
        self._key_choice.toggled.connect(self._on_choice_toggled)
        self._test.clicked.connect(self._on_test_clicked)
        self._connect.clicked.connect(self._on_connect_clicked)
        self._disconnect.clicked.connect(self._on_disconnect_clicked)
        self._close.clicked.connect(self.reject)

    # --- public --------------------------------------------------------------------------------

    def result_text(self) -> str:
        """What the dialog says about the last test, connection or refusal."""
        return self._result.text()

    def is_busy(self) -> bool:
        """Whether a call to the provider is under way."""
        return self._thread is not None

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_choice_toggled(self) -> None:
        key = self._key_choice.isChecked()
        self._form.setRowVisible(self._key, key)
        self._secret_label.setText(self.tr("API key secret") if key else self.tr("Auth token"))

    @Slot()
    def _on_test_clicked(self) -> None:
        credentials = self._credentials()
        answered = self.tr("Twilio answered: {account}")
        self._run(lambda: answered.format(account=spoken(check_credentials(credentials))))

    @Slot()
    def _on_connect_clicked(self) -> None:
        credentials, staff = self._credentials(), current_staff()
        connected = self.tr("Connected to {account}. The secret is kept {place}.")

        def connect() -> str:
            account = check_credentials(credentials)
            place = connect_provider(staff, credentials)
            return connected.format(account=spoken(account), place=spoken(place.description))

        self._run(connect, connecting=True)

    @Slot()
    def _on_disconnect_clicked(self) -> None:
        try:
            disconnect_provider(current_staff())
        except OptInDeskError as error:
            self._say(False, spoken(error))
            return
        self._say(True, self.tr("Disconnected. The secret was removed from this computer; texts "
                                "already synced stay on file."))
        self._show_connection()
        self.connection_changed.emit()

    @Slot(bool, str)
    def _on_call_done(self, ok: bool, text: str) -> None:
        connecting = bool(self._call is not None and self._call.property("connecting"))
        self._end()
        self._say(ok, text)
        if ok and connecting:
            self._secret.clear()
            self._show_connection()
            self.connection_changed.emit()

    # --- private -------------------------------------------------------------------------------

    def _button(self, name: str, text: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = self._buttons.addButton(text, role)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _credentials(self) -> Credentials:
        key = self._key.text() if self._key_choice.isChecked() else None
        return Credentials(self._account.text(), self._secret.text(), key)

    def _run(self, call: Callable[[], str], connecting: bool = False) -> None:
        if self._thread is not None:
            return
        self._say(True, self.tr("Asking Twilio…"))
        self._call = _Call(call)
        self._call.setProperty("connecting", connecting)
        self._thread = QThread(self)
        self._call.moveToThread(self._thread)
        self._thread.started.connect(self._call.run)
        self._call.done.connect(self._on_call_done, Qt.ConnectionType.QueuedConnection)
        for button in (self._test, self._connect, self._disconnect):
            button.setEnabled(False)
        self._thread.start()

    def _end(self) -> None:
        thread, call = self._thread, self._call
        self._thread = self._call = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if call is not None:
            call.deleteLater()
        self._test.setEnabled(True)
        self._connect.setEnabled(True)
        self._disconnect.setEnabled(load_connection() is not None)

    def _say(self, ok: bool, text: str) -> None:
        self._result.setText(text[:1].upper() + text[1:])
        self._result.setProperty("role", "notice")
        self._result.setProperty("state", "info" if ok else "warning")
        self._result.style().unpolish(self._result)
        self._result.style().polish(self._result)

    def _show_connection(self) -> None:
        connection = load_connection()
        if connection is None:
            self._current.setText(self.tr("<b>Not connected.</b> STOPs arrive only when someone "
                                          "imports the message log."))
        else:
            self._current.setText(self.tr("<b>Connected:</b> {account}, by {name} on {day}.")
                                  .format(account=spoken(connection.describe()),
                                          name=connection.connected_by,
                                          day=_day(connection.connected_at)))
            self._account.setText(connection.account_sid)
            if connection.key_sid:
                self._key_choice.setChecked(True)
                self._key.setText(connection.key_sid)
        self._disconnect.setEnabled(connection is not None)

    # --- Qt overrides --------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._end()  # a call under way is let finish; its answer is not shown
        super().done(result)


def _day(stored: str) -> str:
    """The day of a stored ISO time, as the window's language writes dates."""
    day = QDate.fromString(stored[:10], "yyyy-MM-dd")
    if not day.isValid() or QLocale().language() == QLocale.Language.English:
        return stored[:10]
    return QLocale().toString(day, QLocale.FormatType.ShortFormat)
