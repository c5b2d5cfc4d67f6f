"""Which column holds what, for a message log whose columns no known layout has (File ▸
Import message log): one choice of the file's columns per field, checked by the model layer
before the dialog closes."""

from __future__ import annotations

from typing import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models.errors import InvalidInput
from models.message_layout import FIELDS, REQUIRED_FIELDS, mapped_layout
from ui.widgets.remembered_size import remember_size
from ui.words import one_line

#: Each field as staff read it, in English (translated where shown).
FIELD_LABELS: Mapping[str, str] = {
    "from": QT_TRANSLATE_NOOP("ColumnMappingDialog", "From (who sent the text)"),
    "to": QT_TRANSLATE_NOOP("ColumnMappingDialog", "To (who received it)"),
    "body": QT_TRANSLATE_NOOP("ColumnMappingDialog", "Message text"),
    "time": QT_TRANSLATE_NOOP("ColumnMappingDialog", "Sent or received at"),
    "direction": QT_TRANSLATE_NOOP("ColumnMappingDialog", "Direction (inbound or outbound)"),
    "sid": QT_TRANSLATE_NOOP("ColumnMappingDialog", "Message id"),
    "status": QT_TRANSLATE_NOOP("ColumnMappingDialog", "Status")}
#: Column names that usually hold a field, lower case, for a first guess.
_GUESSES: Mapping[str, tuple[str, ...]] = {
    "from": ("from", "sender", "phone", "from number"), "to": ("to", "recipient", "to number"),
    "body": ("body", "message", "text", "content"),
    "time": ("date sent", "sent", "sentdate", "date", "time", "timestamp", "received"),
    "direction": ("direction", "type"), "sid": ("sid", "message sid", "message id", "id"),
    "status": ("status",)}


class ColumnMappingDialog(QDialog):
    """Choose, for each field of a text, the column of the file that holds it."""

    def __init__(self, file_name: str, header: Sequence[str], parent: QWidget | None = None,
                 mapping: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self._file_name = file_name
        self._header = [name for name in header if name]
        self._start = dict(mapping) if mapping is not None else _guess(self._header)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("columnMappingDialog")
        remember_size(self)
        self.setWindowTitle(self.tr("Import message log — choose columns"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("<b>{file}</b> is not a message log this program knows. Choose "
                               "which column holds each part of a text; the choice is kept for "
                               "the next file with the same columns.").format(
            file=self._file_name), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self._combos: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"mapping_{field}")
            combo.addItem(self.tr("(none)", "no column") if field not in REQUIRED_FIELDS
                          else self.tr("(choose a column)"), "")
            for name in self._header:
                combo.addItem(name, name)
            chosen = combo.findData(self._start.get(field, ""))
            combo.setCurrentIndex(max(chosen, 0))
            label = (QCoreApplication.translate("ColumnMappingDialog", FIELD_LABELS[field])
                     + (" *" if field in REQUIRED_FIELDS else ""))
            form.addRow(label, combo)
            self._combos[field] = combo
        layout.addLayout(form)
        note = QLabel(self.tr("* needed. Without a direction every text is read as inbound."),
                      self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self._error = QLabel(self)
        self._error.setObjectName("mappingError")
        self._error.setWordWrap(True)
        self._error.setProperty("state", "error")
        self._error.hide()
        layout.addWidget(self._error)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel, self)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        layout.addWidget(self._buttons)
        self.setMinimumWidth(480)

    def _connect_signals(self) -> None:
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)

    # --- public --------------------------------------------------------------------------------

    def mapping(self) -> dict[str, str]:
        """{field: column} for every field given a column."""
        return {field: combo.currentData() for field, combo in self._combos.items()
                if combo.currentData()}

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            mapped_layout(self.mapping(), self._header)
        except InvalidInput as error:
            reason = one_line(error)
            self._error.setText(reason[:1].upper() + reason[1:] + ".")
            self._error.show()
            return
        self.accept()


def _guess(header: Sequence[str]) -> dict[str, str]:
    """A first choice for each field: the first column whose name usually holds it."""
    lower = {name.strip().lower(): name for name in header}
    guess: dict[str, str] = {}
    for field, names in _GUESSES.items():
        for name in names:
            if name in lower and lower[name] not in guess.values():
                guess[field] = lower[name]
                break
    return guess
