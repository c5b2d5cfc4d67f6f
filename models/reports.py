"""The manager's reports (R15: managers and owners): clients per channel and consent state,
opt-outs per month, and texts sent after opt-out (R23). Read-only queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any, Iterable, cast

import peewee
from peewee import Case, fn

from .errors import InvalidInput
from .households import names_by_mobile
from .outbound import OutboundKind, first_words
from .rules import CHANNEL_ADDRESS, CHANNELS, Address, Channel, Switch, utc_now
from .schema import Client, ConsentEvent, InboundMessage, OutboundMessage, StopLock
from .staff import Role, SignedIn, require_role
from .wording import say


class ChannelState(StrEnum):
    """Where an active client stands on one channel. Each client is in exactly one."""

    NO_ADDRESS = "no_address"
    ALL_OFF = "all_off"
    STOP_LOCKED = "stop_locked"  # SMS only: the number texted STOP (R6)
    MARKETING_OFF = "marketing_off"
    MARKETING_ON = "marketing_on"


CHANNEL_STATES: tuple[ChannelState, ...] = tuple(ChannelState)
STATE_LABELS = {
    ChannelState.NO_ADDRESS: say("No address"),
    ChannelState.ALL_OFF: say("All off"),
    ChannelState.STOP_LOCKED: say("STOP-locked"),
    ChannelState.MARKETING_OFF: say("Marketing off"),
    ChannelState.MARKETING_ON: say("Marketing on"),
}

_ADDRESS_COLUMNS = {Address.EMAIL: Client.email, Address.MOBILE: Client.mobile,
                    Address.HOME_PHONE: Client.home_phone}
#: Longest history a report asks for: ten years of months.
MAX_MONTHS = 120


def channel_state_counts(who: SignedIn) -> dict[Channel, dict[ChannelState, int]]:
    """How many active (not archived) clients are in each state, for every channel.

    The states are exclusive and tested in this order: no address on file (R5); STOP-locked
    (SMS only: the lock belongs to the mobile number, R6, and does not touch calls); All off;
    Marketing off; Marketing on — what the Opt-In section shows, as `effective_*` reads it
    (R4: Marketing counts only while All is on). STOP_LOCKED is 0 for the other channels.

    One scan of the client table with a left join on the locks: every count in one query.
    """
    require_role(who, Role.MANAGER)
    locked = StopLock.number.is_null(False)
    columns: list[peewee.ColumnBase] = []
    keys: list[tuple[Channel, ChannelState]] = []
    for channel in CHANNELS:
        address = _ADDRESS_COLUMNS[CHANNEL_ADDRESS[channel]]
        all_on = getattr(Client, f"{channel.value}_{Switch.ALL.value}") == True  # noqa: E712
        marketing_on = getattr(Client, f"{channel.value}_{Switch.MARKETING.value}") == True  # noqa: E712
        has = address.is_null(False)
        if channel is Channel.SMS:
            has_unlocked = has & StopLock.number.is_null(True)
            conditions = {ChannelState.STOP_LOCKED: has & locked}
        else:
            has_unlocked = has
            conditions = {}
        conditions.update({
            ChannelState.NO_ADDRESS: address.is_null(True),
            ChannelState.ALL_OFF: has_unlocked & ~all_on,
            ChannelState.MARKETING_OFF: has_unlocked & all_on & ~marketing_on,
            ChannelState.MARKETING_ON: has_unlocked & all_on & marketing_on,
        })
        for state, condition in conditions.items():
            columns.append(fn.SUM(Case(None, [(condition, 1)], 0)))
            keys.append((channel, state))
    query = (Client.select(*columns)
             .join(StopLock, peewee.JOIN.LEFT_OUTER, on=(StopLock.number == Client.mobile))
             .where(Client.archived == False))  # noqa: E712 (peewee expression)
    values = cast(tuple[Any, ...], query.tuples().get())
    counts = {channel: {state: 0 for state in CHANNEL_STATES} for channel in CHANNELS}
    for (channel, state), value in zip(keys, values):
        counts[channel][state] = int(value or 0)
    return counts


@dataclass(frozen=True, slots=True)
class OptOutMonth:
    """The opt-outs of one calendar month (UTC), by kind."""

    month: str  # "2026-11"
    #: Staff turned a client's All or Marketing switch off (R3).
    by_staff: int
    #: A client's number was STOP-locked: a keyword (R6) or the Needs review queue (R10).
    stop_locks: int

    @property
    def total(self) -> int:
        return self.by_staff + self.stop_locks


def opt_out_months(who: SignedIn, months: int = 12, now: datetime | None = None) -> list[OptOutMonth]:
    """Opt-out events per month for the last `months` calendar months (UTC), oldest first,
    the current month included and months without opt-outs given as zero.

    An opt-out event is staff turning All or Marketing off, or a STOP lock set on a client's
    number (one event per client on that number, as the record writes it). Turning a switch
    off by a keyword is counted once, as its STOP lock, not again as SMS All off.
    """
    require_role(who, Role.MANAGER)
    if not 1 <= months <= MAX_MONTHS:
        raise InvalidInput(say("a report covers 1 to {most} months, not {months}", most=MAX_MONTHS,
                               months=months))
    keys = _month_keys(now or utc_now(), months)
    month = fn.SUBSTR(ConsentEvent.at, 1, 7)
    is_lock = (ConsentEvent.switch == "stop_lock") & (ConsentEvent.new == "on")
    by_staff = ((ConsentEvent.switch.in_((Switch.ALL.value, Switch.MARKETING.value)))
                & (ConsentEvent.new == "off") & (ConsentEvent.source == "staff"))
    # The months are selected on substr(at) rather than on `at` itself, so SQLite scans the
    # table in order instead of walking the index on `at`: a year is a large share of the
    # record, and a row lookup per index entry costs more than reading past the rest
    # (928,000 seeded events: 0.18 s scanning, 0.57 s through the index).
    query = (ConsentEvent
             .select(month.alias("month"),
                     fn.SUM(Case(None, [(by_staff, 1)], 0)),
                     fn.SUM(Case(None, [(is_lock, 1)], 0)))
             .where(month.between(keys[0], keys[-1]) & (by_staff | is_lock))
             .group_by(month))
    rows = cast(Iterable[tuple[str, Any, Any]], query.tuples())
    found = {key: (int(staff or 0), int(locks or 0)) for key, staff, locks in rows}
    return [OptOutMonth(key, *found.get(key, (0, 0))) for key in keys]



def _month_keys(now: datetime, months: int) -> list[str]:
    """The last `months` calendar months up to `now`'s (UTC), oldest first: ["2025-12", …]."""
    now = now.astimezone(timezone.utc)
    index = now.year * 12 + now.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1)]


