"""The consent rules of DESIGN.md §2, written once, in pure Python.

Nothing here touches the database or Qt: the model layer, the what-they-receive grid
and the command line all call these functions, so that a rule exists in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Iterable, Mapping
from zoneinfo import ZoneInfo

from .wording import say


class Channel(StrEnum):
    """A form of communication (DESIGN §1)."""

    EMAIL = "email"
    SMS = "sms"
    VOICE = "voice"
    HOME = "home"


class Switch(StrEnum):
    """One of the two switches every channel has."""

    MARKETING = "marketing"
    ALL = "all"


class MessageKind(StrEnum):
    """What a message is for; decides which switches and AI settings apply."""

    CAMPAIGN = "campaign"
    STACK = "stack"
    REMINDER = "reminder"
    BOOKING_HELP = "booking_help"
    AI_OUTREACH = "ai_outreach"
    AI_REPLY = "ai_reply"


class Keyword(StrEnum):
    """What an inbound text means for consent (R9, R10)."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    REVIEW = "review"
    NONE = "none"


class Address(StrEnum):
    """Which address on file a channel uses."""

    EMAIL = "email"
    MOBILE = "mobile"
    HOME_PHONE = "home_phone"


CHANNELS: tuple[Channel, ...] = (Channel.EMAIL, Channel.SMS, Channel.VOICE, Channel.HOME)
SWITCHES: tuple[Switch, ...] = (Switch.MARKETING, Switch.ALL)
MESSAGE_KINDS: tuple[MessageKind, ...] = tuple(MessageKind)

MARKETING_KINDS = frozenset({MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH})
AI_KINDS = frozenset({MessageKind.AI_OUTREACH, MessageKind.AI_REPLY})
PHONE_CHANNELS = frozenset({Channel.SMS, Channel.VOICE, Channel.HOME})

CHANNEL_ADDRESS: Mapping[Channel, Address] = {
    Channel.EMAIL: Address.EMAIL,
    Channel.SMS: Address.MOBILE,
    Channel.VOICE: Address.MOBILE,
    Channel.HOME: Address.HOME_PHONE,
}

#: What the screen calls each channel, and the address it needs.
CHANNEL_LABELS: Mapping[Channel, str] = {
    Channel.EMAIL: say("Email"),
    Channel.SMS: say("SMS"),
    Channel.VOICE: say("Phone calls"),
    Channel.HOME: say("Home phone"),
}
ADDRESS_LABELS: Mapping[Address, str] = {
    Address.EMAIL: say("email"),
    Address.MOBILE: say("mobile number"),
    Address.HOME_PHONE: say("home phone"),
}
KIND_LABELS: Mapping[MessageKind, str] = {
    MessageKind.CAMPAIGN: say("Campaigns"),
    MessageKind.STACK: say("Stacks"),
    MessageKind.REMINDER: say("Reminders"),
    MessageKind.BOOKING_HELP: say("Booking help"),
    MessageKind.AI_OUTREACH: say("Hailee outreach"),
    MessageKind.AI_REPLY: say("Hailee replies"),
}
#: The refusal of SMS on a number that texted STOP (R7), whoever asks.
STOP_LOCK_REFUSAL = say("This number texted STOP: only the client can turn SMS back on, by "
                        "texting START")


# --- Switch state (R4, R4a, R5, R7) ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ChannelConsent:
    """One channel's stored consent for a client, and what constrains it."""

    channel: Channel
    address: str | None
    all: bool
    marketing: bool
    stop_locked: bool = False
    stop_locked_at: datetime | None = None

    @property
    def effective_all(self) -> bool:
        """All as the screen shows it: off without an address (R5) or under a STOP lock (R7)."""
        return self.address is not None and self.all and not self.stop_locked

    @property
    def effective_marketing(self) -> bool:
        """Marketing as the screen shows it: only while All is on (R4)."""
        return self.effective_all and self.marketing


def default_switches(has_address: bool, marketing_default: bool) -> tuple[bool, bool]:
    """The (all, marketing) a new client starts with on a channel (R4a)."""
    return (has_address, has_address and marketing_default)


def is_opted_out(consent: ChannelConsent, marketing_default: bool) -> bool:
    """Whether a channel shows an opt-out: the client turned down what the studio would
    otherwise send — All off (or a STOP lock) on an address on file, or Marketing off where the
    studio's default is on. Marketing off on SMS by default is no opt-out: it was never on."""
    return opts_out(consent.address is not None, consent.all, consent.marketing,
                    consent.stop_locked, marketing_default)


