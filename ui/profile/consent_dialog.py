"""The dialog that records how a client consented, before a switch is turned on (R4)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.consent import CONSENT_METHODS
from ui.widgets.switch_dialog_top import add_switch_dialog_top
from ui.words import spoken

#: The longest note the dialog takes; the record keeps notes short and readable.
NOTE_MAX_LENGTH = 500


@dataclass(frozen=True, slots=True)
class ConsentAnswer:
    """How the client consented (a key of CONSENT_METHODS) and the staff member's note."""

    method: str
    note: str | None = None


class ConsentDialog(QDialog):
    """Asks how the client consented (none preselected) and for an optional note.

    "Record consent" stays disabled until a method is chosen. Use ``ConsentDialog.ask()``:
    tests replace that classmethod to answer without a dialog.
    """

    def __init__(self, client_name: str, switch_name: str, parent: QWidget | None = None, *,
                 warning: str | None = None) -> None:
        super().__init__(parent)
        self._client_name = client_name
        self._switch_name = switch_name
        self._warning = warning
        self._methods = QButtonGroup(self)
        self._method_keys: dict[int, str] = {}
        self._note = QLineEdit(self)
        self._buttons = QDialogButtonBox(self)
        self._record: QPushButton = self._buttons.addButton(
            self.tr("Record consent"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._setup_ui()
        self._connect_signals()
        # The question comes first: the keyboard starts on the first way to consent (arrows
        # move, Space picks, Enter records), not on the optional note below it.
        self._methods.button(0).setFocus()

    def _setup_ui(self) -> None:
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Record consent"))
        self.setModal(True)
        self.setMinimumWidth(440)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        add_switch_dialog_top(
            layout, self, heading=self.tr("Turn on {switch} for {name}").format(
                switch=self._switch_name, name=self._client_name),
            warning=self._warning, warning_name="consentWarning",
            explanation=self.tr("This records the client's consent to be contacted, with how "
                                "they gave it. It is kept in their consent record."))

        box = QGroupBox(self.tr("How did the client consent?"), self)
        box.setObjectName("consentMethods")
        column = QVBoxLayout(box)
        column.setSpacing(6)
        self._methods.setExclusive(True)
        for number, (key, label) in enumerate(CONSENT_METHODS.items()):
            radio = QRadioButton(spoken(label), box)
            radio.setObjectName(f"method_{key}")
            self._methods.addButton(radio, number)
            self._method_keys[number] = key
            column.addWidget(radio)
        layout.addWidget(box)
        layout.addSpacing(2)

        note_label = QLabel(self.tr("&Note (optional)"), self)
        note_label.setBuddy(self._note)
        self._note.setObjectName("consentNote")
        self._note.setPlaceholderText(self.tr("e.g. signed the membership form at the front desk"))
        self._note.setMaxLength(NOTE_MAX_LENGTH)
        self._note.setClearButtonEnabled(True)
        layout.addWidget(note_label)
        layout.addWidget(self._note)

        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._record.setObjectName("recordConsent")
        self._record.setEnabled(False)
        self._record.setDefault(True)
        layout.addSpacing(4)
        layout.addWidget(self._buttons)

    def _connect_signals(self) -> None:
        self._methods.idToggled.connect(self._on_methods_id_toggled)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

    # -- public API -----------------------------------------------------------------------

    @classmethod
    def ask(cls, parent: QWidget | None, *, client_name: str, switch_name: str,
            warning: str | None = None) -> ConsentAnswer | None:
        """Show the dialog, with `warning` above the choices when there is one; return the
        answer, or None if the staff member cancelled.

        The replaceable hook of the profile: a test replaces it to answer without a dialog.
        """
        dialog = cls(client_name, switch_name, parent, warning=warning)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.answer()
        finally:
            dialog.deleteLater()

    def method(self) -> str | None:
        """The chosen method (a key of CONSENT_METHODS), or None while none is chosen."""
        return self._method_keys.get(self._methods.checkedId())

    def set_method(self, key: str) -> None:
        """Choose a method, as a click on its radio button would."""
        for number, method in self._method_keys.items():
            if method == key:
                self._methods.button(number).setChecked(True)
                return
        raise ValueError(f"unknown consent method {key!r}")

    def note(self) -> str | None:
        """The note, trimmed; None when empty."""
        return self._note.text().strip() or None

    def set_note(self, text: str) -> None:
        """Type a note."""
        self._note.setText(text)

    def answer(self) -> ConsentAnswer | None:
        """The answer as it stands: None until a method is chosen."""
        method = self.method()
        return None if method is None else ConsentAnswer(method, self.note())

    def record_button(self) -> QPushButton:
        """The "Record consent" button (disabled until a method is chosen)."""
        return self._record

    # -- slots ----------------------------------------------------------------------------

    @Slot(int, bool)
    def _on_methods_id_toggled(self, _number: int, _checked: bool) -> None:
        self._record.setEnabled(self.method() is not None)

    # -- Qt overrides ---------------------------------------------------------------------

    def accept(self) -> None:
        """Close with the answer, but only once a method is chosen (R4)."""
        if self.method() is None:
            return
        super().accept()
