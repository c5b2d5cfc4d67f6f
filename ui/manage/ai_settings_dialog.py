"""Studio AI settings (manager view, R12): how Hailee, the studio's AI assistant, works for
every client.

These settings control Hailee only. They never change a client's legal consent (R12, R13):
saving writes the studio's settings row and its consent events, and nothing else. The model
layer refuses anyone below manager (R15); the window offers the dialog to managers and owners.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Slot
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change, Touched
from models.errors import OptInDeskError, StaleData
from models.rules import ResponseTime, StudioAI
from models.settings import load_studio, update_ai_settings
from resources import icon
from ui.app_events import app_events
from ui.session import current_staff
from ui.widgets.remembered_size import remember_size
from ui.widgets.switch_row import switch_row
from ui.widgets.toggle_switch import ToggleSwitch
from ui.words import one_line, spoken

#: The switches: setting name, its title, what it does (shown), and its tooltip (R13). Each
#: tooltip says the switch controls Hailee only, never a client's legal consent.
_SWITCHES: tuple[tuple[str, str, str, str], ...] = (
    ("ai_enabled",
     QT_TRANSLATE_NOOP("AiSettingsDialog", "AI assistant enabled"),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Master switch. While it is off Hailee sends nothing, to anyone."),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Turns Hailee, the studio's AI assistant, on or off for every client. "
                       "It controls Hailee only and does not change any client's legal "
                       "consent (Opt-In).")),
    ("ai_outreach",
     QT_TRANSLATE_NOOP("AiSettingsDialog", "Stack and task outreach"),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Hailee may start conversations: stacks and follow-ups. "
                       "Off: outreach becomes tasks for the staff."),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Lets Hailee start conversations with clients where their Opt-In allows "
                       "marketing. It controls Hailee only and does not change any client's "
                       "legal consent (Opt-In).")),
    ("ai_reply_all",
     QT_TRANSLATE_NOOP("AiSettingsDialog", "Message reply"),
     QT_TRANSLATE_NOOP("AiSettingsDialog", "Hailee may answer messages in all conversations."),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Lets Hailee answer every client's messages where their Opt-In allows "
                       "the channel. It controls Hailee only and does not change any client's "
                       "legal consent (Opt-In).")),
    ("ai_reply_members",
     QT_TRANSLATE_NOOP("AiSettingsDialog", "Message reply for members"),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "While Message reply is off, Hailee still answers members."),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Lets Hailee answer members' messages when Message reply is off. It "
                       "controls Hailee only and does not change any client's legal consent "
                       "(Opt-In).")),
)
#: What a switch that is not in effect says instead of its description; it shows the value in
#: effect (disabled), and its stored value is kept for when it matters again (R12).
_OFF_WITH_MASTER = QT_TRANSLATE_NOOP("AiSettingsDialog", "Off while the AI assistant is off.")
_OFF_WITH_MASTER_KEPT = QT_TRANSLATE_NOOP(
    "AiSettingsDialog", "Off while the AI assistant is off. On again with it.")
_MEMBERS_BY_REPLY = QT_TRANSLATE_NOOP(
    "AiSettingsDialog", "On while Message reply is on: Hailee answers everyone, members too.")
_RESPONSE_TIMES: tuple[tuple[ResponseTime, str, str], ...] = (
    (ResponseTime.DYNAMIC, QT_TRANSLATE_NOOP("AiSettingsDialog", "Dynamic"),
     QT_TRANSLATE_NOOP("AiSettingsDialog",
                       "Hailee answers after a natural pause that suits the conversation.")),
    (ResponseTime.INSTANT, QT_TRANSLATE_NOOP("AiSettingsDialog", "Instant"),
     QT_TRANSLATE_NOOP("AiSettingsDialog", "Hailee answers at once.")),
    (ResponseTime.FIXED, QT_TRANSLATE_NOOP("AiSettingsDialog", "Fixed"),
     QT_TRANSLATE_NOOP("AiSettingsDialog", "Hailee answers after a fixed number of minutes.")),
)
_MAX_MINUTES = 1440
_SWITCH_COLUMN = 76
_WIDTH, _MIN_WIDTH = 600, 520


class AiSettingsDialog(QDialog):
    """The studio-wide Hailee settings with Save and Cancel; refusals are shown in the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._switches: dict[str, ToggleSwitch] = {}
        self._details: dict[str, QLabel] = {}
        self._titles: dict[str, QLabel] = {}
        self._descriptions = {name: _tr(description) for name, _, description, _ in _SWITCHES}
        #: Stored values of the switches shown as not in effect (their toggles show the value
        #: in effect): what Save keeps, and what they show again once they matter.
        self._kept: dict[str, bool] = {}
        self._loaded: StudioAI | None = None
        self._version: int | None = None
        self._message_text = ""
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self.reload()
        # Sized once the settings are shown: the minutes box shows only for a fixed time.
        self.resize(_WIDTH, self.heightForWidth(_WIDTH))
        self._fit_height()

    def _setup_ui(self) -> None:
        self.setObjectName("aiSettingsDialog")
        self.setWindowTitle(self.tr("Studio AI settings — Opt-In Desk"))
        self.setWindowIcon(icon("ai"))
        self.setModal(False)

        glyph = QLabel(self)
        glyph.setPixmap(icon("ai").pixmap(22, 22))
        title = QLabel(self.tr("Studio AI settings"), self)
        title.setProperty("role", "header")
        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        title_row.addWidget(glyph)
        title_row.addWidget(title)
        title_row.addStretch(1)
        intro = QLabel(self.tr("How Hailee, the studio's AI assistant, works for every client. "
                               "These settings control Hailee only: they do not change any "
                               "client's legal consent, and each client's Opt-In switches "
                               "still decide what Hailee may send."), self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        card = QFrame(self)
        card.setProperty("role", "section")
        grid = QGridLayout(card)
        grid.setContentsMargins(16, 12, 16, 14)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        grid.setColumnMinimumWidth(1, _SWITCH_COLUMN)
        row = 0
        for name, label, description, tooltip in _SWITCHES:
            if name == "ai_outreach":
                grid.addWidget(_rule(card), row, 0, 1, 2)
                row += 1
            labels, text, detail, toggle = switch_row(card, _tr(label), _tr(description),
                                                      _tr(tooltip), f"switch_studio_{name}")
            self._switches[name] = toggle
            self._titles[name] = text
            self._details[name] = detail
            grid.addLayout(labels, row, 0)
            grid.addWidget(toggle, row, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row += 1
        grid.addWidget(_rule(card), row, 0, 1, 2)
        row += 1

        self._response_title = QLabel(self.tr("Response time"), card)
        self._response_detail = QLabel(card)
        self._response_detail.setProperty("role", "muted")
        self._response_detail.setWordWrap(True)
        self._response = QComboBox(card)
        self._response.setObjectName("responseTime")
        self._response.setAccessibleName(self.tr("Response time"))
        self._response.setToolTip(self.tr(
            "How soon Hailee answers a message. It controls Hailee only and does not change "
            "any client's legal consent (Opt-In)."))
        for value, text, tip in _RESPONSE_TIMES:
            self._response.addItem(_tr(text), value.value)
            self._response.setItemData(self._response.count() - 1, _tr(tip),
                                       Qt.ItemDataRole.ToolTipRole)
        self._response_title.setBuddy(self._response)
        self._minutes = QSpinBox(card)
        self._minutes.setObjectName("responseMinutes")
        self._minutes.setAccessibleName(self.tr("Response time (minutes)"))
        self._minutes.setRange(1, _MAX_MINUTES)
        suffix = self.tr(" min", "minutes")
        self._minutes.setSuffix(suffix)
        self._minutes.setToolTip(self.tr(
            "Minutes Hailee waits before answering (1 to {most}). It controls Hailee only and "
            "does not change any client's legal consent (Opt-In).").format(most=_MAX_MINUTES))
        self._minutes.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(f"{_MAX_MINUTES}{suffix}") + 40)
        labels = QVBoxLayout()
        labels.setSpacing(1)
        labels.addWidget(self._response_title)
        labels.addWidget(self._response_detail)
        choices = QHBoxLayout()
        choices.setSpacing(8)
        choices.addWidget(self._response)
        choices.addWidget(self._minutes)
        grid.addLayout(labels, row, 0)
        grid.addLayout(choices, row, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self._message = QLabel(self)
        self._message.setObjectName("aiSettingsMessage")
        self._message.setProperty("role", "notice")
        self._message.setProperty("state", "warning")
        self._message.setWordWrap(True)
        self._message.hide()

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                         | QDialogButtonBox.StandardButton.Cancel, self)
        self._save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setObjectName("saveAiSettings")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(title_row)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(card)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(_MIN_WIDTH)

    def _connect_signals(self) -> None:
        for toggle in self._switches.values():
            toggle.clicked.connect(self._on_switch_clicked)
        self._response.currentIndexChanged.connect(self._on_response_current_index_changed)
        self._minutes.valueChanged.connect(self._on_minutes_value_changed)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        app_events().data_changed.connect(self._on_data_changed)

    # --- public --------------------------------------------------------------------------------

    def switch(self, name: str) -> ToggleSwitch:
        """The switch of an AI setting: "ai_enabled", "ai_outreach", "ai_reply_all" or
        "ai_reply_members"."""
        return self._switches[name]

    def response_box(self) -> QComboBox:
        """The combo box of the response time (item data: "dynamic", "instant", "fixed")."""
        return self._response

    def minutes_box(self) -> QSpinBox:
        """The spin box of the fixed response time."""
        return self._minutes

    def reload(self) -> None:
        """Show the studio's settings as stored, dropping unsaved changes."""
        try:
            studio = load_studio()
        except OptInDeskError as error:
            self.show_message(self.tr("Could not read the studio's AI settings: {error}").format(
                error=one_line(error)))
            return
        self._loaded = studio.ai
        self._version = studio.version
        values = _as_settings(studio.ai)
        self._kept.clear()
        for name, toggle in self._switches.items():
            with QSignalBlocker(toggle):
                toggle.setChecked(values[name])
        with QSignalBlocker(self._response):
            self._response.setCurrentIndex(self._response.findData(studio.ai.response_time.value))
        with QSignalBlocker(self._minutes):
            self._minutes.setValue(studio.ai.response_minutes)
        self._update_enabled()

    def reopen(self) -> None:
        """Read the settings again and drop the message of an earlier attempt (the dialog is
        opened again from the menu)."""
        self.reload()
        self.clear_message()

    def pending_changes(self) -> dict[str, Any]:
        """The settings changed on screen and not saved, as update_ai_settings takes them."""
        if self._loaded is None:
            return {}
        stored = _as_settings(self._loaded)
        shown = self._shown_settings()
        return {name: value for name, value in shown.items() if stored[name] != value}

    def save(self) -> Change | None:
        """Save the changes as the signed-in staff member; close on success. The change, or
        None when nothing was saved (the reason is shown in the dialog)."""
        changes = self.pending_changes()
        if not changes:
            self.accept()
            return None
        try:
            change = update_ai_settings(current_staff(), changes,
                                        expected_version=self._version)
        except StaleData as error:
            self.reload()
            self.show_message(spoken(error))
            return None
        except OptInDeskError as error:
            self.show_message(self.tr("Not saved: {error}.").format(error=one_line(error)))
            return None
        self.clear_message()
        self.reload()
        app_events().data_changed.emit(change.asked_by(self))
        app_events().status_message.emit(self.tr("Studio AI settings saved"))
        self.accept()
        return change

    def show_message(self, text: str) -> None:
        """Say why the settings were not saved, until the next attempt."""
        self._message_text = text
        self._message.setText(text)
        self._message.show()
        self._fit_height()

    def clear_message(self) -> None:
        """Hide the message of show_message()."""
        self._message_text = ""
        self._message.hide()
        self._fit_height()

    def message(self) -> str:
        """The message shown ('' when none)."""
        return self._message_text

    # --- slots ---------------------------------------------------------------------------------

    @Slot(bool)
    def _on_switch_clicked(self, _checked: bool) -> None:
        self._update_enabled()

    @Slot(int)
    def _on_response_current_index_changed(self, _index: int) -> None:
        self._update_enabled()

    @Slot(int)
    def _on_minutes_value_changed(self, _value: int) -> None:
        self._update_enabled()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.save()

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        # Changed on another workstation: show it, unless the person is editing (their Save
        # then meets StaleData, which reloads and says so).
        if (change.touches(Touched.STUDIO) and change.initiator is not self
                and not self.pending_changes()):
            self.reload()

    # --- private -------------------------------------------------------------------------------

    def _shown_settings(self) -> dict[str, Any]:
        shown: dict[str, Any] = {name: self._kept.get(name, toggle.isChecked())
                                 for name, toggle in self._switches.items()}
        shown["ai_response_time"] = self._response.currentData()
        shown["ai_response_minutes"] = self._minutes.value()
        return shown

    def _update_enabled(self) -> None:
        """Settings that cannot matter now are disabled: everything below the master switch
        while it is off, replies for members while Message reply is on, the minutes unless the
        response time is fixed. Such a switch shows the value in effect and says why, not a
        faded stored value beside words that contradict it; its stored value is kept (R12)."""
        shown = self._shown_settings()
        enabled = shown["ai_enabled"]
        in_effect: dict[str, tuple[bool, str] | None] = dict.fromkeys(
            ("ai_outreach", "ai_reply_all", "ai_reply_members"))
        if not enabled:
            for name in in_effect:
                in_effect[name] = (False, _tr(_OFF_WITH_MASTER_KEPT if shown[name]
                                              else _OFF_WITH_MASTER))
        elif shown["ai_reply_all"]:
            in_effect["ai_reply_members"] = (True, _tr(_MEMBERS_BY_REPLY))
        for name, overridden in in_effect.items():
            self._show_row(name, overridden)
        for widget in (self._response_title, self._response_detail, self._response):
            widget.setEnabled(enabled)
        fixed = self._response.currentData() == ResponseTime.FIXED.value
        self._minutes.setVisible(fixed)
        self._minutes.setEnabled(enabled)
        self._response_detail.setText(_tr(next(tip for value, _, tip in _RESPONSE_TIMES
                                               if value.value == self._response.currentData())))
        self._save.setEnabled(bool(self.pending_changes()))

    def _show_row(self, name: str, overridden: tuple[bool, str] | None) -> None:
        """A dependent switch as it stands: its own value and description, or (overridden)
        disabled, showing the value in effect and why."""
        toggle, detail = self._switches[name], self._details[name]
        if overridden is None:
            if name in self._kept:
                with QSignalBlocker(toggle):
                    toggle.setChecked(self._kept.pop(name))
            text = self._descriptions[name]
        else:
            self._kept.setdefault(name, toggle.isChecked())
            with QSignalBlocker(toggle):
                toggle.setChecked(overridden[0])
            text = overridden[1]
        detail.setText(text)
        toggle.setAccessibleDescription(text)
        for widget in (toggle, self._titles[name], detail):
            widget.setEnabled(overridden is None)

    def _fit_height(self) -> None:
        """Never shorter than the wrapped text needs at this width: a message shown or a
        narrower window grows the dialog instead of squeezing the lines of the settings."""
        needed = self.heightForWidth(self.width())
        if needed > 0:
            self.setMinimumHeight(needed)

    # --- Qt overrides --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()


def _tr(text: str) -> str:
    """A text of this dialog's tables, in the window's language."""
    return QCoreApplication.translate("AiSettingsDialog", text)


def _as_settings(ai: StudioAI) -> dict[str, Any]:
    """StudioAI under the names update_ai_settings takes."""
    return {"ai_enabled": ai.enabled, "ai_outreach": ai.outreach, "ai_reply_all": ai.reply_all,
            "ai_reply_members": ai.reply_members, "ai_response_time": ai.response_time.value,
            "ai_response_minutes": ai.response_minutes}


def _rule(parent: QWidget) -> QFrame:
    """A thin line between groups of settings."""
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    # A plain line is drawn in the foreground role's colour: the palette's quiet Mid, not text.
    line.setForegroundRole(QPalette.ColorRole.Mid)
    return line
