"""The pure consent rules of models/rules.py: can_send() (R1, R2, R5, R12, R13, R17), the switch
blocker (R3, R4, R5, R7), effective switch states (R4) and the keyword table (R9, R10).

No database here: these are the functions the model layer, the grid and the CLI all call.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from models.keywords import HELP_KEYWORDS, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, classify_body
from models.rules import CHANNELS, MESSAGE_KINDS, Channel, ChannelConsent, ClientAI, Keyword, MessageKind, StudioAI, Switch, can_send, default_switches, format_clock, held_until, switch_blocker
from tests.models.test_keywords_property import DESIGN_HELP, DESIGN_OPT_IN, DESIGN_OPT_OUT

NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
#: 12:00 noon in New York: inside every US zone's 8 a.m.–9 p.m. window except Hawaii's.
NOON_NY = datetime(2026, 6, 15, 12, 0, tzinfo=NEW_YORK).astimezone(timezone.utc)

MARKETING = {MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH}
OPERATIONAL = {MessageKind.REMINDER, MessageKind.BOOKING_HELP, MessageKind.AI_REPLY}
ADDRESS = {Channel.EMAIL: "dana@example.com", Channel.SMS: "+12125550199",
           Channel.VOICE: "+12125550199", Channel.HOME: "+12125550100"}


def consent(channel: Channel = Channel.SMS, *, address: str | None = "default", all: bool = True,
            marketing: bool = True, locked: bool = False) -> ChannelConsent:
    return ChannelConsent(channel=channel, address=ADDRESS[channel] if address == "default" else address,
                          all=all, marketing=marketing, stop_locked=locked,
                          stop_locked_at=NOON_NY if locked else None)


STUDIO_AI_ON, CLIENT_AI_ON = StudioAI(), ClientAI()


def decide(c: ChannelConsent, kind: MessageKind, *, studio_ai: StudioAI = STUDIO_AI_ON,
           client_ai: ClientAI = CLIENT_AI_ON, member: bool = True, now: datetime = NOON_NY,
           zones: tuple[ZoneInfo, ...] = (NEW_YORK,)):
    return can_send(c, kind, studio_ai=studio_ai, client_ai=client_ai, is_member=member, now=now,
                    zones=zones)


# --- R1, R2: the two switches --------------------------------------------------------------------

@pytest.mark.parametrize("channel", CHANNELS)
def test_r1_all_off_blocks_every_kind(channel):
    off = consent(channel, all=False, marketing=True)
    for kind in MESSAGE_KINDS:
        decision = decide(off, kind)
        assert not decision.allowed, kind
        assert decision.reason.endswith("All is off")
        assert not decision.held


def test_r1_stop_lock_blocks_every_sms_kind_even_with_all_stored_on():
    locked = consent(Channel.SMS, all=True, marketing=True, locked=True)
    for kind in MESSAGE_KINDS:
        decision = decide(locked, kind)
        assert not decision.allowed
        assert decision.reason == "SMS All is off — client texted STOP"


@pytest.mark.parametrize("channel", CHANNELS)
def test_r2_marketing_off_blocks_marketing_kinds_only(channel):
    c = consent(channel, all=True, marketing=False)
    for kind in MESSAGE_KINDS:
        decision = decide(c, kind)
        if kind in MARKETING:
            assert not decision.allowed and decision.reason == "Marketing is off", kind
        else:
            assert decision.allowed, kind


@pytest.mark.parametrize("channel", CHANNELS)
def test_r2_both_switches_on_allow_every_kind_in_the_day(channel):
    c = consent(channel)
    assert all(decide(c, kind).allowed for kind in MESSAGE_KINDS)


# --- R3, R4, R5, R7: what a switch may be set to ------------------------------------------------

@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("switch", list(Switch))
@pytest.mark.parametrize("locked", [False, True])
def test_r3_turning_a_switch_off_is_never_refused(channel, switch, locked):
    c = consent(channel, all=False, marketing=False, locked=locked and channel is Channel.SMS)
    assert switch_blocker(c, switch, turn_on=False) is None


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("all_on", [False, True])
@pytest.mark.parametrize("marketing", [False, True])
def test_r4_marketing_counts_only_while_all_is_on(channel, all_on, marketing):
    # That the stored value is kept and counts again when All comes back on is the model
    # layer's to keep: test_consent.py::test_r4_stored_marketing_counts_again_when_all_comes_back_on.
    c = consent(channel, all=all_on, marketing=marketing)
    assert c.effective_all is all_on
    assert c.effective_marketing is (all_on and marketing)
    assert consent(channel, address=None, all=all_on, marketing=marketing).effective_marketing is False
    if channel is Channel.SMS:  # a STOP lock reads All, and so Marketing, off (R7)
        assert consent(channel, all=all_on, marketing=marketing, locked=True).effective_marketing is False


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.VOICE, Channel.HOME])
def test_r4_marketing_on_refused_while_all_off(channel):
    blocker = switch_blocker(consent(channel, all=False, marketing=False), Switch.MARKETING, True)
    assert blocker is not None and "only while" in blocker
    assert switch_blocker(consent(channel, all=True, marketing=False), Switch.MARKETING, True) is None


def test_r4a_new_channel_defaults():
    assert default_switches(has_address=True, marketing_default=True) == (True, True)
    assert default_switches(has_address=True, marketing_default=False) == (True, False)
    assert default_switches(has_address=False, marketing_default=True) == (False, False)


@pytest.mark.parametrize("channel, words", [(Channel.EMAIL, "No email on file"),
                                            (Channel.SMS, "No mobile number on file"),
                                            (Channel.VOICE, "No mobile number on file"),
                                            (Channel.HOME, "No home phone on file")])
def test_r5_no_address_receives_nothing_and_has_no_switches(channel, words):
    c = consent(channel, address=None, all=True, marketing=True)
    assert not c.effective_all and not c.effective_marketing
    for kind in MESSAGE_KINDS:
        decision = decide(c, kind)
        assert not decision.allowed and decision.reason == words
    for switch in Switch:
        assert switch_blocker(c, switch, turn_on=True) is not None


@pytest.mark.parametrize("switch", list(Switch))
def test_r7_stop_lock_refuses_sms_switches_on(switch):
    # Even a stored All that reads on cannot be used to turn Marketing on past the lock.
    for stored_all in (False, True):
        blocker = switch_blocker(consent(Channel.SMS, all=stored_all, marketing=False, locked=True),
                                 switch, turn_on=True)
        assert blocker is not None and "START" in blocker


def test_r7_locked_sms_all_reads_off_whatever_is_stored():
    c = consent(Channel.SMS, all=True, marketing=True, locked=True)
    assert not c.effective_all and not c.effective_marketing


# --- R9, R10: keywords ------------------------------------------------------------------------------

def keyword_cases(design: tuple[str, ...], implemented: frozenset[str]) -> list[str]:
    """DESIGN R9's words and the implementation's table together, so a word dropped from
    models/rules.py fails as a DESIGN case and a word added there fails as not DESIGN's."""
    return sorted({word.casefold() for word in design} | set(implemented))


