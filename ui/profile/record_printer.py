"""Print / Save as PDF on a client's profile: their consent record for a dispute (R14).

The button (objectName ``printRecordButton``) saves the record as a PDF; its menu also offers
printing on paper where Qt's print support is installed. Ctrl+P (the platform's Print key)
saves too. The model layer reads the record and checks the role (managers and owners, R15);
`ui.record_pdf` draws it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from models.errors import OptInDeskError
from models.record import ClientRecord, record_for
from models.staff import Role, has_role
from ui.app_events import app_events
from ui.record_pdf import paint_record, write_record_pdf
from ui.session import signed_in
from ui.words import spoken

try:  # QtPrintSupport is part of PySide6-Essentials, but a trimmed build may lack it
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
except ImportError:  # pragma: no cover - depends on the installed Qt
    QPrintDialog = QPrinter = None  # type: ignore[assignment,misc]

_SAFE_NAME = re.compile(r"[^\w.-]+")


class RecordPrinter(QObject):
    """The profile's "Print / Save as PDF…" button and its actions, for one client at a time."""

    #: Whether paper printing is offered (QtPrintSupport present).
    can_print: ClassVar[bool] = QPrinter is not None

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._client_id: int | None = None
        self._client_name = ""
        self.save_action = QAction(self.tr("Save as PDF…"), parent)
        self.print_action = QAction(self.tr("Print…"), parent)
        self._button = QToolButton(parent)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.save_action.setObjectName("saveRecordPdfAction")
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.save_action.setStatusTip(
            self.tr("Save this client's consent record, for a dispute, as a PDF"))
        self.print_action.setObjectName("printRecordAction")
        self.print_action.setStatusTip(self.tr("Print this client's consent record"))
        self.print_action.setVisible(self.can_print)
        self._parent.addAction(self.save_action)  # Ctrl+P wherever the profile's window has focus
        menu = QMenu(self._button)
        menu.addAction(self.save_action)
        menu.addAction(self.print_action)
        self._button.setObjectName("printRecordButton")
        self._button.setText(self.tr("Print / Save as PDF…"))
        self._button.setToolTip(self.tr(
            "The client's consent record for a dispute: identity, state, every event, the check "
            "of the record and its checkpoint (Ctrl+P)"))
        self._button.setMenu(menu)
        self._button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.set_client(None, "")

    def _connect_signals(self) -> None:
        self._button.clicked.connect(self.save_action.trigger)
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.print_action.triggered.connect(self._on_print_action_triggered)

    # -- public API -----------------------------------------------------------------------

    def button(self) -> QToolButton:
        """The button the profile shows in its header."""
        return self._button

    def set_client(self, client_id: int | None, name: str) -> None:
        """The client whose record the button prints (None: nothing to print)."""
        self._client_id = client_id
        self._client_name = name
        # Managers and owners, like the audit export (R15); the model layer checks it again.
        allowed = client_id is not None and has_role(signed_in(), Role.MANAGER)
        for widget in (self._button, self.save_action, self.print_action):
            widget.setEnabled(allowed)
        self._button.setVisible(client_id is not None)

    def save_pdf(self) -> Path | None:
        """Ask where, then write the record there; the file written, or None."""
        if self._client_id is None:
            return None
        suggested = _SAFE_NAME.sub("-", f"consent-record-{self._client_name}").strip("-") + ".pdf"
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = self.ask_save_path(self._parent, str(Path(folder) / suggested))
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        record = self._read()
        if record is None:
            return None
        try:
            pages = write_record_pdf(record, path)
        except OSError as error:
            self.show_warning(self._parent, self.tr("Could not save {file}: {error}").format(
                file=path.name, error=error.strerror or error))
            return None
        app_events().status_message.emit(self.tr(
            "Saved {name}'s consent record to {file} (%n page(s))", "", pages).format(
            name=record.name, file=path.name))
        return path

    def print_record(self) -> bool:
        """Ask for a printer, then print the record; whether it was sent."""
        if self._client_id is None or QPrinter is None:
            return False
        printer = self.ask_printer(self._parent)
        if printer is None:
            return False
        record = self._read()
        if record is None:
            return False
        try:
            pages = paint_record(record, printer)
        except OSError as error:
            self.show_warning(self._parent, self.tr("Could not print: {error}").format(error=error))
            return False
        app_events().status_message.emit(self.tr(
            "Printed {name}'s consent record (%n page(s))", "", pages).format(name=record.name))
        return True

    # -- replaceable dialogs (tests monkeypatch these) ---------------------------------------

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        """Where to save the PDF, or "" when the person cancels."""
        path, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("RecordPrinter", "Save consent record as PDF"),
            suggested, QCoreApplication.translate("RecordPrinter", "PDF files (*.pdf)"))
        return path

    @classmethod
    def ask_printer(cls, parent: QWidget) -> object | None:
        """A QPrinter the person chose and set up, or None."""
        assert QPrinter is not None and QPrintDialog is not None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("RecordPrinter", "Print consent record"))
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        dialog.deleteLater()
        return printer if accepted else None

    @classmethod
    def show_warning(cls, parent: QWidget, text: str) -> None:
        """The record was not saved or printed; `text` says why."""
        QMessageBox.warning(parent, QCoreApplication.translate("RecordPrinter", "Consent record"),
                            text)

    # -- slots ----------------------------------------------------------------------------

    @Slot()
    def _on_save_action_triggered(self) -> None:
        self.save_pdf()

    @Slot()
    def _on_print_action_triggered(self) -> None:
        self.print_record()

    # -- helpers --------------------------------------------------------------------------

    def _read(self) -> ClientRecord | None:
        staff = signed_in()
        if staff is None or self._client_id is None:
            self.show_warning(self._parent,
                              self.tr("Sign in to print a client's consent record."))
            return None
        try:
            return record_for(staff, self._client_id)
        except OptInDeskError as error:
            self.show_warning(self._parent, spoken(error))
            return None
