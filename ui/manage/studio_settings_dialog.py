"""Studio settings (owner): after how many idle minutes an unattended desk locks itself.

The model layer checks the role and the range and records the change (R14, R15); the dialog
shows what it says.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.errors import OptInDeskError, StaleData
from models.settings import IDLE_LOCK_RANGE, load_studio, set_idle_lock_minutes
from resources import icon
from ui.app_events import app_events
from ui.session import current_staff
from ui.widgets.notice_label import NoticeLabel
from ui.widgets.remembered_size import remember_size
from ui.words import spoken


class StudioSettingsDialog(QDialog):
    """The idle lock's minutes (0: never), with Save and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._version: int | None = None
        self._minutes = QSpinBox(self)
        self._message = NoticeLabel("studioSettingsMessage", "alert", "warning", self)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                         | QDialogButtonBox.StandardButton.Cancel, self)
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("studioSettingsDialog")
        self.setWindowTitle(self.tr("Studio settings — Opt-In Desk"))
        self.setWindowIcon(icon("settings"))
        intro = QLabel(self.tr("A desk that nobody touches for this long locks itself and shows "
                               "the sign-in, so that the next person works under their own "
                               "name and no client's details stay on an unattended screen."),
                       self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        low, high = IDLE_LOCK_RANGE
        self._minutes.setObjectName("idleLockMinutes")
        self._minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self._minutes.setRange(low, high)
        self._minutes.setSuffix(self.tr(" min", "minutes"))
        self._minutes.setSpecialValueText(self.tr("Never"))
        form = QFormLayout()
        form.addRow(self.tr("&Lock the desk after"), self._minutes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._message)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.resize(460, self.sizeHint().height())

    def _connect_signals(self) -> None:
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)

    # --- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the settings as stored."""
        self._message.clear_notice()
        try:
            studio = load_studio()
        except OptInDeskError as error:
            self._message.show_notice(spoken(error))
            return
        self._version = studio.version
        self._minutes.setValue(studio.idle_lock_minutes)

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            change = set_idle_lock_minutes(current_staff(), self._minutes.value(),
                                           expected_version=self._version)
        except StaleData as error:
            self.reload()
            self._message.show_notice(spoken(error))
            return
        except OptInDeskError as error:
            self._message.show_notice(spoken(error))
            return
        app_events().data_changed.emit(change.asked_by(self))
        minutes = self._minutes.value()
        app_events().status_message.emit(
            self.tr("The desk never locks by itself") if minutes == 0
            else self.tr("The desk locks after %Ln idle minute(s)", "", minutes))
        self.accept()