DRESSES = ["{}", "{}.", "  {}!!  ", "{}?", "\t{}\n"]


@pytest.mark.parametrize("word", keyword_cases(DESIGN_OPT_OUT, OPT_OUT_KEYWORDS))
@pytest.mark.parametrize("dress", DRESSES)
def test_r9_every_opt_out_keyword_is_an_opt_out(word, dress):
    assert word in {w.casefold() for w in DESIGN_OPT_OUT}, "not an opt-out keyword in DESIGN R9"
    for spelling in (word, word.upper(), word.title()):
        assert classify_body(dress.format(spelling)) is Keyword.OPT_OUT


@pytest.mark.parametrize("word", keyword_cases(DESIGN_OPT_IN, OPT_IN_KEYWORDS))
@pytest.mark.parametrize("dress", DRESSES)
def test_r9_start_and_unstop_are_opt_in(word, dress):
    assert word in {w.casefold() for w in DESIGN_OPT_IN}, "not an opt-in keyword in DESIGN R9"
    for spelling in (word, word.upper(), word.title()):
        assert classify_body(dress.format(spelling)) is Keyword.OPT_IN


@pytest.mark.parametrize("word", keyword_cases(DESIGN_HELP, HELP_KEYWORDS))
@pytest.mark.parametrize("dress", DRESSES)
def test_r9_help_and_info_are_help(word, dress):
    assert word in {w.casefold() for w in DESIGN_HELP}, "not a help keyword in DESIGN R9"
    for spelling in (word, word.upper(), word.title()):
        assert classify_body(dress.format(spelling)) is Keyword.HELP