@dataclass(frozen=True, slots=True)
class SentAfterStop:
    """A text the studio sent to a number after it texted STOP, other than the one
    confirmation the law allows (R23)."""

    number: str  # E.164
    sent_at: str  # ISO UTC
    first_words: str
    status: str | None  # as the provider wrote it: delivered, sent, failed, …
    #: When the client texted the STOP it followed (None when that text is not on file).
    stopped_at: str | None
    #: The active clients on the number now.
    client_names: tuple[str, ...]
    sid: str


@dataclass(frozen=True, slots=True)
class TextsAfterStop:
    """How many texts were sent after opt-out, and the newest of them, newest first."""

    count: int
    texts: tuple[SentAfterStop, ...]


#: How many texts sent after opt-out the report lists (the count covers them all).
MAX_LISTED = 500


def texts_sent_after_stop(who: SignedIn, limit: int = MAX_LISTED) -> TextsAfterStop:
    """Texts sent to a number after its STOP, confirmation aside (R23): the count of all
    of them and the newest `limit`, newest first. Both walk the (kind, sent_at) index."""
    require_role(who, Role.MANAGER)
    if not 1 <= limit <= MAX_LISTED:
        raise InvalidInput(say("the report lists 1 to {most} texts, not {limit}", most=MAX_LISTED,
                               limit=limit))
    after_stop = OutboundMessage.kind == OutboundKind.AFTER_STOP.value
    count = OutboundMessage.select().where(after_stop).count()
    query = (OutboundMessage
             .select(OutboundMessage.to_number, OutboundMessage.sent_at, OutboundMessage.body,
                     OutboundMessage.status, InboundMessage.received_at, OutboundMessage.sid)
             .join(InboundMessage, peewee.JOIN.LEFT_OUTER,
                   on=(InboundMessage.sid == OutboundMessage.stop_sid))
             .where(after_stop)
             .order_by(OutboundMessage.sent_at.desc(), OutboundMessage.id.desc())
             .limit(limit))
    rows = cast(list[tuple[str, str, str, str | None, str | None, str]], list(query.tuples()))
    names = names_by_mobile(number for number, *_ in rows)
    return TextsAfterStop(count, tuple(
        SentAfterStop(number, sent_at, first_words(body), status, stopped_at,
                      names.get(number, ()), sid)
        for number, sent_at, body, status, stopped_at, sid in rows))
