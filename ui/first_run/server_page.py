"""The first-run window's *Connect to the studio's server* page: a PostgreSQL URL, or its parts,
tested before it may be saved; the password goes to the keyring (or a private file), never
into the plain settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import InvalidInput, OptInDeskError
from models.workstation import DEFAULT_PORT, ServerAddress, parse_server_url, server_address, try_server
from ui.first_run.fields import line_edit
from ui.words import one_line, spoken


class ServerPage(QWidget):
    """Where the studio's server is; `tested()` holds the address once a test succeeded with
    exactly what is typed now."""

    #: Whether the form may be saved now (tested, unchanged since).
    completeness_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tested: tuple[ServerAddress, str] | None = None
        self._filling = False
        self._setup_ui()
        self._connect_signals()
        self._on_field_edited()

    def _setup_ui(self) -> None:
        self.setObjectName("connectServerPage")
        self._url = line_edit(self, "serverUrlInput", self.tr("Server URL"),
                              self.tr("postgresql://user:password@host:5432/studio (or fill in below)"))
        self._host = line_edit(self, "serverHostInput", self.tr("Server"),
                               self.tr("name or address of the server"))
        self._port = line_edit(self, "serverPortInput", self.tr("Port"), str(DEFAULT_PORT))
        self._port.setValidator(QIntValidator(1, 65535, self._port))
        self._port.setMaximumWidth(90)
        self._database = line_edit(self, "serverDatabaseInput", self.tr("Database"),
                                   self.tr("the studio's database"))
        self._user = line_edit(self, "serverUserInput", self.tr("User"),
                               self.tr("user name on the server"))
        self._password = line_edit(self, "serverPasswordInput", self.tr("Password"), "")
        self._password.setEchoMode(QLineEdit.EchoMode.Password)

        server_row = QHBoxLayout()
        server_row.addWidget(self._host, 1)
        server_row.addWidget(QLabel(self.tr("Po&rt"), self))
        server_row.addWidget(self._port)
        server_row.itemAt(1).widget().setBuddy(self._port)
        server_label = QLabel(self.tr("S&erver"), self)
        server_label.setBuddy(self._host)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&URL"), self._url)
        form.addRow(server_label, server_row)
        form.addRow(self.tr("Data&base"), self._database)
        form.addRow(self.tr("U&ser"), self._user)
        form.addRow(self.tr("Pass&word"), self._password)

        self._test = QPushButton(self.tr("&Test connection"), self)
        self._test.setObjectName("testConnectionButton")
        self._test.setAutoDefault(False)
        test_row = QHBoxLayout()
        test_row.addWidget(self._test)
        test_row.addStretch(1)

        self._result = QLabel(self)
        self._result.setObjectName("connectionResult")
        self._result.setWordWrap(True)
        self._result.setTextFormat(Qt.TextFormat.PlainText)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._result.setAccessibleName(self.tr("Connection test"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self._result)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self._url.textEdited.connect(self._on_url_edited)
        self._url.editingFinished.connect(self._on_url_editing_finished)
        for edit in (self._host, self._port, self._database, self._user, self._password):
            edit.textChanged.connect(self._on_field_edited)
        self._test.clicked.connect(self._on_test_clicked)

    # --- public --------------------------------------------------------------------------------

    def tested(self) -> tuple[ServerAddress, str] | None:
        """The address and password last tested successfully, while they are still what is typed."""
        return self._tested

    def show_result(self, text: str, state: str = "info") -> None:
        """Show a line under the test button (the result of a test, where a password was kept)."""
        self._result.setText(text)
        self._result.setProperty("role", "notice")
        self._result.setProperty("state", state)
        self._result.style().unpolish(self._result)
        self._result.style().polish(self._result)

    def focus_first(self) -> None:
        """Put the cursor in the URL."""
        self._url.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- slots ---------------------------------------------------------------------------------

    @Slot(str)
    def _on_url_edited(self, text: str) -> None:
        if not text.strip():
            return
        try:
            address, password = parse_server_url(text)
        except InvalidInput as error:
            self._show_muted(self.tr("The URL is not complete yet: {problem}.").format(
                problem=spoken(error)))
            return
        self._filling = True
        self._host.setText(address.host)
        self._port.setText(str(address.port))
        self._database.setText(address.database)
        self._user.setText(address.user)
        if password is not None:
            self._password.setText(password)
        self._filling = False
        self._on_field_edited()

    @Slot()
    def _on_url_editing_finished(self) -> None:
        # The password has gone to its own hidden field: it is not left readable in the URL.
        try:
            address, password = parse_server_url(self._url.text())
        except InvalidInput:
            return
        if password is not None:
            self._url.setText(address.url(None).split("?", 1)[0])

    @Slot()
    def _on_field_edited(self) -> None:
        if self._filling:
            return
        self._tested = None
        try:
            self._address()
        except InvalidInput as error:
            problem = spoken(error)
            self._show_muted(f"{problem[:1].upper()}{problem[1:]}.")
            self._test.setEnabled(False)
        else:
            self._show_muted(self.tr("Test the connection before saving it."))
            self._test.setEnabled(True)
        self.completeness_changed.emit(False)

    @Slot()
    def _on_test_clicked(self) -> None:
        address = self._address()
        password = self._password.text()
        self.show_result(self.tr("Connecting to {server}…").format(server=address.host))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = try_server(address, password or None)
        except OptInDeskError as error:
            self.show_result(self.tr("Could not use it: {problem}").format(
                problem=one_line(error)), "locked")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._tested = (address, password)
        self.show_result(self.tr("{found} You may save it.").format(found=spoken(found)))
        self.completeness_changed.emit(True)

    # --- private -------------------------------------------------------------------------------

    def _address(self) -> ServerAddress:
        return server_address(self._host.text(), self._port.text() or DEFAULT_PORT,
                              self._database.text(), self._user.text())

    def _show_muted(self, text: str) -> None:
        self._result.setText(text)
        self._result.setProperty("role", "muted")
        self._result.setProperty("state", None)
        self._result.style().unpolish(self._result)
        self._result.style().polish(self._result)