@pytest.mark.parametrize("body", ["YES", "yes", "Yes!", "Y", "YES PLEASE", "yes start", "Yeah"])
def test_r9_yes_is_never_an_opt_in(body):
    assert classify_body(body) is not Keyword.OPT_IN


def test_r9_full_width_and_inner_whitespace_normalize():
    assert classify_body("ＳＴＯＰ") is Keyword.OPT_OUT
    assert classify_body("stop \t  all") is Keyword.OPT_OUT
    assert classify_body("ＯＰＴ－ＯＵＴ") is Keyword.OPT_OUT
    assert classify_body("ＳＴＡＲＴ") is Keyword.OPT_IN


@pytest.mark.parametrize("body", ["please stop texting me", "Stop sending these", "stop stop",
                                  "can you remove me from the list", "I want to opt out of promos",
                                  "unsubscribe me please", "don't text me"])
def test_r10_text_containing_an_opt_out_word_goes_to_review(body):
    assert classify_body(body) is Keyword.REVIEW


@pytest.mark.parametrize("body", ["See you at 6!", "Can I move my class?", "", "   ", "stopwatch?",
                                  "Great weekend, friend", "That was quite the workout",
                                  "endorsement", "Can I start on Monday?", "info on prices please",
                                  "help me book a class", "yes"])
def test_r10_ordinary_text_is_not_a_keyword(body):
    # No opt-out word in it, so not review either (R10): a keyword word in a sentence is not a keyword.
    assert classify_body(body) is Keyword.NONE


# --- R12, R13: AI settings and compliance --------------------------------------------------------

def test_r12_studio_ai_off_blocks_ai_kinds_only():
    off = StudioAI(enabled=False)
    c = consent(Channel.SMS)
    for kind in MESSAGE_KINDS:
        decision = decide(c, kind, studio_ai=off)
        if kind in (MessageKind.AI_OUTREACH, MessageKind.AI_REPLY):
            assert not decision.allowed and "AI assistant is off" in decision.reason
        else:
            assert decision.allowed


def test_r12_outreach_off_becomes_staff_tasks_and_leaves_replies():
    studio = StudioAI(outreach=False)
    outreach = decide(consent(), MessageKind.AI_OUTREACH, studio_ai=studio)
    assert not outreach.allowed and "staff tasks" in outreach.reason
    assert decide(consent(), MessageKind.AI_REPLY, studio_ai=studio).allowed


def test_r12_message_reply_for_members_only():
    studio = StudioAI(reply_all=False, reply_members=True)
    assert decide(consent(), MessageKind.AI_REPLY, studio_ai=studio, member=True).allowed
    prospect = decide(consent(), MessageKind.AI_REPLY, studio_ai=studio, member=False)
    assert not prospect.allowed and "members only" in prospect.reason
    nobody = StudioAI(reply_all=False, reply_members=False)
    assert not decide(consent(), MessageKind.AI_REPLY, studio_ai=nobody, member=True).allowed


def test_r12_per_client_hailee_switches():
    no_outreach = decide(consent(), MessageKind.AI_OUTREACH, client_ai=ClientAI(outreach=False))
    assert not no_outreach.allowed and no_outreach.reason == "Hailee outreach is off for this client"
    no_replies = decide(consent(), MessageKind.AI_REPLY, client_ai=ClientAI(replies=False))
    assert not no_replies.allowed and no_replies.reason == "Hailee replies are off for this client"
    # Hailee's switches do not touch the compliance kinds.
    both_off = ClientAI(outreach=False, replies=False)
    assert decide(consent(), MessageKind.CAMPAIGN, client_ai=both_off).allowed
    assert decide(consent(), MessageKind.REMINDER, client_ai=both_off).allowed


