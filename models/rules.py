"""The consent rules of DESIGN.md §2, written once, in pure Python.

Nothing here touches the database or Qt: the model layer, the what-they-receive grid
and the command line all call these functions, so that a rule exists in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Iterable, Mapping
from zoneinfo import ZoneInfo


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
    Channel.EMAIL: "Email",
    Channel.SMS: "SMS",
    Channel.VOICE: "Phone calls",
    Channel.HOME: "Home phone",
}
ADDRESS_LABELS: Mapping[Address, str] = {
    Address.EMAIL: "email",
    Address.MOBILE: "mobile number",
    Address.HOME_PHONE: "home phone",
}
KIND_LABELS: Mapping[MessageKind, str] = {
    MessageKind.CAMPAIGN: "Campaigns",
    MessageKind.STACK: "Stacks",
    MessageKind.REMINDER: "Reminders",
    MessageKind.BOOKING_HELP: "Booking help",
    MessageKind.AI_OUTREACH: "Hailee outreach",
    MessageKind.AI_REPLY: "Hailee replies",
}


# --- Keywords (R9, R10) -------------------------------------------------------------------------

OPT_OUT_KEYWORDS = frozenset(
    {"stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit", "optout", "opt out",
     "opt-out", "revoke"}
)
OPT_IN_KEYWORDS = frozenset({"start", "unstop"})
HELP_KEYWORDS = frozenset({"help", "info"})
ALL_KEYWORDS = OPT_OUT_KEYWORDS | OPT_IN_KEYWORDS | HELP_KEYWORDS


def _as_word(keyword: str) -> str:
    """A keyword as a word of a longer text: "opt-out" also as "opt out", "stop" also as
    "stopped" or "stopping"."""
    stem = r"[\s-]?".join(re.escape(part) for part in re.split(r"[\s-]+", keyword))
    return stem + r"(?:s|d|ed|ing|ping|ped|led|ling|ting)?"


#: Every opt-out keyword as a word (R10), plus the ways people ask in their own words, and the
#: opt-out words carriers do not block (Spanish, REMOVE…): whole words only, so "stopwatch" and
#: "weekend" stay ordinary, while "Baja California trip?" goes to review — a person dismisses a
#: false alarm in a second, a missed opt-out costs the studio per text.
_REVIEW_PATTERN = re.compile(
    r"\b(?:" + "|".join(_as_word(word) for word in sorted(OPT_OUT_KEYWORDS | {"unsub", "opt me out"}))
    + r"|remove|take me off|leave me alone|do not (?:text|contact|call|message)"
    r"|don'?t (?:text|contact|call|message)|no more (?:texts?|messages?|calls?|emails?)"
    r"|alto|parar|baja|cancelar|no m[aá]s mensajes?)\b"
)
_TRAILING_PUNCTUATION = re.compile(r"[\W_]+$")
_WHITESPACE = re.compile(r"\s+")
#: Curly and look-alike quotes typed by phones, as the straight ones R9 compares.
_QUOTES = str.maketrans("\u2018\u2019\u201a\u201b\u02bc\u2032`\u00b4\u201c\u201d\u201e\u201f\u2033",
                        "'" * 8 + '"' * 5)
#: Letters of other scripts that look like the Latin letters of the keywords (R9), as they read
#: after case-folding: Cyrillic "ЅТОР" is "stop" to the eye. Only the common Cyrillic (first
#: line) and Greek (second) look-alikes: Unicode's full confusables table is not in the standard
#: library, and this only decides between review and "none" (R10), never a change of consent.
_LOOKALIKES = str.maketrans("авеёѕіїјкмнорстухԁԛԝӏүһ" "αβεζηικμνορτυχ",
                            "abeesiijkmhopctyxdqwlyh" "abezhikmnoptyx")
_SQUASHED_KEYWORDS = frozenset(re.sub(r"[\s-]", "", word) for word in ALL_KEYWORDS)
_LONGEST_KEYWORD = max(map(len, _SQUASHED_KEYWORDS))
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize_body(body: str) -> str:
    """Return a text's body as R9 compares it: NFKC, format characters (zero-width space and
    joiners, byte-order mark, word joiner, soft hyphen, direction marks) removed, curly quotes
    straight, case-folded, inner whitespace collapsed, trimmed, no trailing punctuation."""
    text = unicodedata.normalize("NFKC", body)
    if not text.isascii():  # ASCII has no format characters: most texts skip the walk
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # soft hyphen is Cf
    text = text.translate(_QUOTES).casefold()
    text = _WHITESPACE.sub(" ", text).strip()
    return _TRAILING_PUNCTUATION.sub("", text).strip()


def _reads_as_keyword(text: str) -> bool:
    """Whether a person would read a normalized text as a keyword that it does not match
    exactly (R9): its letters spaced out or dotted ("s t o p", "S-T-O-P"), or written with
    look-alike letters of another script — with those, one letter off still counts, since
    Cyrillic "СТОР" (its С reads as a C) is someone typing STOP on a Cyrillic keyboard."""
    if len(text) - text.count(" ") > 3 * _LONGEST_KEYWORD:  # a sentence: skip the work below
        return False
    squashed = _NOT_ALNUM.sub("", text)
    if squashed in _SQUASHED_KEYWORDS:
        return True
    latin = squashed.translate(_LOOKALIKES)
    if len(latin) > _LONGEST_KEYWORD or latin == squashed:
        return False
    return any(len(word) == len(latin) and sum(a != b for a, b in zip(word, latin)) <= 1
               for word in _SQUASHED_KEYWORDS)


def classify_body(body: str) -> Keyword:
    """Classify an inbound text (R9, R10).

    Only an exact keyword changes consent. "YES" is never an opt-in: clients answer YES to
    appointment confirmations. A text that merely contains an opt-out word, or that reads as a
    keyword without being one, goes to review.
    """
    text = normalize_body(body)
    if text in OPT_OUT_KEYWORDS:
        return Keyword.OPT_OUT
    if text in OPT_IN_KEYWORDS:
        return Keyword.OPT_IN
    if text in HELP_KEYWORDS:
        return Keyword.HELP
    latin = text if text.isascii() else text.translate(_LOOKALIKES)
    if _reads_as_keyword(text) or _REVIEW_PATTERN.search(latin):
        return Keyword.REVIEW
    return Keyword.NONE


def may_mean_appointment(body: str) -> bool:
    """Whether an opt-out may have meant an appointment: a bare CANCEL locks (R9, carriers
    block it) but salon clients text it to cancel a booking, so staff should call (R10)."""
    return normalize_body(body) == "cancel"


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
    if consent.address is None:
        return False
    if consent.stop_locked or not consent.all:
        return True
    return marketing_default and not consent.marketing


def switch_blocker(consent: ChannelConsent, switch: Switch, turn_on: bool) -> str | None:
    """Why a switch may not be set as asked, or None if the rules allow it (R3, R4, R5, R7).

    Turning a switch off is never refused (R3) — it is only meaningless without an address.
    """
    label = CHANNEL_LABELS[consent.channel]
    if consent.address is None:
        return f"No {ADDRESS_LABELS[CHANNEL_ADDRESS[consent.channel]]} on file, so {label} has no switches"
    if not turn_on:
        return None
    if switch is Switch.ALL and consent.channel is Channel.SMS and consent.stop_locked:
        return ("This number texted STOP: only the client can turn SMS back on, by texting START")
    if switch is Switch.MARKETING and not consent.effective_all:
        if consent.channel is Channel.SMS and consent.stop_locked:
            return ("This number texted STOP: only the client can turn SMS back on, by texting START")
        return f"{label} Marketing can be on only while {label} All is on"
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
    held_until: datetime | None = None

    @property
    def held(self) -> bool:
        return self.held_until is not None


ALLOWED = Decision(True)


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
) -> Decision:
    """May a message of `kind` be sent on this channel now?

    Compliance first (R1, R2, R5, R7): an AI message needs compliance's permission too (R13).
    Then the AI settings (R12), then quiet hours (R17), so the reason shown is the one staff
    can act on first. An archived client receives nothing: their record is kept, not used.
    """
    if archived:
        return Decision(False, "Client is archived")
    channel = consent.channel
    label = CHANNEL_LABELS[channel]
    if consent.address is None:
        return Decision(False, f"No {ADDRESS_LABELS[CHANNEL_ADDRESS[channel]]} on file")
    if not consent.effective_all:
        if channel is Channel.SMS and consent.stop_locked:
            return Decision(False, "SMS All is off — client texted STOP")
        return Decision(False, f"{label} All is off")
    if kind in MARKETING_KINDS and not consent.effective_marketing:
        return Decision(False, "Marketing is off")
    if kind in AI_KINDS:
        limits = studio_ai_limits(studio_ai)
        if StudioAILimit.ASSISTANT_OFF in limits:
            return Decision(False, "AI assistant is off for the studio")
        if kind is MessageKind.AI_OUTREACH:
            if StudioAILimit.OUTREACH_OFF in limits:
                return Decision(False, "Hailee outreach is off for the studio (staff tasks instead)")
            if not client_ai.outreach:
                return Decision(False, "Hailee outreach is off for this client")
        else:
            if StudioAILimit.REPLIES_OFF in limits:
                return Decision(False, "Hailee message reply is off for the studio")
            if StudioAILimit.REPLIES_MEMBERS_ONLY in limits and not is_member:
                return Decision(False, "Hailee replies are on for members only")
            if not client_ai.replies:
                return Decision(False, "Hailee replies are off for this client")
    if kind in HELD_KINDS and channel in PHONE_CHANNELS:
        release = held_until(now, zones, hours)
        if release is not None:
            return Decision(False, f"held until {format_clock(release)} local time", release)
    return ALLOWED


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)
