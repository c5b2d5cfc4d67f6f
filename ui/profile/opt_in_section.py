"""The Opt-In section of a client profile: the Marketing and All switches of every channel.

The section only shows the model layer's state and asks for changes: a person's click on a
switch emits ``switch_requested``; the profile records it through ``models.consent`` and
calls ``show_consent()`` again, which also puts a switch back when a change was refused.

``local_time_text()`` writes times for every part of the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from models.consent import ClientConsent
from models.phones import display_phone
from models.rules import Channel, ChannelConsent, Switch, switch_blocker
from resources import icon
from ui.formatting import clock_text, day_text
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.notice_label import NoticeLabel
from ui.widgets.section_frame import SectionFrame
from ui.widgets.toggle_switch import ToggleSwitch
from ui.words import CHANNEL_NAMES, SWITCH_NAMES, spoken, switch_name

#: The channel groups of DESIGN §1, with their icon and the rows they hold (English; the
#: headings are translated when the section is built).
_GROUPS: tuple[tuple[str, str, tuple[Channel, ...]], ...] = (
    (QT_TRANSLATE_NOOP("OptInSection", "Email"), "email", (Channel.EMAIL,)),
    (QT_TRANSLATE_NOOP("OptInSection", "Mobile (SMS + Phone)"), "mobile",
     (Channel.SMS, Channel.VOICE)),
    (QT_TRANSLATE_NOOP("OptInSection", "Home Phone"), "phone", (Channel.HOME,)),
)
_NO_ADDRESS: Mapping[Channel, str] = {
    Channel.EMAIL: QT_TRANSLATE_NOOP("OptInSection", "No email on file"),
    Channel.SMS: QT_TRANSLATE_NOOP("OptInSection", "No mobile on file"),
    Channel.VOICE: QT_TRANSLATE_NOOP("OptInSection", "No mobile on file"),
    Channel.HOME: QT_TRANSLATE_NOOP("OptInSection", "No home phone on file"),
}
#: What each switch is the consent for, the first sentence of its tooltip (whole sentences,
#: so that a translation may order and agree its words: "todas las llamadas").
_CONSENT_FOR: Mapping[tuple[Channel, Switch], str] = {
    (Channel.EMAIL, Switch.MARKETING): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for marketing emails to this email address."),
    (Channel.EMAIL, Switch.ALL): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for all emails to this email address."),
    (Channel.SMS, Switch.MARKETING): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for marketing texts to this mobile."),
    (Channel.SMS, Switch.ALL): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for all texts to this mobile."),
    (Channel.VOICE, Switch.MARKETING): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for marketing calls to this mobile."),
    (Channel.VOICE, Switch.ALL): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for all calls to this mobile."),
    (Channel.HOME, Switch.MARKETING): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for marketing calls to this home phone."),
    (Channel.HOME, Switch.ALL): QT_TRANSLATE_NOOP(
        "OptInSection", "Legal consent for all calls to this home phone."),
}
#: What turning each kind of switch off does, the tooltip's second sentence.
_OFF_MEANS: Mapping[Switch, str] = {
    Switch.MARKETING: QT_TRANSLATE_NOOP(
        "OptInSection", "Off stops campaigns and stacks; reminders and booking help continue."),
    Switch.ALL: QT_TRANSLATE_NOOP(
        "OptInSection", "Off fully blocks the channel: campaigns, stacks, reminders, booking "
        "help and Hailee messages."),
}
_SWITCH_ORDER = (Switch.MARKETING, Switch.ALL)
#: Why an archived client's switches are disabled (said to screen readers too); English,
#: translated at use.
ARCHIVED_REASON = QT_TRANSLATE_NOOP(
    "OptInSection", "This client is archived: restore them to change their switches")
_SWITCH_CELL = 76  # the width of a switch column, its heading centred over it
_LABEL_WIDTH = 120
_GAP = 12
_ICON_SIZE = 16


def _tr(text: str) -> str:
    """A text of this section kept in English in a constant, in the window's language."""
    return QCoreApplication.translate("OptInSection", text)


