"""The client's Hailee (AI assistant) switches: a section of their own, apart from Opt-In (R12).

These switches control Hailee only; they never change the client's legal consent, so turning
one on asks for no consent method (R12, R13). Studio-wide AI settings are shown read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QSizePolicy,
    QWidget,
)

from models.consent import ClientConsent
from models.rules import StudioAI, StudioAILimit, studio_ai_limits
from ui.widgets.notice_label import NoticeLabel
from ui.widgets.section_frame import SectionFrame
from ui.widgets.switch_row import switch_row
from ui.widgets.toggle_switch import ToggleSwitch
from ui.words import AI_SWITCH_NAMES

#: Per client switch: its name (as models.consent.set_client_ai takes it), what it does and
#: what it lets Hailee do, the start of its tooltip; English, translated when built.
_SWITCHES: tuple[tuple[str, str, str], ...] = (
    ("outreach", QT_TRANSLATE_NOOP("AiControlsSection",
                                   "Hailee may start conversations: stacks and follow-ups."),
     QT_TRANSLATE_NOOP("AiControlsSection",
                       "Lets Hailee, the studio's AI assistant, start conversations with this "
                       "client, where the Opt-In switches allow marketing.")),
    ("replies", QT_TRANSLATE_NOOP("AiControlsSection", "Hailee may answer this client's messages."),
     QT_TRANSLATE_NOOP("AiControlsSection",
                       "Lets Hailee, the studio's AI assistant, answer this client's messages, "
                       "where the Opt-In switches allow the channel.")),
)


@dataclass(frozen=True, slots=True)
class AiSwitchRequest:
    """What a person asked of a Hailee switch (the payload of ``switch_requested``)."""

    which: str  # "outreach" or "replies", as models.consent.set_client_ai takes it
    on: bool


class AiControlsSection(SectionFrame):
    """The titled "Hailee (AI assistant)" frame with ``switch_ai_outreach`` and ``switch_ai_replies``."""

    #: A person clicked a Hailee switch (AiSwitchRequest); the receiver records it or
    #: calls show_consent() to put it back.
    switch_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hailee (AI assistant)"), self.tr(
            "Controls Hailee only. These switches do not change the client's legal consent."),
            icon_name="ai", parent=parent)
        self._switches: dict[str, ToggleSwitch] = {}
        self._studio_notice = NoticeLabel("studioAiNotice", "settings", "info", self)
        self._message = NoticeLabel("aiMessage", "alert", "warning", self)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("aiControls")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = self.section_layout()
        layout.addWidget(self._message)

        grid = QGridLayout()
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        # As wide as the Opt-In section's switch columns, so the switches line up with its All.
        grid.setColumnMinimumWidth(1, 76)
        not_consent = self.tr("It controls Hailee only and does not change the client's legal "
                              "consent (Opt-In).")
        for row, (which, description, lets) in enumerate(_SWITCHES):
            tooltip = f"{self.tr(lets)} {not_consent}"
            labels, _title, _detail, toggle = switch_row(
                self, AI_SWITCH_NAMES[which], self.tr(description), tooltip, f"switch_ai_{which}")
            toggle.setEnabled(False)
            self._switches[which] = toggle  # not in a QButtonGroup: Tab must reach each one
            grid.addLayout(labels, row, 0)
            grid.addWidget(toggle, row, 1, Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(grid)

        self._studio_notice.setToolTip(
            self.tr("Studio-wide AI settings are changed by a manager or the owner."))
        layout.addWidget(self._studio_notice)

    def _connect_signals(self) -> None:
        for which, toggle in self._switches.items():
            toggle.clicked.connect(partial(self._on_switch_clicked, which))

    # -- public API -----------------------------------------------------------------------

    def switch(self, which: str) -> ToggleSwitch:
        """The toggle of "outreach" or "replies"."""
        return self._switches[which]

    def show_consent(self, consent: ClientConsent) -> None:
        """Show the client's Hailee switches and the studio's AI settings (no signal is emitted)."""
        for which, on in (("outreach", consent.ai.outreach), ("replies", consent.ai.replies)):
            toggle = self._switches[which]
            with QSignalBlocker(toggle):
                toggle.setChecked(on)
            toggle.setEnabled(not consent.client.archived)  # an archived client gets nothing
        self._studio_notice.show_notice(" ".join(_studio_lines(consent.studio.ai)))

    def clear(self) -> None:
        """Show no client: both switches off and disabled."""
        for toggle in self._switches.values():
            with QSignalBlocker(toggle):
                toggle.setChecked(False)
            toggle.setEnabled(False)
        self._studio_notice.clear_notice()
        self.clear_message()

    def studio_notice_text(self) -> str:
        """The read-only studio AI notice as plain text ('' when none is shown)."""
        return self._studio_notice.plain_text()

    def show_message(self, text: str) -> None:
        """Show why a change was not made, until the next change or client."""
        self._message.show_notice(text)

    def clear_message(self) -> None:
        """Hide the message of show_message()."""
        self._message.clear_notice()

    def message(self) -> str:
        """The message shown, as plain text ('' when none is shown)."""
        return self._message.plain_text()

    # -- slots ----------------------------------------------------------------------------

    def _on_switch_clicked(self, which: str, _checked: bool = False) -> None:
        self.switch_requested.emit(AiSwitchRequest(which, self._switches[which].isChecked()))


#: What the read-only notice says of each studio-wide limit (R12).
_STUDIO_LIMITS = {
    StudioAILimit.ASSISTANT_OFF: QT_TRANSLATE_NOOP(
        "AiControlsSection", "AI assistant is off for the whole studio (manager setting)."),
    StudioAILimit.OUTREACH_OFF: QT_TRANSLATE_NOOP(
        "AiControlsSection", "Hailee outreach is off for the whole studio: outreach becomes "
        "staff tasks (manager setting)."),
    StudioAILimit.REPLIES_MEMBERS_ONLY: QT_TRANSLATE_NOOP(
        "AiControlsSection", "Hailee replies to members only (manager setting)."),
    StudioAILimit.REPLIES_OFF: QT_TRANSLATE_NOOP(
        "AiControlsSection", "Hailee replies are off for the whole studio (manager setting)."),
}


def _studio_lines(ai: StudioAI) -> list[str]:
    """What the studio's AI settings hold back, for the read-only notice."""
    return [QCoreApplication.translate("AiControlsSection", _STUDIO_LIMITS[limit])
            for limit in studio_ai_limits(ai)]
