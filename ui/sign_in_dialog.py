"""Sign-in: a staff member picks their name and types their PIN (R15).

A wrong PIN is refused inline, saying how many tries are left or until when sign-in is
locked; the model layer counts the tries and locks, the dialog only shows what it says.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import NotFound, OptInDeskError, SignInRefused
from models.staff import SignedIn, list_staff, sign_in
from resources import icon
from ui.widgets.app_heading import app_heading
from ui.words import ROLE_LABELS, one_line, spoken


class SignInDialog(QDialog):
    """Pick a staff member, type the PIN; `signed_in_staff()` after it is accepted."""

    def __init__(self, parent: QWidget | None = None, *, demo_hint: str | None = None,
                 staff_id: int | None = None) -> None:
        super().__init__(parent)
        self._signed_in: SignedIn | None = None
        self._demo_hint = demo_hint
        self._setup_ui()
        self._connect_signals()
        self._load_staff(staff_id)

    def _setup_ui(self) -> None:
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in — Opt-In Desk"))
        self.setWindowIcon(icon("app"))
        self.setModal(True)

        heading = app_heading(self, "Opt-In Desk", self.tr("Sign in with your own PIN."))

        self._hint = QLabel(self)
        self._hint.setObjectName("demoHint")
        self._hint.setProperty("role", "notice")
        self._hint.setProperty("state", "info")
        self._hint.setWordWrap(True)
        self._hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint.setText(spoken(self._demo_hint or ""))  # a model sentence, or a plain text
        self._hint.setVisible(bool(self._demo_hint))

        self._staff = QComboBox(self)
        self._staff.setObjectName("staffPicker")
        self._staff.setAccessibleName(self.tr("Staff member"))
        self._staff.setMinimumContentsLength(24)
        self._staff.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self._pin = QLineEdit(self)
        self._pin.setObjectName("pinInput")
        self._pin.setAccessibleName(self.tr("PIN"))
        self._pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin.setMaxLength(8)
        self._pin.setPlaceholderText(self.tr("4 to 8 digits"))
        self._pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self._pin))
        self._pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                                      | Qt.InputMethodHint.ImhSensitiveData
                                      | Qt.InputMethodHint.ImhNoPredictiveText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Staff member"), self._staff)
        form.addRow(self.tr("&PIN"), self._pin)

        self._error = QLabel(self)
        self._error.setObjectName("signInError")
        self._error.setProperty("role", "notice")
        self._error.setProperty("state", "locked")
        self._error.setWordWrap(True)
        self._error.setAccessibleName(self.tr("Sign-in problem"))
        self._error.hide()

        self._buttons = QDialogButtonBox(self)
        self._sign_in = self._buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._sign_in.setObjectName("signInButton")
        self._sign_in.setDefault(True)
        self._sign_in.setAutoDefault(True)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self._hint)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        # The dialog takes the size its contents need, growing when a refusal appears.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        for label in (self._hint, self._error):
            label.setFixedWidth(440)

    def _connect_signals(self) -> None:
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        self._staff.currentIndexChanged.connect(self._on_staff_current_index_changed)

    # --- public --------------------------------------------------------------------------------

    def signed_in_staff(self) -> SignedIn | None:
        """Who signed in, once the dialog was accepted; None before or after Cancel."""
        return self._signed_in

    def error_text(self) -> str:
        """The refusal shown under the PIN, or "" when none is."""
        return self._error.text() if self._error.isVisibleTo(self) else ""

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_buttons_accepted(self) -> None:
        staff_id = self._staff.currentData()
        pin = self._pin.text()
        if staff_id is None:
            self._show_error(self.tr("Choose your name first."))
            return
        if len(pin) < 4:
            self._show_error(self.tr("Type your PIN: 4 to 8 digits."))
            return
        try:
            who = sign_in(staff_id, pin)
        except SignInRefused as error:
            self._show_error(one_line(error))
            return
        except NotFound:
            self._show_error(self.tr("That staff account no longer exists. Choose your name again."))
            self._load_staff(None)
            return
        except OptInDeskError as error:
            self._show_error(one_line(error))
            return
        self._signed_in = who
        self.accept()

    @Slot(int)
    def _on_staff_current_index_changed(self, _index: int) -> None:
        self._error.hide()
        self._pin.clear()

    # --- private -------------------------------------------------------------------------------

    def _load_staff(self, preselect: int | None) -> None:
        try:
            staff = list_staff()
        except OptInDeskError as error:
            staff = []
            self._show_error(one_line(error))
        self._staff.blockSignals(True)
        self._staff.clear()
        for member in staff:
            self._staff.addItem(icon("user"), self.tr("{name} — {role}").format(
                name=member.name, role=ROLE_LABELS[member.role]), member.staff_id)
        if preselect is not None and (index := self._staff.findData(preselect)) >= 0:
            self._staff.setCurrentIndex(index)
        self._staff.blockSignals(False)
        if not staff and not self._error.isVisibleTo(self):
            self._show_error(self.tr("This database has no staff accounts yet. Create the owner's "
                                     "with “{command}”.").format(
                command="optin-desk init --owner-name NAME --owner-pin PIN"), focus=False)
        self._sign_in.setEnabled(bool(staff))
        self._pin.setEnabled(bool(staff))
        self._pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_error(self, text: str, *, focus: bool = True) -> None:
        self._error.setText(text)
        self._error.show()
        self._pin.clear()
        if focus:
            self._pin.setFocus(Qt.FocusReason.OtherFocusReason)
