"""A client's consent: reading it, changing a switch, the AI switches, what they receive.

Every change here is one transaction that writes its consent event (R14) and bumps the
client's version, so a change made on data that changed elsewhere is refused (R16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import Case, fn

from .audience_counts import sms_marketing_groups
from .audit import EventLog, on_off
from .changes import Change, Touched
from .db import database, for_update
from .errors import ConsentLocked, InvalidInput, NotFound, StaleData
from .phones import zones_for_number
from .quiet_hours import hours_for
from .rules import (
    AI_KINDS,
    CHANNEL_ADDRESS,
    CHANNELS,
    HELD_KINDS,
    MARKETING_KINDS,
    MESSAGE_KINDS,
    PHONE_CHANNELS,
    REVIEW_HELD_KINDS,
    Address,
    Channel,
    ChannelConsent,
    ClientAI,
    Decision,
    MessageKind,
    Switch,
    can_send,
    held_until,
    switch_blocker,
    utc_now,
)
from .schema import Client, StopLock
from .review import numbers_waiting, review_status, waits_for_review
from .settings import Studio, load_studio
from .staff import Role, SignedIn, require_role
from .text import note_or_none
from .timeutil import iso_now, parse_iso
from .wording import say

#: How a client gave consent (R4), with the words the consent dialog shows.
CONSENT_METHODS = {
    "signed_form": say("Signed form"),
    "online_form": say("Online form"),
    "in_person": say("In person"),
    "client_email": say("Email from the client"),
    "client_phone_call": say("Phone call from the client"),
}
#: How a client asked to opt out (R20): offered when a switch is turned off, never required.
OPT_OUT_METHODS = {
    "in_person": say("In person"),
    "phone_call": say("Phone call"),
    "email": say("Email"),
    "text_message": say("Text message"),
    "social_media": say("Social media"),
    "other": say("Other"),
}
#: Every method the record writes, with its words: consent, opt-out, and what the studio
#: records without being asked (its defaults, a client's keyword).
RECORD_METHODS = {**OPT_OUT_METHODS, **CONSENT_METHODS, "studio_default": say("Studio default"),
                  "client_keyword": say("Client texted START")}

AI_SWITCHES = {"outreach": "ai_outreach", "replies": "ai_replies"}


def field_name(channel: Channel, switch: Switch) -> str:
    """The client column that stores a switch."""
    return f"{channel.value}_{switch.value}"


def address_of(client: Client | ClientRow, channel: Channel) -> str | None:
    """The address a channel uses (R5: None means the channel has no switches)."""
    kind = CHANNEL_ADDRESS[channel]
    if kind is Address.EMAIL:
        return client.email
    if kind is Address.MOBILE:
        return client.mobile
    return client.home_phone


def channel_consents(client: Client | ClientRow, lock: StopLock | None) -> dict[Channel, ChannelConsent]:
    """The stored switches of every channel, with the STOP lock of the client's mobile."""
    return _channels(client, lock.locked_at if lock is not None else None)


def _channels(client: Client | ClientRow, locked_at: str | None) -> dict[Channel, ChannelConsent]:
    """The stored switches of every channel; `locked_at` is when the mobile's STOP lock was set,
    None when it has none."""
    result = {}
    for channel in CHANNELS:
        locked = channel is Channel.SMS and locked_at is not None
        result[channel] = ChannelConsent(
            channel=channel,
            address=address_of(client, channel),
            all=getattr(client, field_name(channel, Switch.ALL)),
            marketing=getattr(client, field_name(channel, Switch.MARKETING)),
            stop_locked=locked,
            stop_locked_at=parse_iso(locked_at) if locked and locked_at is not None else None,
        )
    return result


def lock_for(number: str | None) -> StopLock | None:
    """The STOP lock on a number, if any."""
    if number is None:
        return None
    return StopLock.get_or_none(StopLock.number == number)


@dataclass(frozen=True, slots=True)
class ClientCard:
    """Who a client is, as the profile shows them: names, status, addresses, and the version
    a change made from the profile is checked against (R16)."""

    id: int
    first_name: str
    last_name: str
    status: str
    email: str | None
    mobile: str | None
    home_phone: str | None
    archived: bool
    version: int

    @property
    def name(self) -> str:
        """"First Last", without a stray space when one of them is empty."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class ClientRow(ClientCard):
    """The columns of a client that its consent is read from, as `load_consent` reads them:
    the card's, and the switches."""

    email_all: bool
    email_marketing: bool
    sms_all: bool
    sms_marketing: bool
    voice_all: bool
    voice_marketing: bool
    home_all: bool
    home_marketing: bool
    ai_outreach: bool
    ai_replies: bool


