"""The dialog before a switch is turned off: how the client asked, and a note (R3, R20).

An opt-out is never refused and never needs an answer: both fields are optional, and
"Turn off" is the default button. Turning All off says first what that blocks (R3).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.consent import OPT_OUT_METHODS
from ui.profile.consent_dialog import NOTE_MAX_LENGTH
from ui.widgets.switch_dialog_top import add_switch_dialog_top
from ui.words import spoken


@dataclass(frozen=True, slots=True)
class OptOutAnswer:
    """How the client asked (a key of OPT_OUT_METHODS, or None: not said) and a note."""

    method: str | None = None
    note: str | None = None


class OptOutDialog(QDialog):
    """Turn off a switch: an optional "how did the client ask?" and note, then Turn off.

    Use ``OptOutDialog.ask()``: tests replace that classmethod to answer without a dialog.
    """

    def __init__(self, client_name: str, switch_name: str, warning: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._client_name = client_name
        self._switch_name = switch_name
        self._warning = warning
        self._method = QComboBox(self)
        self._note = QLineEdit(self)
        self._buttons = QDialogButtonBox(self)
        self._turn_off: QPushButton = self._buttons.addButton(
            self.tr("Turn off"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._setup_ui()
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

    def _setup_ui(self) -> None:
        self.setObjectName("optOutDialog")
        self.setWindowTitle(self.tr("Turn off"))
        self.setModal(True)
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        add_switch_dialog_top(
            layout, self, heading=self.tr("Turn off {switch} for {name}").format(
                switch=self._switch_name, name=self._client_name),
            warning=self._warning, warning_name="optOutWarning",
            explanation=self.tr("An opt-out is always recorded. Saying how the client asked is "
                                "optional; it is kept with the change in their consent record."))

        form = QFormLayout()
        self._method.setObjectName("optOutMethod")
        self._method.addItem(self.tr("Not said"), None)
        for key, label in OPT_OUT_METHODS.items():
            self._method.addItem(spoken(label), key)
        self._note.setObjectName("optOutNote")
        self._note.setPlaceholderText(self.tr("e.g. asked at the front desk: no more promotions"))
        self._note.setMaxLength(NOTE_MAX_LENGTH)
        self._note.setClearButtonEnabled(True)
        form.addRow(self.tr("&How the client asked:"), self._method)
        form.addRow(self.tr("&Note (optional):"), self._note)
        layout.addLayout(form)

        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._turn_off.setObjectName("confirmOptOut")
        self._turn_off.setDefault(True)
        layout.addWidget(self._buttons)
        self._method.setFocus(Qt.FocusReason.OtherFocusReason)  # the keyboard starts at the choice

    # -- public API -----------------------------------------------------------------------

    @classmethod
    def ask(cls, parent: QWidget | None, *, client_name: str, switch_name: str,
            warning: str | None = None) -> OptOutAnswer | None:
        """Show the dialog; the answer, or None if the staff member cancelled.

        The replaceable hook of the profile: a test replaces it to answer without a dialog.
        """
        dialog = cls(client_name, switch_name, warning, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.answer()
        finally:
            dialog.deleteLater()

    def answer(self) -> OptOutAnswer:
        """The answer as it stands."""
        return OptOutAnswer(self._method.currentData(), self._note.text().strip() or None)