def opts_out(has_address: bool, all_on: bool, marketing_on: bool, stop_locked: bool,
             marketing_default: bool) -> bool:
    """`is_opted_out` from the stored values themselves, for a list of many clients (a page of
    the client list asks it 200 times)."""
    if not has_address:
        return False
    if stop_locked or not all_on:
        return True
    return marketing_default and not marketing_on


def switch_blocker(consent: ChannelConsent, switch: Switch, turn_on: bool) -> str | None:
    """Why a switch may not be set as asked, or None if the rules allow it (R3, R4, R5, R7).

    Turning a switch off is never refused (R3) — it is only meaningless without an address.
    """
    label = CHANNEL_LABELS[consent.channel]
    if consent.address is None:
        return say("No {address} on file, so {channel} has no switches",
                   address=ADDRESS_LABELS[CHANNEL_ADDRESS[consent.channel]], channel=label)
    if not turn_on:
        return None
    if switch is Switch.ALL and consent.channel is Channel.SMS and consent.stop_locked:
        return STOP_LOCK_REFUSAL
    if switch is Switch.MARKETING and not consent.effective_all:
        if consent.channel is Channel.SMS and consent.stop_locked:
            return STOP_LOCK_REFUSAL
        return say("{channel} Marketing can be on only while {channel} All is on", channel=label)
    return None


# --- AI settings (R12) -------------------------------------------------------------------------

class ResponseTime(StrEnum):
    """How quickly Hailee answers."""

    DYNAMIC = "dynamic"
    INSTANT = "instant"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class StudioAI:
    """Studio-wide AI settings (owner and manager only, R12)."""

    enabled: bool = True
    outreach: bool = True
    reply_all: bool = True
    reply_members: bool = True
    response_time: ResponseTime = ResponseTime.DYNAMIC
    response_minutes: int = 5


class StudioAILimit(StrEnum):
    """Something the studio's AI settings hold back from every client (R12)."""

    ASSISTANT_OFF = "assistant_off"
    OUTREACH_OFF = "outreach_off"  # outreach becomes staff tasks
    REPLIES_MEMBERS_ONLY = "replies_members_only"
    REPLIES_OFF = "replies_off"


def studio_ai_limits(ai: StudioAI) -> tuple[StudioAILimit, ...]:
    """What the studio's AI settings hold back, whoever the client: the assistant off hides
    every other limit, since nothing of Hailee's is sent then."""
    if not ai.enabled:
        return (StudioAILimit.ASSISTANT_OFF,)
    limits = []
    if not ai.outreach:
        limits.append(StudioAILimit.OUTREACH_OFF)
    if not ai.reply_all:
        limits.append(StudioAILimit.REPLIES_MEMBERS_ONLY if ai.reply_members
                      else StudioAILimit.REPLIES_OFF)
    return tuple(limits)


@dataclass(frozen=True, slots=True)
class ClientAI:
    """Per-client Hailee switches (R12)."""

    outreach: bool = True
    replies: bool = True


# --- Quiet hours (R17) -------------------------------------------------------------------------

QUIET_START = time(21, 0)
QUIET_END = time(8, 0)
HELD_KINDS = MARKETING_KINDS
#: When held kinds may go out, by the recipient's local weekday (Monday first): a (from, until)
#: window, or None for a day without one. The federal one is every day 8 a.m.–9 p.m.; the
#: stricter ones of the states are in models/quiet_hours.py.
QuietHours = tuple[tuple[time, time] | None, ...]
FEDERAL_HOURS: QuietHours = ((QUIET_END, QUIET_START),) * 7


def _next_window(local: datetime, hours: QuietHours) -> datetime | None:
    """When the next window opens for a local time outside one, or None inside one."""
    day, window = local.date(), hours[local.weekday()]
    if window is not None and local.time() < window[1]:
        if window[0] <= local.time():
            return None
        return datetime.combine(day, window[0], tzinfo=local.tzinfo)
    for _ in range(7):
        day += timedelta(days=1)
        window = hours[day.weekday()]
        if window is not None:
            return datetime.combine(day, window[0], tzinfo=local.tzinfo)
    raise ValueError("quiet hours without a window on any day of the week")