#: ClientRow's fields that are booleans: SQLite gives them as 0 and 1.
_ROW_FLAGS = frozenset(("email_all", "email_marketing", "sms_all", "sms_marketing", "voice_all",
                        "voice_marketing", "home_all", "home_marketing", "ai_outreach",
                        "ai_replies", "archived"))
_ROW_FIELDS = tuple(ClientRow.__dataclass_fields__)


def _client_sql() -> str:
    """The client's row and its mobile's STOP lock, by the primary key and the lock's key: one
    statement, written out rather than built by peewee, whose statement building cost more
    than running it, and no model row built (issue 12)."""
    return ("SELECT " + ", ".join(f"c.{name}" for name in _ROW_FIELDS) + ", l.locked_at "
            "FROM client AS c LEFT JOIN stop_lock AS l ON l.number = c.mobile "
            f"WHERE c.id = {database.param}")


def _client_row(client_id: int) -> tuple[ClientRow, str | None]:
    """The client's row and when their mobile was STOP-locked (None: not locked)."""
    row = database.execute_sql(_client_sql(), (client_id,)).fetchone()
    if row is None:
        raise NotFound(say("no client with id {id}", id=client_id))
    values = {name: bool(value) if name in _ROW_FLAGS else value
              for name, value in zip(_ROW_FIELDS, row, strict=False)}
    return ClientRow(**values), row[-1]


@dataclass(frozen=True, slots=True)
class ClientConsent:
    """Everything the Opt-In section, the AI section and the grid show for one client."""

    client: ClientCard
    channels: dict[Channel, ChannelConsent]
    ai: ClientAI
    studio: Studio
    receives: dict[Channel, dict[MessageKind, Decision]]

    @property
    def version(self) -> int:
        return self.client.version


def load_consent(client_id: int, now: datetime | None = None, studio: Studio | None = None) -> ClientConsent:
    """Read a client's consent and decide what they receive now (R1, R2, R12, R13, R17)."""
    client, locked_at = _client_row(client_id)
    studio = studio or load_studio()
    channels = _channels(client, locked_at)
    ai = ClientAI(outreach=client.ai_outreach, replies=client.ai_replies)
    now = now or utc_now()
    review_waiting = client.mobile is not None and waits_for_review(client.mobile)  # R19
    receives: dict[Channel, dict[MessageKind, Decision]] = {}
    for channel, consent in channels.items():
        zones = zones_for_number(consent.address) if consent.address and channel is not Channel.EMAIL else ()
        zones = zones or (studio.time_zone,)
        hours = hours_for(consent.address if channel is not Channel.EMAIL else None)
        receives[channel] = {
            kind: can_send(consent, kind, studio_ai=studio.ai, client_ai=ai,
                           is_member=client.status == "member", now=now, zones=zones,
                           hours=hours, archived=client.archived,
                           review_waiting=review_waiting)
            for kind in MESSAGE_KINDS
        }
    card = ClientCard(id=client.id, first_name=client.first_name, last_name=client.last_name,
                      status=client.status, email=client.email, mobile=client.mobile,
                      home_phone=client.home_phone, archived=client.archived,
                      version=client.version)
    return ClientConsent(card, channels, ai, studio, receives)


def status_json(client_id: int, now: datetime | None = None) -> dict[str, Any]:
    """The `status` command's JSON (DESIGN §4)."""
    state = load_consent(client_id, now)
    client = state.client
    channels = {}
    for channel, consent in state.channels.items():
        entry: dict[str, Any] = {
            "address": consent.address,
            "all": consent.effective_all,
            "marketing": consent.effective_marketing,
            "stop_locked": consent.stop_locked,
        }
        if consent.stop_locked_at is not None:
            entry["stop_locked_at"] = consent.stop_locked_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        entry["stored"] = {"all": consent.all, "marketing": consent.marketing}
        channels[channel.value] = entry
    receives = {ch.value: {k.value: d.allowed for k, d in kinds.items()}
                for ch, kinds in state.receives.items()}
    why = {ch.value: {k.value: d.reason for k, d in kinds.items() if not d.allowed}
           for ch, kinds in state.receives.items()}
    return {
        "client": {"id": client.id, "name": client.name,
                   "status": client.status, "archived": client.archived, "version": client.version},
        "channels": channels,
        "ai": {"outreach": state.ai.outreach, "replies": state.ai.replies},
        "receives": receives,
        "why": why,
        **review_status(client.mobile, now),
    }


