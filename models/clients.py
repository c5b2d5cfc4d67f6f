"""Clients: adding them, changing their addresses and archiving them (R4a, R6, R7, R14).

Importing them is in `client_import`, finding and listing them in `client_list`, who shares
an address in `households`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from . import client_search
from .audit import EventLog, on_off
from .changes import Change, Touched
from .consent import CONSENT_METHODS, field_name
from .db import database, for_update, is_postgres, rows_for_in
from .errors import ConsentLocked, InvalidAddress, InvalidInput, NotFound, StaleData
from .number_lock import hold_numbers
from .phones import normalize_optional_email, normalize_optional_phone
from .rules import CHANNEL_ADDRESS, CHANNELS, Address, Channel, Switch, default_switches
from .schema import Client, ConsentEvent
from .settings import Studio, load_studio
from .staff import Role, SignedIn, require_role
from .text import storable
from .timeutil import iso_now
from .wording import message_of, say

STATUSES = ("member", "prospect")


def name_key(first: str, last: str) -> str:
    """The case-folded name search matches against."""
    return f"{first} {last}".casefold().strip()


def sort_key(first: str, last: str) -> str:
    """The case-folded key the list sorts by: last name, then first."""
    return f"{last} {first}".casefold().strip()


def clean_status(value: str | None) -> str:
    """'member' or 'prospect'; a blank cell is a prospect."""
    text = (value or "").strip().lower() or "prospect"
    if text not in STATUSES:
        raise InvalidInput(say("status {value!r} is not member or prospect", value=value))
    return text


@dataclass(frozen=True, slots=True)
class ClientDraft:
    """A client about to be added: names and addresses already validated."""

    first_name: str
    last_name: str
    status: str
    email: str | None
    mobile: str | None
    home_phone: str | None
    #: Marketing switches recorded as on or off with the client's consent (R4a).
    marketing: dict[Channel, bool] = field(default_factory=dict)
    method: str | None = None


def make_draft(first_name: str, last_name: str, *, status: str | None = None,
               email: str | None = None, mobile: str | None = None, home_phone: str | None = None,
               marketing: dict[Channel, bool] | None = None, method: str | None = None,
               region: str = "US") -> ClientDraft:
    """Validate a new client's fields; raise InvalidInput naming the first bad one."""
    first = " ".join(storable(first_name or "").split())
    last = " ".join(storable(last_name or "").split())
    if not first and not last:
        raise InvalidInput(say("a client needs a first or last name"))
    if len(first) > 120 or len(last) > 120:
        raise InvalidInput(say("a name is longer than 120 characters"))
    marketing = dict(marketing or {})
    if any(marketing.values()) and method not in CONSENT_METHODS:
        raise InvalidInput(say("marketing recorded as on needs a consent_method ({methods})",
                               methods=", ".join(CONSENT_METHODS)))
    return ClientDraft(
        first_name=first, last_name=last, status=clean_status(status),
        email=_field("email", lambda: normalize_optional_email(email)),
        mobile=_field("mobile", lambda: normalize_optional_phone(mobile, region)),
        home_phone=_field("home_phone", lambda: normalize_optional_phone(home_phone, region)),
        marketing=marketing, method=method,
    )


#: A field's problem, naming the field first: "mobile: phone number '555' is too short".
FIELD_PROBLEM = "{name}: {error}"  # the template below, which lupdate reads as written


def _field(name: str, parse: Any) -> Any:
    try:
        return parse()
    except InvalidAddress as error:
        raise InvalidAddress(say("{name}: {error}", name=name, error=message_of(error))) from None


def _draft_address(draft: ClientDraft, channel: Channel) -> str | None:
    return getattr(draft, CHANNEL_ADDRESS[channel].value)


#: Per channel, worked out once (an import runs this per row): the channel, its name, the
#: draft's field with its address, whether its events name that address as the number, and
#: its All and Marketing columns.
_CHANNEL_PLAN = tuple((channel, channel.value, CHANNEL_ADDRESS[channel].value,
                       channel is not Channel.EMAIL, field_name(channel, Switch.ALL),
                       field_name(channel, Switch.MARKETING)) for channel in CHANNELS)
_ALL, _MARKETING = Switch.ALL.value, Switch.MARKETING.value


#: Why SMS is off for a client whose mobile texted STOP before they were added or moved to it.
STOP_NOTE = "this mobile texted STOP: SMS stays off until the client texts START"