@pytest.mark.parametrize("channel", CHANNELS)
def test_r13_ai_message_needs_ai_settings_and_compliance(channel):
    ai_on = StudioAI()
    # AI allows it, compliance does not: blocked.
    assert not decide(consent(channel, marketing=False), MessageKind.AI_OUTREACH, studio_ai=ai_on).allowed
    assert not decide(consent(channel, all=False), MessageKind.AI_REPLY, studio_ai=ai_on).allowed
    # Compliance allows it, AI does not: blocked.
    assert not decide(consent(channel), MessageKind.AI_OUTREACH, studio_ai=StudioAI(enabled=False)).allowed
    assert not decide(consent(channel), MessageKind.AI_REPLY,
                      client_ai=ClientAI(replies=False)).allowed
    # Both allow it.
    assert decide(consent(channel), MessageKind.AI_OUTREACH).allowed
    assert decide(consent(channel), MessageKind.AI_REPLY).allowed


# --- R17: quiet hours ------------------------------------------------------------------------------

def ny(hour: int, minute: int = 0, day: int = 26) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=NEW_YORK)


@pytest.mark.parametrize("local, held", [((2, 0), True), ((7, 59), True), ((8, 0), False),
                                         ((12, 0), False), ((20, 59), False), ((21, 0), True),
                                         ((23, 30), True)])
@pytest.mark.parametrize("channel", [Channel.SMS, Channel.VOICE, Channel.HOME])
def test_r17_marketing_held_outside_8am_to_9pm_local(local, held, channel):
    now = ny(*local)
    for kind in MARKETING:
        decision = decide(consent(channel), kind, now=now)
        assert decision.held is held, (kind, local)
        assert decision.allowed is not held
        if held:
            assert decision.reason == "held until 8:00 a.m. local time"
            release = decision.held_until.astimezone(NEW_YORK)
            assert (release.hour, release.minute) == (8, 0)
            assert release > now and release - now <= timedelta(hours=11)


@pytest.mark.parametrize("channel", [Channel.SMS, Channel.VOICE, Channel.HOME])
def test_r17_operational_kinds_are_not_held(channel):
    for kind in OPERATIONAL:
        assert decide(consent(channel), kind, now=ny(2)).allowed


def test_r17_email_is_never_held():
    for kind in MESSAGE_KINDS:
        assert decide(consent(Channel.EMAIL), kind, now=ny(2)).allowed


def test_r17_waits_for_8am_in_every_zone_of_the_number():
    # 9:30 in New York is 6:30 in Los Angeles: a number in both waits for 8:00 in Los Angeles.
    decision = decide(consent(), MessageKind.CAMPAIGN, now=ny(9, 30), zones=(NEW_YORK, LOS_ANGELES))
    assert decision.held
    assert decision.held_until == datetime(2026, 11, 26, 8, 0, tzinfo=LOS_ANGELES)


def test_r17_held_until_needs_an_aware_time_and_reason_comes_after_compliance():
    with pytest.raises(ValueError):
        held_until(datetime(2026, 11, 26, 2, 0), [NEW_YORK])
    # Marketing off is the reason staff can act on; quiet hours are not even considered.
    decision = decide(consent(marketing=False), MessageKind.CAMPAIGN, now=ny(2))
    assert decision.reason == "Marketing is off" and not decision.held


def test_r17_format_clock_in_grid_words():
    assert format_clock(datetime(2026, 1, 1, 8, 0)) == "8:00 a.m."
    assert format_clock(datetime(2026, 1, 1, 0, 5)) == "12:05 a.m."
    assert format_clock(datetime(2026, 1, 1, 12, 0)) == "12:00 p.m."
    assert format_clock(datetime(2026, 1, 1, 21, 30)) == "9:30 p.m."


def test_r17_number_in_two_zones_is_not_released_at_7am_in_either():
    # +1 850 lies in New York's and Chicago's zones. At 9:30 p.m. in New York (8:30 p.m. in
    # Chicago) a campaign must wait until 8:00 a.m. in Chicago, not 8:00 a.m. in New York,
    # which is 7:00 a.m. for a recipient in Chicago.
    chicago = ZoneInfo("America/Chicago")
    release = held_until(ny(21, 30), [chicago, NEW_YORK])
    assert release == datetime(2026, 11, 27, 8, 0, tzinfo=chicago)
    assert held_until(ny(21, 30), [NEW_YORK, chicago]) == release  # whatever the order
    decision = decide(consent(), MessageKind.CAMPAIGN, now=ny(21, 30), zones=(NEW_YORK, chicago))
    assert decision.reason == "held until 8:00 a.m. local time"
