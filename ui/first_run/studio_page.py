"""The first-run window's *Create my studio* page: the studio's name and time zone, its owner
and PIN (twice), checked as they are typed by the model layer's own checks."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimeZone, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLabel, QVBoxLayout, QWidget

from models.errors import InvalidInput
from models.settings import time_zone_names, validate_studio_name, validate_time_zone
from models.staff import validate_pin, validate_staff_name
from ui.first_run.fields import line_edit, pin_edit
from ui.words import spoken

#: Shown where the computer's own time zone is not an IANA name Opt-In Desk knows.
FALLBACK_TIME_ZONE = "America/New_York"


class StudioPage(QWidget):
    """The form of a new studio; `problem()` is "" when it may be created."""

    #: Whether the form may be submitted now.
    completeness_changed = Signal(bool)

    def __init__(self, database_place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database_place = database_place
        self._setup_ui()
        self._connect_signals()
        self._on_any_edited()

    def _setup_ui(self) -> None:
        self.setObjectName("createStudioPage")
        self._studio_name = line_edit(self, "studioNameInput", self.tr("Studio name"),
                                       self.tr("e.g. Sunrise Yoga"))
        self._studio_name.setMaxLength(120)

        self._time_zone = QComboBox(self)
        self._time_zone.setObjectName("timeZonePicker")
        self._time_zone.setAccessibleName(self.tr("Time zone"))
        self._time_zone.setEditable(True)
        self._time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._time_zone.addItems(time_zone_names())
        completer = self._time_zone.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "york" finds America/New_York
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._time_zone.setCurrentText(computer_time_zone())

        self._owner_name = line_edit(self, "ownerNameInput", self.tr("Owner's name"),
                                      self.tr("your own name"))
        self._owner_name.setMaxLength(120)
        self._pin = pin_edit(self, "ownerPinInput", self.tr("PIN"), self.tr("4 to 8 digits"))
        self._pin_again = pin_edit(self, "ownerPinAgainInput", self.tr("PIN again"),
                                   self.tr("the same PIN"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Studio &name"), self._studio_name)
        form.addRow(self.tr("&Time zone"), self._time_zone)
        form.addRow(self.tr("&Owner's name"), self._owner_name)
        form.addRow(self.tr("Owner's &PIN"), self._pin)
        form.addRow(self.tr("PIN &again"), self._pin_again)

        self._problem = QLabel(self)
        self._problem.setObjectName("studioProblem")
        self._problem.setProperty("role", "muted")
        self._problem.setWordWrap(True)
        self._problem.setAccessibleName(self.tr("What is still needed"))

        where = QLabel(self.tr("The studio's records are kept on this computer, in {place}. "
                               "The owner signs in with this PIN and adds the staff.").format(
                                   place=self._database_place), self)
        where.setObjectName("studioPlace")
        where.setProperty("role", "muted")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self._problem)
        layout.addWidget(where)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        for edit in (self._studio_name, self._owner_name, self._pin, self._pin_again):
            edit.textChanged.connect(self._on_any_edited)
        self._time_zone.currentTextChanged.connect(self._on_any_edited)

    # --- public --------------------------------------------------------------------------------

    def problem(self) -> str:
        """The first thing to fix or fill in, in words; "" when the form is complete."""
        try:
            validate_studio_name(self._studio_name.text())
        except InvalidInput:
            return self.tr("Type the studio's name.")
        try:
            validate_time_zone(self._time_zone.currentText())
        except InvalidInput as error:
            return self.tr("Choose the studio's time zone from the list: {problem}.").format(
                problem=spoken(error))
        try:
            validate_staff_name(self._owner_name.text())
        except InvalidInput:
            return self.tr("Type the owner's name.")
        try:
            validate_pin(self._pin.text())
        except InvalidInput:
            return self.tr("Choose the owner's PIN: 4 to 8 digits.")
        if self._pin_again.text() != self._pin.text():
            return (self.tr("Type the same PIN again.")
                    if len(self._pin_again.text()) < len(self._pin.text())
                    else self.tr("The two PINs differ: type the same PIN again."))
        return ""

    def values(self) -> tuple[str, str, str, str]:
        """Studio name, time zone, owner's name and PIN, as typed."""
        return (self._studio_name.text(), self._time_zone.currentText().strip(),
                self._owner_name.text(), self._pin.text())

    def focus_first(self) -> None:
        """Put the cursor in the studio's name."""
        self._studio_name.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_any_edited(self) -> None:
        problem = self.problem()
        self._problem.setText(problem or self.tr("Ready: the studio can be created."))
        self.completeness_changed.emit(not problem)


def computer_time_zone() -> str:
    """This computer's time zone as an IANA name (Qt maps Windows' names), where known."""
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return validate_time_zone(zone)
    except InvalidInput:
        return FALLBACK_TIME_ZONE