def refused_for_lock(draft: ClientDraft, locked_numbers: set[str]) -> list[str]:
    """The switches a draft asks to turn on that a STOP-locked mobile refuses (R21, R22):
    marketing texts recorded as consented on a number that opted out."""
    if draft.mobile is None or draft.mobile not in locked_numbers:
        return []
    return [field_name(Channel.SMS, Switch.MARKETING)] if draft.marketing.get(Channel.SMS) else []


def starting_switches(draft: ClientDraft, studio: Studio, locked: bool) -> dict[str, Any]:
    """The switch columns a new client starts with (R4a): All on where there is an address,
    Marketing from the studio's defaults unless recorded; on a STOP-locked mobile (`locked`)
    SMS starts off, as the STOP's doing (R6, R21). `insert_client` stores them and
    `client_preview` describes them: one computation for both."""
    values: dict[str, Any] = {"sms_off_by_stop": locked}
    for channel, _name, address, _numbered, all_column, marketing_column in _CHANNEL_PLAN:
        has_address = getattr(draft, address) is not None
        marketing_default = draft.marketing.get(channel, studio.marketing_defaults[channel])
        all_on, marketing_on = default_switches(has_address, marketing_default)
        if channel is Channel.SMS and locked:
            all_on = marketing_on = False
        values[all_column] = all_on
        values[marketing_column] = marketing_on
    return values


def insert_client(draft: ClientDraft, studio: Studio, log: EventLog, *, actor: str,
                  staff_id: int | None, source: str, locked_numbers: set[str]) -> int:
    """`insert_clients` of one draft: its id."""
    return insert_clients([draft], studio, log, actor=actor, staff_id=staff_id, source=source,
                          locked_numbers=locked_numbers)[0]


#: The columns a new client is inserted with; the rest take their defaults.
_SWITCH_COLUMNS = ("sms_off_by_stop",) + tuple(field_name(c, s) for c in CHANNELS
                                               for s in (Switch.ALL, Switch.MARKETING))
_NEW_CLIENT_COLUMNS = ("id", "first_name", "last_name", "name_key", "sort_key", "status", "email",
                       "mobile", "home_phone", "created_at") + _SWITCH_COLUMNS


def insert_clients(drafts: Sequence[ClientDraft], studio: Studio, log: EventLog, *, actor: str,
                   staff_id: int | None, source: str, locked_numbers: set[str]) -> list[int]:
    """Insert clients with their starting switches (R4a) and one event per switch turned on,
    inside the caller's transaction; their ids, in order. `locked_numbers` are the STOP-locked
    numbers among the drafts' mobiles (see `stop_locked_numbers()`), read once for a whole
    batch. The events go to `log` in the drafts' order, hash-chained as ever (R14).

    On a STOP-locked mobile SMS All starts off, as the STOP's doing (START turns it on, R8),
    and no "on" is stored or written for SMS, not even a studio default (R21, R22).

    Set-based: a fixed number of statements whatever the number of drafts (ids reserved at
    once, one multi-row INSERT, the search indexes in bulk, the events in one write), so an
    import's cost per client does not grow with the batch or the table (issue 12)."""
    if not drafts:
        return []
    now = iso_now()
    ids = _new_client_ids(len(drafts))
    rows: list[tuple[Any, ...]] = []
    indexed = []
    events: list[tuple[Any, ...]] = []
    for client_id, draft in zip(ids, drafts):
        locked = draft.mobile is not None and draft.mobile in locked_numbers
        values = starting_switches(draft, studio, locked)
        key, sort = name_key(draft.first_name, draft.last_name), sort_key(draft.first_name, draft.last_name)
        rows.append((client_id, draft.first_name, draft.last_name, key, sort, draft.status, draft.email,
                     draft.mobile, draft.home_phone, now, *(values[c] for c in _SWITCH_COLUMNS)))
        indexed.append((client_id, key, sort, draft.email, draft.mobile, draft.home_phone))
        events += _starting_events(draft, values, locked, client_id, (now, actor, staff_id, source))
    param = database.param
    client_search.insert_clients(
        f"INSERT INTO client ({', '.join(_NEW_CLIENT_COLUMNS)}, version, ai_outreach, ai_replies, "
        f"archived) VALUES ({', '.join([param] * len(_NEW_CLIENT_COLUMNS))}, 1, TRUE, TRUE, FALSE)",
        rows, indexed)
    log.add_many(events)
    return ids


