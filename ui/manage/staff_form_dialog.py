"""The small form of the Staff accounts view: a new staff member (name, role, PIN twice), or a
new PIN for one (PIN twice). It checks what it can before closing; the model layer checks
everything again (R15)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRegularExpression, Qt, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import InvalidInput
from models.staff import Role, validate_pin
from resources import icon
from ui.words import ROLE_LABELS

_PIN_PATTERN = r"\d{0,8}"
_ROLE_HELP = {
    Role.EMPLOYEE: QT_TRANSLATE_NOOP("StaffFormDialog", "Finds clients, changes their opt-ins "
                                     "within the rules, works the review queue."),
    Role.MANAGER: QT_TRANSLATE_NOOP("StaffFormDialog", "All an employee does, plus studio AI "
                                    "settings, reports and the audit log."),
    Role.OWNER: QT_TRANSLATE_NOOP("StaffFormDialog", "Everything, and manages staff accounts."),
}


@dataclass(frozen=True, slots=True)
class StaffFormValues:
    """What the form was filled in with."""

    name: str
    role: Role
    pin: str


class StaffFormDialog(QDialog):
    """Add a staff member (`name=None`) or give `name` a new PIN."""

    def __init__(self, parent: QWidget | None = None, *, name: str | None = None) -> None:
        super().__init__(parent)
        self._reset_for = name
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("staffForm")
        adding = self._reset_for is None
        self.setWindowTitle(self.tr("Add staff member") if adding
                            else self.tr("Reset PIN — {name}").format(name=self._reset_for))
        self.setWindowIcon(icon("users" if adding else "lock"))

        intro = QLabel(self.tr("Each person signs in with their own PIN of 4 to 8 digits. Tell "
                               "them the PIN in person; it is stored only as a salted hash.")
                       if adding else
                       self.tr("A new PIN for {name}. Their old PIN stops working at once, and "
                               "a sign-in locked by wrong PINs is unlocked.").format(
                                   name=self._reset_for), self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self._name = QLineEdit(self)
        self._name.setObjectName("staffName")
        self._name.setMaxLength(120)
        self._name.setPlaceholderText(self.tr("First and last name"))
        self._role = QComboBox(self)
        self._role.setObjectName("staffRole")
        for role in (Role.EMPLOYEE, Role.MANAGER, Role.OWNER):
            self._role.addItem(ROLE_LABELS[role], role.value)
            self._role.setItemData(self._role.count() - 1, _help(role),
                                   Qt.ItemDataRole.ToolTipRole)
        self._role_help = QLabel(_help(Role.EMPLOYEE), self)
        self._role_help.setProperty("role", "muted")
        self._role_help.setWordWrap(True)
        validator = QRegularExpressionValidator(QRegularExpression(_PIN_PATTERN), self)
        self._pin = QLineEdit(self)
        self._pin.setObjectName("staffPin")
        self._pin_again = QLineEdit(self)
        self._pin_again.setObjectName("staffPinAgain")
        for edit in (self._pin, self._pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setValidator(validator)
            edit.setMaxLength(8)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                                     | Qt.InputMethodHint.ImhSensitiveData)
        self._pin.setAccessibleName(self.tr("PIN"))
        self._pin_again.setAccessibleName(self.tr("PIN again"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        if adding:
            form.addRow(self.tr("&Name"), self._name)
            form.addRow(self.tr("&Role"), self._role)
            form.addRow("", self._role_help)
        else:
            self._name.hide()
            self._role.hide()
            self._role_help.hide()
        form.addRow(self.tr("&PIN") if adding else self.tr("New &PIN"), self._pin)
        form.addRow(self.tr("PIN &again"), self._pin_again)

        self._error = QLabel(self)
        self._error.setObjectName("staffFormError")
        self._error.setProperty("role", "notice")
        self._error.setProperty("state", "warning")
        self._error.setWordWrap(True)
        self._error.hide()

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel, self)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Add staff member") if adding else self.tr("Reset PIN"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(440)

    def _connect_signals(self) -> None:
        self._role.currentIndexChanged.connect(self._on_role_current_index_changed)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)

    # --- public --------------------------------------------------------------------------------

    def fill(self, name: str = "", role: Role | str = Role.EMPLOYEE, pin: str = "",
             pin_again: str | None = None) -> None:
        """Fill the form in as a person would type it (for tests and scripts)."""
        self._name.setText(name)
        self._role.setCurrentIndex(self._role.findData(Role(role).value))
        self._pin.setText(pin)
        self._pin_again.setText(pin if pin_again is None else pin_again)

    def values(self) -> StaffFormValues:
        """What the form holds."""
        return StaffFormValues(" ".join(self._name.text().split()), Role(self._role.currentData()),
                               self._pin.text())

    def error(self) -> str:
        """Why the form did not close ('' when it has said nothing)."""
        return self._error.text() if not self._error.isHidden() else ""

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int)
    def _on_role_current_index_changed(self, _index: int) -> None:
        self._role_help.setText(_help(Role(self._role.currentData())))
        self._fit_height()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problem = self._problem()
        if problem:
            self._error.setText(problem)
            self._error.show()
            self._fit_height()
            return
        self.accept()

    # --- private -------------------------------------------------------------------------------

    def _fit_height(self) -> None:
        """Grow to what the wrapped text needs at this width, rather than squeeze the form."""
        needed = self.heightForWidth(self.width())
        if needed > 0:
            self.setMinimumHeight(needed)

    def _problem(self) -> str:
        if self._reset_for is None and not self.values().name:
            self._name.setFocus()
            return self.tr("Enter the staff member's name.")
        try:
            validate_pin(self._pin.text())
        except InvalidInput:
            self._pin.setFocus()
            return self.tr("A PIN is 4 to 8 digits.")
        if self._pin.text() != self._pin_again.text():
            self._pin_again.clear()
            self._pin_again.setFocus()
            return self.tr("The two PINs differ. Type the PIN again.")
        return ""


def _help(role: Role) -> str:
    """What a role may do, in the window's language."""
    return QCoreApplication.translate("StaffFormDialog", _ROLE_HELP[role])