def _check_method(method: str | None) -> str:
    if method is None or method not in CONSENT_METHODS:
        choices = ", ".join(CONSENT_METHODS)
        raise InvalidInput(say("turning a switch on records how the client consented ({choices})",
                               choices=choices))
    return method


def _check_opt_out_method(method: str | None) -> str | None:
    if method is not None and method not in OPT_OUT_METHODS:
        raise InvalidInput(say("how the client asked to opt out is one of {choices}",
                               choices=", ".join(OPT_OUT_METHODS)))
    return method


def _locked_client(client_id: int, expected_version: int | None) -> Client:
    client = for_update(Client.select().where(Client.id == client_id)).get_or_none()
    if client is None:
        raise NotFound(say("no client with id {id}", id=client_id))
    if expected_version is not None and client.version != expected_version:
        raise StaleData(say("{name}'s opt-ins were changed elsewhere since this profile was shown. "
                            "It has been reloaded: check it and try again.",
                            name=f"{client.first_name} {client.last_name}"))
    return client


def set_switch(who: SignedIn, client_id: int, channel: Channel | str, switch: Switch | str,
               on: bool, *, method: str | None = None, note: str | None = None,
               expected_version: int | None = None) -> Change:
    """Turn a client's Marketing or All switch on a channel on or off, as a staff member.

    Off is never refused (R3) and may say how the client asked (`method`, one of
    OPT_OUT_METHODS) with a note (R20). On records how the client consented (R4), needs All on
    for Marketing (R4), an address (R5), and is refused on a STOP-locked number for every
    role, whoever asks (R7). Refusals raise and change nothing.

    SMS All turned off while the number is STOP-locked is already off; the client's own
    request is recorded all the same, as an event of its own, and START will not turn it
    back on (R8, R20).
    """
    channel = Channel(channel)
    switch = Switch(switch)
    method = _check_method(method) if on else _check_opt_out_method(method)
    with database.atomic():
        staff = require_role(who, Role.EMPLOYEE)
        # An opt-out is never refused (R3), not even for a profile shown before a change made
        # elsewhere: turning something off cannot undo anyone's consent.
        client = _locked_client(client_id, expected_version if on else None)
        if client.archived and on:
            raise ConsentLocked(say("this client is archived; restore them before recording consent"))
        # The lock is read inside the write transaction: a STOP committed a moment ago is seen,
        # and one arriving now waits for this transaction and then turns SMS All off (R16).
        consent = channel_consents(client, lock_for(client.mobile))[channel]
        blocker = switch_blocker(consent, switch, on)
        if blocker is not None:
            raise ConsentLocked(blocker)
        column = field_name(channel, switch)
        old = getattr(client, column)
        # An opt-out asked for while the STOP lock holds: recorded, and kept after START (R20).
        locked_opt_out = (not on and channel is Channel.SMS and switch is Switch.ALL
                          and consent.stop_locked)
        if old == on and not locked_opt_out:
            return Change(Touched.NONE, client_ids=(client.id,))
        values: dict[Any, Any] = {column: on, Client.version: Client.version + 1}
        if channel is Channel.SMS and switch is Switch.ALL:
            values[Client.sms_off_by_stop] = False  # the client's own choice from now on
        Client.update(values).where(Client.id == client.id).execute()
        log = EventLog()
        log.add(at=iso_now(), actor=staff.name, staff_id=staff.staff_id, client_id=client.id,
                number=consent.address if channel is not Channel.EMAIL else None,
                channel=channel.value, switch=switch.value, old=on_off(old), new=on_off(on),
                source="staff", method=method, note=note_or_none(note))
        log.flush()
    return Change(Touched.SWITCHES, client_ids=(client.id,), event_ids=tuple(log.event_ids))