def _starting_events(draft: ClientDraft, values: dict[str, Any], locked: bool, client_id: int,
                     who: tuple[str, str, int | None, str]) -> list[tuple[Any, ...]]:
    """A new client's events, as `EventLog.add_many` takes them: "added", then each switch
    its starting values turn on, or SMS All off as a STOP's doing on a locked mobile."""
    now, actor, staff_id, source = who
    events = [(now, actor, staff_id, client_id, None, None, "client", None,
               f"added ({draft.status})", source, None, None, None)]
    for channel, name, address, numbered, all_column, marketing_column in _CHANNEL_PLAN:
        number = getattr(draft, address) if numbered else None
        if channel is Channel.SMS and locked:
            events.append((now, actor, staff_id, client_id, number, name, _ALL, None, "off",
                           source, None, STOP_NOTE, None))
            continue
        if values[all_column]:
            events.append((now, actor, staff_id, client_id, number, name, _ALL, None, "on",
                           source, "studio_default", None, None))
        if values[marketing_column]:
            method = draft.method if channel in draft.marketing else "studio_default"
            events.append((now, actor, staff_id, client_id, number, name, _MARKETING, None, "on",
                           source, method, None, None))
    return events


def _new_client_ids(count: int) -> list[int]:
    """Ids for `count` new clients, inside the caller's write transaction: after the highest
    on SQLite (whose write lock the transaction holds, so no one else takes them), from the
    id sequence on PostgreSQL."""
    if is_postgres():
        cursor = database.execute_sql("SELECT nextval(pg_get_serial_sequence('client', 'id')) "
                                      "FROM generate_series(1, %s)", (count,))
        return [row[0] for row in cursor.fetchall()]
    highest = database.execute_sql("SELECT max(id) FROM client").fetchone()[0] or 0
    return list(range(highest + 1, highest + 1 + count))


def stop_locked_numbers(numbers: Iterable[str | None]) -> set[str]:
    """Which of these numbers are STOP-locked (R6); blanks are ignored. A writer that acts on
    the answer takes `number_lock.hold_numbers()` first, so no STOP lands in between."""
    wanted = sorted({n for n in numbers if n})
    return {row[0] for row in rows_for_in("SELECT number FROM stop_lock WHERE number IN ({values})", wanted)}


def add_client(who: SignedIn, draft: ClientDraft) -> Change:
    """Add a client as a staff member: All on where there is an address, Marketing from the
    studio's defaults unless consent for it was recorded (R4a). Consent to marketing texts on
    a STOP-locked mobile is refused (R7, R21): only the client can turn SMS back on."""
    with database.atomic():
        hold_numbers()  # before reading the lock: a STOP now waits, then sees this client (R16)
        staff = require_role(who, Role.EMPLOYEE)
        locked = stop_locked_numbers([draft.mobile])
        if refused_for_lock(draft, locked):
            raise ConsentLocked(say("This mobile texted STOP: SMS marketing cannot be recorded "
                                    "as on. Only the client can turn SMS back on, by texting "
                                    "START."))
        log = EventLog()
        client_id = insert_client(draft, load_studio(), log, actor=staff.name,
                                  staff_id=staff.staff_id, source="staff", locked_numbers=locked)
        log.flush()
    return Change(Touched.CLIENTS, client_ids=(client_id,), event_ids=tuple(log.event_ids))


def update_addresses(who: SignedIn, client_id: int, *, email: str | None, mobile: str | None,
                     home_phone: str | None, expected_version: int | None = None) -> Change:
    """Change a client's addresses, given as typed: they are validated and normalized here,
    so a number in another format cannot dodge a STOP lock (R6, R7). Raises InvalidAddress.

    A channel that gains its first address starts with All on and Marketing from the studio's
    defaults (R4a); one that loses it keeps its stored switches, which count again if an
    address comes back. A new mobile brings what `_follow_new_mobile` says (R6, R8, R21).
    """
    region = load_studio().default_region
    email = _field("email", lambda: normalize_optional_email(email))
    mobile = _field("mobile", lambda: normalize_optional_phone(mobile, region))
    home_phone = _field("home_phone", lambda: normalize_optional_phone(home_phone, region))
    return _write_plan(who, client_id, expected_version,
                       lambda plan: plan.addresses(email=email, mobile=mobile, home_phone=home_phone))


