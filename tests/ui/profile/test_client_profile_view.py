"""Tests of ClientProfileView: the profile asks the model layer, shows its answer, and never
lets a click change consent the rules forbid (R3, R4, R5, R7, R12, R13, R16, R18)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from models.audit import iter_events
from models.changes import Change, Touched
from models.consent import load_consent, set_switch
from models.inbound import inbound_change, process_inbound
from models.rules import Channel, Switch
from models.schema import AuditHead
from models.settings import update_ai_settings
from ui.app_events import app_events
from ui.profile.client_profile_view import ClientProfileView
from ui.profile.consent_dialog import ConsentAnswer, ConsentDialog
from ui.profile.opt_in_section import SwitchRequest
from ui.profile.opt_out_dialog import OptOutAnswer, OptOutDialog
from ui.profile.receives_grid import ReceivesGrid
from ui.session import set_current_staff
from ui.widgets.toggle_switch import ToggleSwitch

#: 16:00 UTC is daytime in every US time zone: no quiet hours unless a test wants them.
DAYTIME = datetime(2026, 11, 26, 16, 0, tzinfo=timezone.utc)
COMPLIANCE_SWITCHES = [f"switch_{channel}_{switch}" for channel in ("email", "sms", "voice", "home")
                       for switch in ("marketing", "all")]


class ConsentHook:
    """Stands in for ConsentDialog.ask: answers with `answer` and records what it was asked."""

    def __init__(self) -> None:
        self.answer: ConsentAnswer | None = ConsentAnswer("in_person", "asked at the front desk")
        self.calls: list[dict[str, str]] = []

    def __call__(self, parent: QWidget | None, *, client_name: str, switch_name: str,
                 warning: str | None = None) -> ConsentAnswer | None:
        self.calls.append({"client_name": client_name, "switch_name": switch_name,
                           "warning": warning})
        return self.answer


class ConfirmHook:
    """Stands in for OptOutDialog.ask: answers with `answer` (None: Cancel) and records the
    warning each turn-off showed (None for Marketing)."""

    def __init__(self) -> None:
        self.answer: OptOutAnswer | None = OptOutAnswer()
        self.questions: list[str | None] = []

    def __call__(self, parent: QWidget | None, *, client_name: str, switch_name: str,
                 warning: str | None = None) -> OptOutAnswer | None:
        self.questions.append(warning)
        return self.answer


@pytest.fixture
def signed_in(staff) -> Iterator[None]:
    """The front desk's employee is signed in at this workstation."""
    set_current_staff(staff["employee"])
    yield
    set_current_staff(None)


@pytest.fixture
def consent_hook(monkeypatch: pytest.MonkeyPatch) -> ConsentHook:
    hook = ConsentHook()
    monkeypatch.setattr(ConsentDialog, "ask", hook)
    return hook


@pytest.fixture
def confirm_hook(monkeypatch: pytest.MonkeyPatch) -> ConfirmHook:
    hook = ConfirmHook()
    monkeypatch.setattr(OptOutDialog, "ask", hook)
    return hook