def local_time_text(moment: datetime) -> str:
    """A stored UTC time in this workstation's time zone: 'Nov 23, 2026 at 7:14 a.m.'."""
    local = moment.astimezone()
    return QCoreApplication.translate("OptInSection", "{day} at {clock}").format(
        day=day_text(local, year=True), clock=clock_text(local))


def switch_tooltip(channel: Channel, switch: Switch) -> str:
    """The tooltip of a compliance switch: what it blocks, and that it is not a Hailee control (R13)."""
    not_hailee = QCoreApplication.translate(
        "OptInSection", "This is a consent record — it does not stop Hailee; use AI controls "
        "for that.")
    return f"{_tr(_CONSENT_FOR[(channel, switch)])} {_tr(_OFF_MEANS[switch])} {not_hailee}"


@dataclass(frozen=True, slots=True)
class SwitchRequest:
    """What a person asked of a compliance switch (the payload of ``switch_requested``)."""

    channel: Channel
    switch: Switch
    on: bool


class OptInSection(SectionFrame):
    """The titled "Opt-In" frame: three channel groups, a Marketing and an All switch per channel.

    Switches are named ``switch_<channel>_<marketing|all>`` (DESIGN §4). The SMS All switch
    of a STOP-locked number is disabled and locked, with the notice ``smsStopNotice`` (R7).
    """

    #: A person clicked a switch (SwitchRequest). The switch already shows the asked state;
    #: the receiver records it or calls show_consent() to put it back.
    switch_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Opt-In"), self.tr(
            "The client's legal consent to be contacted. Turning a switch on records how they "
            "consented."), parent=parent)
        self._switches: dict[tuple[Channel, Switch], ToggleSwitch] = {}
        self._addresses: dict[Channel, ElidedLabel] = {}
        self._names: list[tuple[QBoxLayout, QLabel]] = []  # a row's name and address
        self._compact = False
        self._stop_notice = NoticeLabel("smsStopNotice", "lock", "locked", self)
        self._record_opt_out: QPushButton  # made under the SMS row: its place in the Tab order
        self._message = NoticeLabel("optInMessage", "alert", "warning", self)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("optInSection")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = self.section_layout()
        title_row = self.title_row()
        title_row.setSpacing(_GAP)
        for switch in _SWITCH_ORDER:
            heading = QLabel(SWITCH_NAMES[switch], self)
            heading.setProperty("role", "muted")
            heading.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            heading.setFixedWidth(_SWITCH_CELL)
            title_row.addWidget(heading)
        layout.addWidget(self._message)

        for number, (title_text, icon_name, channels) in enumerate(_GROUPS):
            if number:
                layout.addSpacing(4)
                rule = QFrame(self)
                rule.setFrameShape(QFrame.Shape.HLine)
                rule.setFrameShadow(QFrame.Shadow.Plain)
                rule.setForegroundRole(QPalette.ColorRole.Mid)
                layout.addWidget(rule)
            layout.addSpacing(4)
            layout.addLayout(self._group_heading(_tr(title_text), icon_name))
            for channel in channels:
                layout.addLayout(self._channel_row(channel))
                if channel is Channel.SMS:
                    layout.addWidget(self._stop_notice)
                    layout.addLayout(self._record_opt_out_row())

    def _group_heading(self, text: str, icon_name: str) -> QHBoxLayout:
        """A channel group's heading: its icon and its name, in bold."""
        line = QHBoxLayout()
        line.setSpacing(6)
        glyph = QLabel(self)
        glyph.setPixmap(icon(icon_name).pixmap(_ICON_SIZE, _ICON_SIZE))
        name = QLabel(text, self)
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        line.addWidget(glyph)
        line.addWidget(name)
        line.addStretch(1)
        return line

    def _channel_row(self, channel: Channel) -> QHBoxLayout:
        """A channel's row: its name, its address, its Marketing and All switches in columns."""
        row = QHBoxLayout()
        row.setSpacing(_GAP)
        label = QLabel(CHANNEL_NAMES[channel], self)
        label.setIndent(_ICON_SIZE + 6)
        label.setFixedWidth(_LABEL_WIDTH)
        address = ElidedLabel(self)  # a 40-character email loses its middle, not its domain
        address.setMinimumWidth(60)
        self._addresses[channel] = address
        names = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        names.setSpacing(_GAP)
        names.addWidget(label)
        names.addWidget(address, 1)
        self._names.append((names, label))
        row.addLayout(names, 1)
        for switch in _SWITCH_ORDER:
            toggle = ToggleSwitch(accessible_name=switch_name(channel, switch),
                                  parent=self)
            toggle.setObjectName(f"switch_{channel.value}_{switch.value}")
            toggle.setToolTip(switch_tooltip(channel, switch))
            toggle.setEnabled(False)
            # Not in a QButtonGroup: Tab would skip a group's other buttons (Qt treats them
            # like radio buttons), and every switch must be reached by Tab in order.
            self._switches[(channel, switch)] = toggle
            # A fixed-width cell per column, so switches line up under their heading.
            cell = QHBoxLayout()
            cell.setContentsMargins(0, 0, 0, 0)
            cell.addStretch(1)
            cell.addWidget(toggle)
            cell.addStretch(1)
            holder = QWidget(self)
            holder.setFixedWidth(_SWITCH_CELL)
            holder.setLayout(cell)
            row.addWidget(holder)
        return row

    def _record_opt_out_row(self) -> QHBoxLayout:
        """Under the STOP notice: a way to record that the client also asked to opt out,
        by phone or in person, so SMS stays off for them after a START (R20)."""
        self._record_opt_out = QPushButton(self.tr("Record an opt-out…"), self)
        self._record_opt_out.setObjectName("recordStopOptOut")
        self._record_opt_out.setToolTip(self.tr(
            "The client also asked, another way, to get no texts: record it, so SMS stays off "
            "for them even after someone on this number texts START."))
        self._record_opt_out.setAutoDefault(False)
        self._record_opt_out.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._record_opt_out)
        return row

    def _connect_signals(self) -> None:
        for (channel, switch), toggle in self._switches.items():
            toggle.clicked.connect(partial(self._on_switch_clicked, channel, switch))
        self._record_opt_out.clicked.connect(self._on_record_opt_out_clicked)

    # -- public API -----------------------------------------------------------------------

    def switch(self, channel: Channel, switch: Switch) -> ToggleSwitch:
        """The toggle of one channel's Marketing or All switch."""
        return self._switches[(channel, switch)]

    def set_compact(self, compact: bool) -> None:
        """Narrow: a channel's address goes under its name, so that the switches keep their
        columns and the address its width (issue 10, small screens)."""
        if compact == self._compact:
            return
        self._compact = compact
        for names, label in self._names:
            names.setDirection(QBoxLayout.Direction.TopToBottom if compact
                               else QBoxLayout.Direction.LeftToRight)
            names.setSpacing(2 if compact else _GAP)
            if compact:
                label.setMinimumWidth(0)
                label.setMaximumWidth(16_777_215)
            else:
                label.setFixedWidth(_LABEL_WIDTH)
        for address in self._addresses.values():
            address.setIndent(_ICON_SIZE + 6 if compact else -1)

    def address_text(self, channel: Channel) -> str:
        """What a channel's row says for its address: "(555) 555-0123" or "No mobile on file"."""
        return self._addresses[channel].text()

    def show_consent(self, consent: ClientConsent) -> None:
        """Show a client's switches as the model layer reports them (no signal is emitted)."""
        for state in consent.channels.values():
            self._show_channel(state)
        sms = consent.channels[Channel.SMS]
        if sms.stop_locked and sms.address is not None:
            if sms.stop_locked_at is not None:
                notice = self.tr(
                    "Texted STOP on {when} — SMS is off for this number. Only the client can "
                    "turn it back on, by texting START to the studio.").format(
                    when=local_time_text(sms.stop_locked_at))
            else:
                notice = self.tr(
                    "Texted STOP — SMS is off for this number. Only the client can turn it "
                    "back on, by texting START to the studio.")
            self._stop_notice.show_notice(notice)
        else:
            self._stop_notice.clear_notice()
        self._record_opt_out.setVisible(sms.stop_locked and sms.address is not None
                                        and not consent.client.archived)
        if consent.client.archived:  # an archived client receives nothing (rules.can_send)
            for toggle in self._switches.values():
                toggle.setEnabled(False)
                toggle.setAccessibleDescription(_tr(ARCHIVED_REASON))

    def clear(self) -> None:
        """Show no client: every switch off and disabled, no notice, no message."""
        for toggle in self._switches.values():
            with QSignalBlocker(toggle):
                toggle.setLocked(False)
                toggle.setChecked(False)
            toggle.setEnabled(False)
        for address in self._addresses.values():
            address.clear()
        self._stop_notice.clear_notice()
        self._record_opt_out.hide()
        self.clear_message()

    def show_message(self, text: str) -> None:
        """Show why a change was not made, inside the section, until the next change or client."""
        self._message.show_notice(text)

    def clear_message(self) -> None:
        """Hide the message of show_message()."""
        self._message.clear_notice()

    def message(self) -> str:
        """The message shown, as plain text ('' when none is shown)."""
        return self._message.plain_text()

    def stop_notice_text(self) -> str:
        """The STOP notice as plain text ('' when the SMS number is not locked)."""
        return self._stop_notice.plain_text()

    # -- slots ----------------------------------------------------------------------------

    @Slot()
    def _on_record_opt_out_clicked(self) -> None:
        self.switch_requested.emit(SwitchRequest(Channel.SMS, Switch.ALL, False))

    def _on_switch_clicked(self, channel: Channel, switch: Switch, _checked: bool = False) -> None:
        toggle = self._switches[(channel, switch)]
        self.switch_requested.emit(SwitchRequest(channel, switch, toggle.isChecked()))

    # -- helpers --------------------------------------------------------------------------

    def _show_channel(self, state: ChannelConsent) -> None:
        channel = state.channel
        address = self._addresses[channel]
        if state.address is None:
            address.setText(_tr(_NO_ADDRESS[channel]))
            role = "muted"
        else:
            address.setText(state.address if channel is Channel.EMAIL
                            else display_phone(state.address))
            role = None
        if address.property("role") != role:
            address.setProperty("role", role)
            _repolish(address)

        locked = channel is Channel.SMS and state.stop_locked and state.address is not None
        all_switch = self._switches[(channel, Switch.ALL)]
        with QSignalBlocker(all_switch):
            all_switch.setLocked(locked)
            all_switch.setChecked(state.effective_all)
        self._offer(all_switch, state, Switch.ALL)

        marketing = self._switches[(channel, Switch.MARKETING)]
        with QSignalBlocker(marketing):
            marketing.setChecked(state.effective_marketing)
        self._offer(marketing, state, Switch.MARKETING)

    @staticmethod
    def _offer(toggle: ToggleSwitch, state: ChannelConsent, switch: Switch) -> None:
        """Enable a switch when the rules let staff turn it on (a switch shown on can always
        be turned off, R3), and say in its tooltip why not when they don't (R4, R5, R7)."""
        reason = switch_blocker(state, switch, turn_on=True)
        blocker = None if reason is None else spoken(reason)
        toggle.setEnabled(blocker is None)
        # Said to a screen reader too, not only in a tooltip: why it cannot be turned on
        # (a STOP lock, All off, no address).
        if toggle.accessibleDescription() != (blocker or ""):
            toggle.setAccessibleDescription(blocker or "")
        tooltip = switch_tooltip(state.channel, switch)
        if blocker is not None and state.address is not None:  # the row says "No … on file"
            tooltip = QCoreApplication.translate("OptInSection", "{reason}. {tooltip}").format(
                reason=blocker, tooltip=tooltip)
        if toggle.toolTip() != tooltip:  # each change sends an event through the window
            toggle.setToolTip(tooltip)


def _repolish(widget: QWidget) -> None:
    """Apply a dynamic property change to the style sheet (see resources/style.qss)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