def edit_client(who: SignedIn, client_id: int, draft: ClientDraft,
                expected_version: int | None = None) -> Change:
    """Change a client's name, status and addresses in one transaction, one consent event per
    value changed (R14); the addresses bring what `update_addresses` says (R4a, R6, R8, R21).
    The draft is validated again here, so no path can store an address in another spelling."""
    draft = make_draft(draft.first_name, draft.last_name, status=draft.status, email=draft.email,
                       mobile=draft.mobile, home_phone=draft.home_phone,
                       region=load_studio().default_region)

    def apply(plan: EditPlan) -> None:
        plan.details(draft.first_name, draft.last_name, draft.status)
        plan.addresses(email=draft.email, mobile=draft.mobile, home_phone=draft.home_phone)

    return _write_plan(who, client_id, expected_version, apply)


def _write_plan(who: SignedIn, client_id: int, expected_version: int | None,
                apply: Callable[[EditPlan], None]) -> Change:
    with database.atomic():
        hold_numbers()  # the numbers' lock, then the client's row, as a STOP takes them (R16)
        staff = require_role(who, Role.EMPLOYEE)
        client = for_update(Client.select().where(Client.id == client_id)).get_or_none()
        if client is None:
            raise NotFound(say("no client with id {client_id}", client_id=client_id))
        if expected_version is not None and client.version != expected_version:
            raise StaleData(say("this client was changed elsewhere; it has been reloaded"))
        plan = EditPlan(client, staff.name, staff.staff_id, load_studio())
        apply(plan)
        event_ids = plan.write()
    return Change(Touched.CLIENTS if plan.updates else Touched.NONE, client_ids=(client_id,),
                  event_ids=event_ids)


class EditPlan:
    """What an edit of a client does, worked out before anything is written: the values it
    sets and one consent event each (R14). `edit_client` and `update_addresses` write it,
    `client_preview.preview_edit` describes it without writing: the same code either way."""

    def __init__(self, client: Client, actor: str, staff_id: int | None, studio: Studio) -> None:
        self.client, self.actor, self.staff_id, self.studio = client, actor, staff_id, studio
        self.now = iso_now()
        self.updates: dict[str, Any] = {}
        #: The events to write, as `EventLog.add`'s keyword arguments, in order.
        self.events: list[dict[str, Any]] = []

    def value(self, column: str) -> Any:
        return self.updates.get(column, getattr(self.client, column))

    def event(self, **fields: Any) -> None:
        """Add one event of this edit (time, actor and client filled in)."""
        self.events.append({"at": self.now, "actor": self.actor, "staff_id": self.staff_id,
                            "client_id": self.client.id, "source": "staff", **fields})

    def details(self, first_name: str, last_name: str, status: str) -> None:
        """A new name and status, with an event for each that changes."""
        old_name = f"{self.client.first_name} {self.client.last_name}".strip()
        new_name = f"{first_name} {last_name}".strip()
        if (first_name, last_name) != (self.client.first_name, self.client.last_name):
            self.updates.update(first_name=first_name, last_name=last_name,
                                name_key=name_key(first_name, last_name),
                                sort_key=sort_key(first_name, last_name))
            self.event(switch="name", old=old_name, new=new_name)
        if status != self.client.status:
            self.updates["status"] = status
            self.event(switch="status", old=self.client.status, new=status)

    def addresses(self, *, email: str | None, mobile: str | None, home_phone: str | None) -> None:
        """New addresses (normalized), and what each brings to the switches."""
        new_addresses = {Address.EMAIL: email, Address.MOBILE: mobile, Address.HOME_PHONE: home_phone}
        for kind, new in new_addresses.items():
            old = getattr(self.client, kind.value)
            if old == new:
                continue
            self.updates[kind.value] = new
            self.event(switch=kind.value, old=old, new=new)
            if kind is Address.MOBILE:
                if new is not None:
                    _follow_new_mobile(self, new)
            elif old is None:
                for channel in CHANNELS:
                    if CHANNEL_ADDRESS[channel] is kind:
                        self.first_address_defaults(channel)

    def set(self, channel: Channel, switch: Switch, on: bool, *, method: str | None = None,
            note: str | None = None) -> None:
        """Set a switch, with its event, unless it is already so."""
        column = field_name(channel, switch)
        old = self.value(column)
        if old == on:
            return
        self.updates[column] = on
        self.record(channel, switch, old, on, method=method, note=note)

    def record(self, channel: Channel, switch: Switch, old: bool | None, new: bool, *,
               method: str | None = None, note: str | None = None) -> None:
        """The event of a switch set to `new` (from `old`, None for a first value)."""
        number = self.value(CHANNEL_ADDRESS[channel].value) if channel is not Channel.EMAIL else None
        self.event(number=number, channel=channel.value, switch=switch.value, old=on_off(old),
                   new=on_off(new), method=method if new else None, note=note)

    def first_address_defaults(self, channel: Channel) -> None:
        """A channel's first address ever starts from the defaults (R4a); one that comes back
        finds its recorded switches as they were (an opt-out stays an opt-out, R3)."""
        if _has_history(self.client.id, channel):
            return
        all_on, marketing_on = default_switches(True, self.studio.marketing_defaults[channel])
        self.set(channel, Switch.ALL, all_on, method="studio_default")
        self.set(channel, Switch.MARKETING, marketing_on, method="studio_default")

    def write(self) -> tuple[int, ...]:
        """Store the values and append the events, inside the caller's transaction."""
        if self.updates:
            (Client.update(**self.updates, version=Client.version + 1)
             .where(Client.id == self.client.id).execute())
        log = EventLog()
        for fields in self.events:
            log.add(**fields)
        log.flush()
        return tuple(log.event_ids)