def held_until(now: datetime, zones: Iterable[ZoneInfo],
               hours: QuietHours = FEDERAL_HOURS) -> datetime | None:
    """When a held message may go out, or None if `now` is within the window of `hours` (by
    default 8 a.m.–9 p.m.) in every zone.

    A number whose area spans several time zones is treated by the strictest of them: the
    message waits until a window is open in all of them. A state window can differ by weekday:
    a Saturday 5:30 p.m. text to Rhode Island waits for Sunday 10 a.m.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zones = tuple(zones)
    # Move to the next opening of any zone that is in its quiet hours, until no zone is: a zone
    # inside its window now may be outside it at another zone's 8 a.m. (+1 850 at 9:30 p.m.
    # in New York must wait for 8 a.m. in Chicago, not 8 a.m. in New York = 7 a.m. there).
    moment = now
    for _ in range(8 * len(zones)):
        moved = False
        for zone in zones:
            release = _next_window(moment.astimezone(zone), hours)
            if release is not None:
                moment, moved = release, True
        if not moved:
            break
    return None if moment is now else moment


def format_clock(moment: datetime) -> str:
    """'8:00 a.m.' in the style of the grid."""
    hour = moment.hour % 12 or 12
    suffix = "a.m." if moment.hour < 12 else "p.m."
    return f"{hour}:{moment.minute:02d} {suffix}"


# --- can_send (R1, R2, R12, R13, R17) ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a message may be sent now, and if not, the reason the grid shows."""

    allowed: bool
    reason: str | None = None
    #: Held by quiet hours until then (R17).
    held_until: datetime | None = None
    #: Held while a text from the number waits in Needs review (R19): until staff decide,
    #: so there is no time to show.
    held_for_review: bool = False

    @property
    def held(self) -> bool:
        """Neither sent nor blocked: it waits (R17, R19)."""
        return self.held_until is not None or self.held_for_review


ALLOWED = Decision(True)
#: Marketing to a number whose text waits in Needs review (R19).
REVIEW_HOLD = Decision(False, say("held — a possible opt-out waits for review"), held_for_review=True)
REVIEW_HELD_KINDS = MARKETING_KINDS


def can_send(
    consent: ChannelConsent,
    kind: MessageKind,
    *,
    studio_ai: StudioAI,
    client_ai: ClientAI,
    is_member: bool,
    now: datetime,
    zones: Iterable[ZoneInfo] = (),
    hours: QuietHours = FEDERAL_HOURS,
    archived: bool = False,
    review_waiting: bool = False,
) -> Decision:
    """May a message of `kind` be sent on this channel now?

    Compliance first (R1, R2, R5, R7): an AI message needs compliance's permission too (R13).
    Then the AI settings (R12), then quiet hours (R17), so the reason shown is the one staff
    can act on first. An archived client receives nothing: their record is kept, not used.
    `review_waiting`: a text from the client's mobile waits in Needs review, so marketing to
    that number (sms, voice) is held until staff decide (R19).
    """
    if archived:
        return Decision(False, say("Client is archived"))
    channel = consent.channel
    label = CHANNEL_LABELS[channel]
    if consent.address is None:
        return Decision(False, say("No {address} on file",
                                   address=ADDRESS_LABELS[CHANNEL_ADDRESS[channel]]))
    if not consent.effective_all:
        if channel is Channel.SMS and consent.stop_locked:
            return Decision(False, say("SMS All is off — client texted STOP"))
        return Decision(False, say("{channel} All is off", channel=label))
    if kind in MARKETING_KINDS and not consent.effective_marketing:
        return Decision(False, say("Marketing is off"))
    if kind in AI_KINDS:
        limits = studio_ai_limits(studio_ai)
        if StudioAILimit.ASSISTANT_OFF in limits:
            return Decision(False, say("AI assistant is off for the studio"))
        if kind is MessageKind.AI_OUTREACH:
            if StudioAILimit.OUTREACH_OFF in limits:
                return Decision(False, say("Hailee outreach is off for the studio (staff tasks "
                                           "instead)"))
            if not client_ai.outreach:
                return Decision(False, say("Hailee outreach is off for this client"))
        else:
            if StudioAILimit.REPLIES_OFF in limits:
                return Decision(False, say("Hailee message reply is off for the studio"))
            if StudioAILimit.REPLIES_MEMBERS_ONLY in limits and not is_member:
                return Decision(False, say("Hailee replies are on for members only"))
            if not client_ai.replies:
                return Decision(False, say("Hailee replies are off for this client"))
    if review_waiting and kind in REVIEW_HELD_KINDS and CHANNEL_ADDRESS[channel] is Address.MOBILE:
        return REVIEW_HOLD
    if kind in HELD_KINDS and channel in PHONE_CHANNELS:
        release = held_until(now, zones, hours)
        if release is not None:
            return Decision(False, say("held until {time} local time",
                                       time=format_clock(release)), release)
    return ALLOWED


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)