@pytest.fixture
def view(qtbot: QtBot, db, signed_in, consent_hook, confirm_hook) -> ClientProfileView:
    """A shown profile view at the size the main window gives it, with a daytime clock."""
    widget = ClientProfileView(clock=lambda: DAYTIME)
    qtbot.addWidget(widget)
    widget.resize(780, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def dana(add_client) -> int:
    return add_client("Dana", "Reyes", email="dana@example.com", mobile="+12125550123")


def _switch(view: ClientProfileView, name: str) -> ToggleSwitch:
    found = view.findChild(ToggleSwitch, name)
    assert found is not None, name
    return found


def _event_count() -> int:
    return AuditHead.get_by_id(1).count


def _top_event(view: ClientProfileView) -> tuple[str, str, str, str]:
    model = view.history_view().model()
    return tuple(model.index(0, column).data() for column in range(4))  # type: ignore[return-value]


# -- DESIGN §4: the objectNames tests outside the project rely on --------------------------------

def test_every_object_name_of_the_profile_is_present(view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    assert view.objectName() == "clientProfile"
    for name in ("optInSection", "aiControls", "receivesGrid", "historyView", "smsStopNotice"):
        assert view.findChild(QWidget, name) is not None, name
    for name in COMPLIANCE_SWITCHES + ["switch_ai_outreach", "switch_ai_replies"]:
        switch = view.findChild(QAbstractButton, name)
        assert switch is not None and switch.isCheckable(), name


def test_ai_section_is_beside_not_inside_the_opt_in_section(view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    opt_in = view.findChild(QWidget, "optInSection")
    ai = view.findChild(QWidget, "aiControls")
    assert not opt_in.isAncestorOf(ai) and not ai.isAncestorOf(opt_in)
    assert opt_in.findChild(QWidget, "switch_ai_outreach") is None


def test_empty_state_until_a_client_is_selected(view: ClientProfileView, dana: int) -> None:
    empty = view.findChild(QLabel, "profileEmpty")
    assert empty.isVisible()
    assert empty.text() == "Select a client to see their opt-ins"
    view.show_client(dana)
    assert view.client_id() == dana
    assert not empty.isVisible()
    view.show_client(None)
    assert view.client_id() is None
    assert empty.isVisible()


def test_widgets_are_built_once_and_reused(view: ClientProfileView, dana: int, add_client) -> None:
    view.show_client(dana)
    before = _switch(view, "switch_sms_all")
    view.show_client(add_client("Sam", "Kim", email=None, mobile="+13125550188"))
    assert _switch(view, "switch_sms_all") is before


def test_header_shows_name_status_and_numbers_as_people_read_them(view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    assert view.header().name() == "Dana Reyes"
    assert view.findChild(QLabel, "profileStatus").text() == "Member"
    assert view.findChild(QLabel, "profile_mobile").text() == "(212) 555-0123"


def test_r18_household_notice_names_who_shares_the_mobile(view: ClientProfileView, add_client) -> None:
    dana = add_client("Dana", "Reyes", mobile="+12125550123")
    add_client("Sam", "Reyes", email=None, mobile="+12125550123")
    add_client("Alex", "Reyes", email=None, mobile="+12125550123")
    view.show_client(dana)
    assert view.header().household_text() == (
        "Shares this mobile with Alex Reyes and Sam Reyes — a STOP from this number reaches "
        "all of them.")
    assert view.findChild(QLabel, "householdNotice").isVisible()


# -- R4: turning a switch on records consent --------------------------------------------------

def test_r4_click_on_goes_through_the_consent_dialog_and_the_model(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    view.show_client(dana)
    switch = _switch(view, "switch_sms_marketing")
    assert switch.isEnabled() and not switch.isChecked()

    with qtbot.waitSignal(app_events().data_changed) as changed:
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)

    assert consent_hook.calls == [{"client_name": "Dana Reyes", "switch_name": "SMS – Marketing", "warning": None}]
    assert dana in changed.args[0].client_ids
    assert load_consent(dana).channels[Channel.SMS].marketing
    assert switch.isChecked()
    when, who, what, why = _top_event(view)
    assert (who, what) == ("Eli Employee", "SMS – Marketing: off → on")
    assert why == "Staff · In person · “asked at the front desk”"


def test_r4_cancelling_the_dialog_changes_nothing(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    consent_hook.answer = None
    view.show_client(dana)
    switch = _switch(view, "switch_voice_marketing")
    events = _event_count()
    top = _top_event(view)

    with qtbot.assertNotEmitted(app_events().data_changed):
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)

    assert len(consent_hook.calls) == 1
    assert not switch.isChecked()
    assert not load_consent(dana).channels[Channel.VOICE].marketing
    assert _event_count() == events
    assert _top_event(view) == top


def test_r4_keyboard_space_is_a_click(qtbot: QtBot, view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    switch = _switch(view, "switch_voice_marketing")
    view.activateWindow()
    switch.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(switch.hasFocus)
    qtbot.keyClick(switch, Qt.Key.Key_Space)
    assert load_consent(dana).channels[Channel.VOICE].marketing


def test_r4_while_all_is_off_marketing_is_shown_off_and_disabled(
        view: ClientProfileView, dana: int, staff) -> None:
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.ALL, False)
    view.show_client(dana)
    marketing = _switch(view, "switch_email_marketing")
    assert not marketing.isChecked() and not marketing.isEnabled()
    assert load_consent(dana).channels[Channel.EMAIL].marketing  # the stored value is kept

    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.ALL, True, method="signed_form")
    app_events().data_changed.emit(Change(Touched.SWITCHES, client_ids=(dana,)))
    assert marketing.isChecked() and marketing.isEnabled()


# -- R3: turning All off asks first --------------------------------------------------------

def test_r3_all_off_asks_and_declining_changes_nothing(
        qtbot: QtBot, view: ClientProfileView, dana: int, confirm_hook: ConfirmHook) -> None:
    confirm_hook.answer = None
    view.show_client(dana)
    switch = _switch(view, "switch_sms_all")
    events = _event_count()

    with qtbot.assertNotEmitted(app_events().data_changed):
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)

    assert confirm_hook.questions == [
        "This fully blocks SMS to Dana Reyes: no campaigns, reminders, booking help or Hailee "
        "messages. Only the client can turn it back on: by texting START to the studio, or "
        "by giving consent again, which staff record with how it was given."]
    assert switch.isChecked()
    assert load_consent(dana).channels[Channel.SMS].all
    assert _event_count() == events


def test_r3_email_all_off_says_staff_record_renewed_consent_and_no_start(
        qtbot: QtBot, view: ClientProfileView, dana: int, confirm_hook: ConfirmHook) -> None:
    confirm_hook.answer = None
    view.show_client(dana)
    qtbot.mouseClick(_switch(view, "switch_email_all"), Qt.MouseButton.LeftButton)
    question = confirm_hook.questions[0]
    assert "staff record it when the client gives consent again" in question
    assert "START" not in question


def test_r3_all_off_confirmed_is_recorded_without_a_consent_dialog(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    view.show_client(dana)
    qtbot.mouseClick(_switch(view, "switch_email_all"), Qt.MouseButton.LeftButton)
    assert consent_hook.calls == []
    assert not load_consent(dana).channels[Channel.EMAIL].all
    assert not _switch(view, "switch_email_all").isChecked()
    assert not _switch(view, "switch_email_marketing").isEnabled()
    assert _top_event(view)[2] == "Email – All: on → off"


def test_r20_marketing_off_offers_how_the_client_asked_without_a_warning(
        qtbot: QtBot, view: ClientProfileView, dana: int, confirm_hook: ConfirmHook) -> None:
    confirm_hook.answer = OptOutAnswer("phone_call", "called: no more promos")
    view.show_client(dana)
    qtbot.mouseClick(_switch(view, "switch_email_marketing"), Qt.MouseButton.LeftButton)
    assert confirm_hook.questions == [None]
    assert not load_consent(dana).channels[Channel.EMAIL].marketing
    assert _top_event(view)[2:] == ("Email – Marketing: on → off",
                                    "Staff · Phone call · “called: no more promos”")


def test_r20_an_opt_out_is_recorded_on_a_stop_locked_mobile_and_survives_start(
        qtbot: QtBot, view: ClientProfileView, add_client, confirm_hook: ConfirmHook) -> None:
    """The SMS All switch is greyed under a STOP; the desk still records a client's own
    request, and START later does not turn SMS back on for them (R8, R20)."""
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile="+12125550123")
    dana = add_client("Dana", "Reyes", email="dana@example.com", mobile="+12125550123")
    process_inbound("+12125550123", "STOP", sid="SM-stop")
    confirm_hook.answer = OptOutAnswer("in_person", "asked at the desk: never text me")
    view.show_client(sam)
    button = view.findChild(QPushButton, "recordStopOptOut")
    assert button.isVisible() and not _switch(view, "switch_sms_all").isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "already off" in confirm_hook.questions[0]
    assert _top_event(view)[2:] == ("SMS – All: stays off",
                                    "Staff · In person · “asked at the desk: never text me”")
    process_inbound("+12125550123", "START", sid="SM-start")
    assert not load_consent(sam).channels[Channel.SMS].effective_all
    assert load_consent(dana).channels[Channel.SMS].effective_all


def test_consent_for_a_mobile_that_texted_stop_before_is_warned_about(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    process_inbound("+12125550123", "STOP", sid="SM-stop")
    process_inbound("+12125550123", "START", sid="SM-start")
    view.show_client(dana)
    qtbot.mouseClick(_switch(view, "switch_sms_marketing"), Qt.MouseButton.LeftButton)
    assert "texted STOP on" in consent_hook.calls[-1]["warning"]
    qtbot.mouseClick(_switch(view, "switch_email_marketing"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_switch(view, "switch_email_marketing"), Qt.MouseButton.LeftButton)
    assert consent_hook.calls[-1]["warning"] is None  # email: not that number


def test_consent_for_a_mobile_with_a_text_waiting_in_review_is_warned_about(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    process_inbound("+12125550123", "please stop texting me", sid="SM-review")
    view.show_client(dana)
    qtbot.mouseClick(_switch(view, "switch_voice_marketing"), Qt.MouseButton.LeftButton)
    assert "waits in Needs review" in consent_hook.calls[-1]["warning"]


def test_the_profile_shows_its_own_change_once_and_says_it_asked(
        qtbot: QtBot, view: ClientProfileView, dana: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The profile reads its client again after its own change, not again when it hears the
    change it announced (issue 7: a view skips its own change)."""
    import ui.profile.client_profile_view as module

    view.show_client(dana)
    loads: list[int] = []
    original = module.load_consent
    monkeypatch.setattr(module, "load_consent",
                        lambda cid, now=None: loads.append(cid) or original(cid, now))
    with qtbot.waitSignal(app_events().data_changed, timeout=1000) as heard:
        qtbot.mouseClick(_switch(view, "switch_email_marketing"), Qt.MouseButton.LeftButton)
    change = heard.args[0]
    assert change.initiator is view and change.touched is Touched.SWITCHES
    assert loads == [dana]
    assert not _switch(view, "switch_email_marketing").isChecked()


# -- R5: no address, no switches -----------------------------------------------------------

def test_r5_rows_without_an_address_say_so_and_are_disabled(view: ClientProfileView, add_client) -> None:
    client = add_client("Omar", "Haddad", email="omar@example.com", mobile=None)
    view.show_client(client)
    section = view.opt_in_section()
    assert section.address_text(Channel.SMS) == "No mobile on file"
    assert section.address_text(Channel.VOICE) == "No mobile on file"
    assert section.address_text(Channel.HOME) == "No home phone on file"
    assert section.address_text(Channel.EMAIL) == "omar@example.com"
    for name in ("switch_sms_marketing", "switch_sms_all", "switch_voice_marketing",
                 "switch_voice_all", "switch_home_marketing", "switch_home_all"):
        assert not _switch(view, name).isEnabled(), name
    assert _switch(view, "switch_email_all").isEnabled()


def test_r5_no_email_on_file(view: ClientProfileView, add_client) -> None:
    client = add_client("Grace", "Kim", email=None, mobile="+14155550110")
    view.show_client(client)
    assert view.opt_in_section().address_text(Channel.EMAIL) == "No email on file"
    assert not _switch(view, "switch_email_all").isEnabled()


# -- R7: the STOP lock -----------------------------------------------------------------------

def _stop(view: ClientProfileView, number: str = "(212) 555-0123") -> None:
    result = process_inbound(number, "STOP", sid="SM-stop-1",
                             at=datetime(2026, 11, 23, 12, 14, tzinfo=timezone.utc))
    app_events().data_changed.emit(inbound_change(result))


def test_r7_a_stop_from_elsewhere_greys_out_sms_all_and_shows_the_notice(
        view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    notice = view.findChild(QLabel, "smsStopNotice")
    assert not notice.isVisible()

    _stop(view)

    sms_all = _switch(view, "switch_sms_all")
    assert not sms_all.isChecked()
    assert not sms_all.isEnabled()
    assert sms_all.isLocked()
    assert not _switch(view, "switch_sms_marketing").isEnabled()
    assert notice.isVisible()
    assert notice.property("state") == "locked"
    text = view.opt_in_section().stop_notice_text()
    assert text.startswith("Texted STOP on Nov 23, 2026 at ")
    assert "Only the client can turn it back on, by texting START" in text
    assert QApplication.activeModalWidget() is None  # no dialog: the profile just shows it


def test_r7_locked_sms_all_cannot_be_turned_on_by_click_or_space(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    view.show_client(dana)
    _stop(view)
    sms_all = _switch(view, "switch_sms_all")
    events = _event_count()

    with qtbot.assertNotEmitted(app_events().data_changed):
        qtbot.mouseClick(sms_all, Qt.MouseButton.LeftButton)
        sms_all.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(sms_all, Qt.Key.Key_Space)
        qtbot.mouseDClick(sms_all, Qt.MouseButton.LeftButton)

    assert consent_hook.calls == []
    assert not sms_all.isChecked()
    assert _event_count() == events
    assert load_consent(dana).channels[Channel.SMS].stop_locked


def test_r7_if_asked_anyway_the_model_refuses_and_the_switch_goes_back(
        view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    _stop(view)
    events = _event_count()

    view.opt_in_section().switch_requested.emit(SwitchRequest(Channel.SMS, Switch.ALL, True))

    assert not _switch(view, "switch_sms_all").isChecked()
    assert "only the client can turn SMS back on" in view.opt_in_section().message()
    assert view.findChild(QLabel, "optInMessage").isVisible()
    assert _event_count() == events
    assert not load_consent(dana).channels[Channel.SMS].effective_all


def test_r7_the_grid_and_header_show_the_stop(view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    _stop(view)
    assert view.receives_grid().cell_text(Channel.SMS, "reminder") == (
        "Blocked: SMS All is off — client texted STOP")


# -- R16: changes made elsewhere -------------------------------------------------------------

def test_r16_stale_data_puts_the_switch_back_says_why_and_reloads(
        qtbot: QtBot, view: ClientProfileView, dana: int, staff) -> None:
    view.show_client(dana)
    assert _switch(view, "switch_email_marketing").isChecked()
    # Another workstation turns email marketing off; this profile has not heard yet.
    set_switch(staff["manager"], dana, Channel.EMAIL, Switch.MARKETING, False)
    events = _event_count()

    qtbot.mouseClick(_switch(view, "switch_sms_marketing"), Qt.MouseButton.LeftButton)

    assert not _switch(view, "switch_sms_marketing").isChecked()
    assert not load_consent(dana).channels[Channel.SMS].marketing
    assert "changed elsewhere" in view.opt_in_section().message()
    assert not _switch(view, "switch_email_marketing").isChecked()  # reloaded
    assert _event_count() == events
    assert _top_event(view)[1:3] == ("Mona Manager", "Email – Marketing: on → off")


def test_r16_reload_on_an_external_change_keeps_the_scroll_position(
        qtbot: QtBot, view: ClientProfileView, dana: int, staff) -> None:
    view.show_client(dana)
    bar = view.findChild(QScrollArea, "profileScroll").verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100)
    bar.setValue(100)

    set_switch(staff["manager"], dana, Channel.VOICE, Switch.ALL, False)
    app_events().data_changed.emit(Change(Touched.SWITCHES, client_ids=(dana,)))

    assert not _switch(view, "switch_voice_all").isChecked()
    assert bar.value() == 100


def test_a_change_to_another_client_does_not_reload(
        view: ClientProfileView, dana: int, add_client, staff, monkeypatch: pytest.MonkeyPatch) -> None:
    other = add_client("Sam", "Kim", email=None, mobile="+13125550188")
    view.show_client(dana)
    loads: list[int] = []
    import ui.profile.client_profile_view as module
    original = module.load_consent
    monkeypatch.setattr(module, "load_consent", lambda cid, now=None: loads.append(cid) or original(cid, now))

    app_events().data_changed.emit(Change(Touched.SWITCHES, client_ids=(other,)))
    assert loads == []
    app_events().data_changed.emit(Change(Touched.STUDIO))
    assert loads == [dana]


# -- R12, R13: Hailee is separate --------------------------------------------------------------

def test_r13_compliance_tooltips_say_consent_and_point_to_ai_controls(
        view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    for name in COMPLIANCE_SWITCHES:
        tip = _switch(view, name).toolTip()
        assert "consent" in tip.lower(), name
        assert "does not stop Hailee" in tip and "AI controls" in tip, name


def test_r13_ai_tooltips_say_they_do_not_change_consent(view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    for name in ("switch_ai_outreach", "switch_ai_replies"):
        tip = _switch(view, name).toolTip()
        assert "Hailee only" in tip and "does not change the client's legal consent" in tip, name


def test_r12_ai_switch_changes_through_the_model_without_a_consent_dialog(
        qtbot: QtBot, view: ClientProfileView, dana: int, consent_hook: ConsentHook) -> None:
    view.show_client(dana)
    before = load_consent(dana).channels
    qtbot.mouseClick(_switch(view, "switch_ai_outreach"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_switch(view, "switch_ai_replies"), Qt.MouseButton.LeftButton)
    state = load_consent(dana)
    assert consent_hook.calls == []
    assert (state.ai.outreach, state.ai.replies) == (False, False)
    assert state.channels == before  # R12: AI settings never change consent
    assert _top_event(view)[2] == "Hailee replies: on → off"
    assert view.receives_grid().cell_text(Channel.EMAIL, "ai_reply") == (
        "Blocked: Hailee replies are off for this client")


def test_r12_studio_wide_ai_off_is_shown_read_only(view: ClientProfileView, dana: int, staff) -> None:
    view.show_client(dana)
    assert view.ai_controls().studio_notice_text() == ""
    change = update_ai_settings(staff["manager"], {"ai_enabled": False})
    app_events().data_changed.emit(change)
    assert view.ai_controls().studio_notice_text() == (
        "AI assistant is off for the whole studio (manager setting).")
    assert view.findChild(QLabel, "studioAiNotice").isVisible()


# -- R17: the grid follows the clock ------------------------------------------------------------

def test_r17_quiet_hours_from_the_injected_clock(qtbot: QtBot, db, signed_in, dana: int, staff) -> None:
    set_switch(staff["employee"], dana, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    night = datetime(2026, 11, 26, 3, 0, tzinfo=timezone.utc)  # 10 p.m. in New York
    widget = ClientProfileView(clock=lambda: night)
    qtbot.addWidget(widget)
    widget.show_client(dana)
    grid = widget.receives_grid()
    assert grid.cell_text(Channel.SMS, "campaign") == "Held until 8:00 a.m. local time"
    assert grid.cell_state(Channel.SMS, "campaign") == "held"
    assert grid.cell_text(Channel.SMS, "reminder") == "Allowed"


def test_history_is_newest_first_and_names_events(view: ClientProfileView, dana: int) -> None:
    view.show_client(dana)
    model = view.history_view().model()
    whats = [model.index(row, 2).data() for row in range(model.rowCount())]
    assert whats[-1] == "Added as member"
    assert "SMS – All: on" in whats
    ids = [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == len(list(iter_events(client_id=dana)))


def test_r18_household_notice_words() -> None:
    from models.households import Housemate
    from ui.profile.profile_header import household_notice

    assert household_notice([]) == ""
    assert household_notice([Housemate(2, "Sam Reyes", "mobile")]) == (
        "Shares this mobile with Sam Reyes — a STOP from this number reaches both of them.")
    assert household_notice([Housemate(3, "Jo Kim", "email")]) == "Shares this email with Jo Kim."


def test_a_busy_database_is_said_calmly_and_nothing_changes(qtbot: QtBot, view, dana, database_url,
                                                           confirm_hook) -> None:
    """Another workstation holds the write lock: the opt-out is not lost silently — the window
    says the database is busy, the switch goes back, and the person can try again (R3, R16)."""
    import sqlite3

    from models.db import set_busy_timeout, sqlite_path
    from models.errors import StorageError  # noqa: F401 (what the model layer raises)

    path = sqlite_path(database_url)
    if path is None:
        pytest.skip("holds SQLite's file lock from a second connection")
    view.show_client(dana)
    set_busy_timeout(150)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a long write elsewhere
    try:
        switch = view.findChild(ToggleSwitch, "switch_email_all")
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
        assert "busy" in view.opt_in_section().message()
        assert switch.isChecked()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert load_consent(dana).channels[Channel.EMAIL].all
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)  # the lock is gone: trying again works
    assert not load_consent(dana).channels[Channel.EMAIL].all


def test_r10_a_text_waiting_for_review_shows_on_the_profile(qtbot: QtBot, view, dana) -> None:
    """Before the desk texts a client, it sees that their last text looks like an opt-out."""
    view.show_client(dana)
    assert view.header().review_text() == ""
    process_inbound("+12125550123", "please stop texting me", sid="SM-review")
    app_events().data_changed.emit(Change(Touched.MESSAGES | Touched.REVIEW, client_ids=(dana,)))
    qtbot.waitUntil(lambda: "please stop texting me" in view.header().review_text(), timeout=2000)
    assert view.findChild(QLabel, "reviewNotice").isVisible()


def test_r19_a_text_in_review_shows_its_due_date_and_holds_marketing_in_the_grid(
        qtbot: QtBot, view, dana, staff) -> None:
    for channel in (Channel.SMS, Channel.VOICE):
        set_switch(staff["employee"], dana, channel, Switch.MARKETING, True, method="signed_form")
    process_inbound("+12125550123", "please stop texting me", sid="SM-review",
                    at=datetime(2026, 11, 20, 20, 0, tzinfo=timezone.utc))
    view.show_client(dana)
    assert "Decide by Mon, Dec 7" in view.header().review_text()
    assert "Marketing texts and calls to this mobile are held" in view.header().review_text()
    grid = view.findChild(ReceivesGrid, "receivesGrid")
    for channel in ("sms", "voice"):
        assert grid.cell_state(channel, "campaign") == "held"
        assert grid.cell_text(channel, "campaign") == "Held — a possible opt-out waits for review"
    assert grid.cell_state("sms", "reminder") == "allowed"
    assert grid.cell_state("email", "campaign") == "allowed"
    assert view.header().cancel_text() == ""


def test_r10_a_bare_cancel_is_flagged_on_the_profile_to_call_the_client(qtbot: QtBot, view, dana) -> None:
    process_inbound("+12125550123", "CANCEL", sid="SM-cancel",
                    at=datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc))
    view.show_client(dana)
    assert "may have meant an appointment — call the client" in view.header().cancel_text()
    assert view.findChild(QLabel, "cancelNotice").isVisible()
    assert view.header().review_text() == ""  # a CANCEL holds nothing and waits for no decision
    grid = view.findChild(ReceivesGrid, "receivesGrid")
    assert grid.cell_state("voice", "campaign") != "held"


def test_a_name_or_address_is_shown_as_text_never_as_markup(view: ClientProfileView, add_client) -> None:
    client = add_client("<b>Dana</b>", "<i>Reyes</i>", email="dana@example.com")
    view.show_client(client)
    name = view.findChild(QLabel, "profileName")
    assert name.textFormat() == Qt.TextFormat.PlainText and name.text() == "<b>Dana</b> <i>Reyes</i>"
    assert view.findChild(QLabel, "profile_email").textFormat() == Qt.TextFormat.PlainText