#: Why marketing to a new mobile starts again from the studio's defaults (R21).
NEW_NUMBER_NOTE = "new mobile: consent to marketing names the number, so it starts from the studio's defaults"


def _follow_new_mobile(change: EditPlan, number: str) -> None:
    """What a new mobile number does to consent (R6, R8, R21).

    Its STOP lock, if it has one, turns SMS off as the STOP's doing — no "on" is ever written
    for a locked number, not even a studio default. SMS All that was off only because the old
    number texted STOP comes back on. SMS and voice Marketing return to the studio's
    defaults: written consent to marketing calls and texts names a number.
    """
    locked = bool(stop_locked_numbers([number]))
    for channel in (Channel.SMS, Channel.VOICE):
        default = change.studio.marketing_defaults[channel]
        if channel is Channel.SMS and locked:
            first = not _has_history(change.client.id, channel)
            change.set(channel, Switch.MARKETING, False, note=NEW_NUMBER_NOTE)
            if change.value("sms_all"):
                change.set(channel, Switch.ALL, False, note=STOP_NOTE)
                change.updates["sms_off_by_stop"] = True
            elif first:  # a first mobile, locked already: off as the STOP's doing
                change.record(channel, Switch.ALL, None, False, note=STOP_NOTE)
                change.updates["sms_off_by_stop"] = True
            continue
        change.first_address_defaults(channel)
        if channel is Channel.SMS and change.client.sms_off_by_stop and not change.value("sms_all"):
            change.set(channel, Switch.ALL, True, method="studio_default",
                       note="new mobile: the STOP belongs to the old number")
            change.updates["sms_off_by_stop"] = False
        change.set(channel, Switch.MARKETING, default,
                   method="studio_default" if default else None, note=NEW_NUMBER_NOTE)


def _has_history(client_id: int, channel: Channel) -> bool:
    """Whether the record holds any event of a client's channel: it has had an address before."""
    return ConsentEvent.select().where((ConsentEvent.client == client_id)
                                       & (ConsentEvent.channel == channel.value)).exists()


def archive_client(who: SignedIn, client_id: int, archived: bool = True) -> Change:
    """Archive (or restore) a client. Clients are never deleted: their record outlives them (R14)."""
    with database.atomic():
        staff = require_role(who, Role.MANAGER)
        client = for_update(Client.select().where(Client.id == client_id)).get_or_none()
        if client is None:
            raise NotFound(say("no client with id {client_id}", client_id=client_id))
        if client.archived == archived:
            return Change(Touched.NONE, client_ids=(client_id,))
        Client.update(archived=archived, version=Client.version + 1).where(Client.id == client_id).execute()
        log = EventLog()
        log.add(at=iso_now(), actor=staff.name, staff_id=staff.staff_id, client_id=client_id,
                source="staff", switch="archived", old=on_off(client.archived), new=on_off(archived))
        log.flush()
    return Change(Touched.CLIENTS, client_ids=(client_id,), event_ids=tuple(log.event_ids))