def set_client_ai(who: SignedIn, client_id: int, which: str, on: bool, *,
                  expected_version: int | None = None, note: str | None = None) -> Change:
    """Turn a client's Hailee outreach or replies on or off (R12).

    Controls Hailee only: consent switches are not touched, and no consent method is asked.
    """
    if which not in AI_SWITCHES:
        raise InvalidInput(say("unknown AI switch {name} (outreach or replies)", name=repr(which)))
    column = AI_SWITCHES[which]
    with database.atomic():
        staff = require_role(who, Role.EMPLOYEE)
        # An opt-out is never refused (R3), not even for a profile shown before a change made
        # elsewhere: turning something off cannot undo anyone's consent.
        client = _locked_client(client_id, expected_version if on else None)
        old = getattr(client, column)
        if old == on:
            return Change(Touched.NONE, client_ids=(client.id,))
        Client.update({column: on, Client.version: Client.version + 1}).where(Client.id == client.id).execute()
        log = EventLog()
        log.add(at=iso_now(), actor=staff.name, staff_id=staff.staff_id, client_id=client.id,
                switch=column, old=on_off(old), new=on_off(on), source="staff",
                note=note_or_none(note))
        log.flush()
    return Change(Touched.CLIENT_AI, client_ids=(client.id,), event_ids=tuple(log.event_ids))


@dataclass(frozen=True, slots=True)
class Audience:
    """How many clients may get a message kind on a channel now, and how many are held (R17)."""

    allowed: int
    held: int


def audience(channel: Channel | str, kind: MessageKind | str, now: datetime | None = None) -> Audience:
    """Count the clients `can_send()` allows now, for a campaign's audience (DESIGN §6).

    The switches, the STOP lock and the AI settings are filtered in SQL. Quiet hours (R17)
    are decided once per area code with the same `held_until()` the grid uses, so
    the count and the grid agree.
    """
    channel = Channel(channel)
    kind = MessageKind(kind)
    studio = load_studio()
    now = now or utc_now()
    address = {Address.EMAIL: Client.email, Address.MOBILE: Client.mobile,
               Address.HOME_PHONE: Client.home_phone}[CHANNEL_ADDRESS[channel]]
    query = Client.select().where(
        (Client.archived == False) & address.is_null(False)  # noqa: E712 (peewee expression)
        & (getattr(Client, field_name(channel, Switch.ALL)) == True))  # noqa: E712
    if kind in MARKETING_KINDS:
        query = query.where(getattr(Client, field_name(channel, Switch.MARKETING)) == True)  # noqa: E712
    if channel is Channel.SMS:
        query = query.where(~fn.EXISTS(StopLock.select().where(StopLock.number == Client.mobile)))
    if kind in AI_KINDS:
        # What the studio's settings allow does not depend on the client: ask can_send() once.
        studio_only = can_send(ChannelConsent(channel, "-", True, True), kind, studio_ai=studio.ai,
                               client_ai=ClientAI(), is_member=True, now=now, zones=())
        if not studio_only.allowed and not studio_only.held:
            return Audience(0, 0)
        if kind is MessageKind.AI_OUTREACH:
            query = query.where(Client.ai_outreach == True)  # noqa: E712
        else:
            query = query.where(Client.ai_replies == True)  # noqa: E712
            if not studio.ai.reply_all:
                query = query.where(Client.status == "member")
    # One scan, grouped by what decides a client's answer: a text waiting in Needs review from
    # the number holds it (R19, before quiet hours, as in can_send()); quiet hours are decided
    # once per area code with the grid's own held_until() (R17).
    review = kind in REVIEW_HELD_KINDS and CHANNEL_ADDRESS[channel] is Address.MOBILE
    quiet = kind in HELD_KINDS and channel in PHONE_CHANNELS
    groups: list[Any] = []
    if review:
        groups.append(Case(None, [(Client.mobile.in_(numbers_waiting()), 1)], 0))
    if quiet:
        groups.append(Case(None, [(address.startswith("+1"), fn.SUBSTR(address, 1, 5))], address))
    if not groups:
        return Audience(query.count(), 0)
    if review and quiet and channel is Channel.SMS and kind in MARKETING_KINDS:
        # The same groups, counted along migration 0008's index instead of sorted (issue 12).
        rows: Any = sms_marketing_groups(ai_outreach=kind is MessageKind.AI_OUTREACH)
    else:
        rows = query.select(*groups, fn.COUNT(Client.id)).group_by(*groups).tuples()
    allowed = held = 0
    for row in rows:
        keys, count = list(row[:-1]), row[-1]
        waiting = bool(keys.pop(0)) if review else False
        area = keys.pop(0) if quiet else None
        if waiting:
            held += count
        elif quiet and held_until(now, zones_for_number(area) or (studio.time_zone,),
                                  hours_for(area)) is not None:
            held += count
        else:
            allowed += count
    return Audience(allowed, held)
