"""Clients: adding, editing, archiving, importing, finding and listing them.

Search, filters and sorting happen in SQL and return ids, so a list of 100,000 clients holds
integers and fetches display rows a page at a time (DESIGN §5, STYLE 9).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import peewee
from peewee import fn

from .audit import EventLog, on_off
from .changes import Change, Touched
from .consent import CONSENT_METHODS, channel_consents, field_name
from .db import database, for_update
from .errors import InvalidAddress, InvalidInput, NotFound, StaleData
from .phones import digits, normalize_optional_email, normalize_optional_phone
from .rules import CHANNEL_ADDRESS, CHANNELS, Address, Channel, Switch, default_switches, is_opted_out
from .schema import Client, ConsentEvent, InboundMessage, StopLock
from .settings import Studio, load_studio
from .staff import Role, SignedIn, require_role
from .text import storable
from .timeutil import iso_now

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
        raise InvalidInput(f"status {value!r} is not member or prospect")
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
        raise InvalidInput("a client needs a first or last name")
    if len(first) > 120 or len(last) > 120:
        raise InvalidInput("a name is longer than 120 characters")
    marketing = dict(marketing or {})
    if any(marketing.values()) and method not in CONSENT_METHODS:
        raise InvalidInput("marketing recorded as on needs a consent_method "
                           f"({', '.join(CONSENT_METHODS)})")
    return ClientDraft(
        first_name=first, last_name=last, status=clean_status(status),
        email=_field("email", lambda: normalize_optional_email(email)),
        mobile=_field("mobile", lambda: normalize_optional_phone(mobile, region)),
        home_phone=_field("home_phone", lambda: normalize_optional_phone(home_phone, region)),
        marketing=marketing, method=method,
    )


def _field(name: str, parse: Any) -> Any:
    try:
        return parse()
    except InvalidAddress as error:
        raise InvalidAddress(f"{name}: {error}") from None


def _draft_address(draft: ClientDraft, channel: Channel) -> str | None:
    kind = CHANNEL_ADDRESS[channel]
    return {Address.EMAIL: draft.email, Address.MOBILE: draft.mobile,
            Address.HOME_PHONE: draft.home_phone}[kind]


def _insert_client(draft: ClientDraft, studio: Studio, log: EventLog, *, actor: str,
                   staff_id: int | None, source: str, locked_numbers: set[str]) -> int:
    """Insert one client with its starting switches (R4a) and one event per switch turned on."""
    now = iso_now()
    values: dict[str, Any] = {}
    for channel in CHANNELS:
        has_address = _draft_address(draft, channel) is not None
        marketing_default = draft.marketing.get(channel, studio.marketing_defaults[channel])
        all_on, marketing_on = default_switches(has_address, marketing_default)
        if channel is Channel.SMS and draft.mobile in locked_numbers:
            all_on = False  # the number texted STOP (R6): the lock belongs to the number
        values[field_name(channel, Switch.ALL)] = all_on
        values[field_name(channel, Switch.MARKETING)] = marketing_on
    client_id = Client.insert(
        first_name=draft.first_name, last_name=draft.last_name,
        name_key=name_key(draft.first_name, draft.last_name),
        sort_key=sort_key(draft.first_name, draft.last_name), status=draft.status,
        email=draft.email, mobile=draft.mobile, home_phone=draft.home_phone,
        created_at=now, **values,
    ).execute()
    log.add(at=now, actor=actor, staff_id=staff_id, client_id=client_id, source=source,
            switch="client", new=f"added ({draft.status})")
    for channel in CHANNELS:
        address = _draft_address(draft, channel)
        for switch in (Switch.ALL, Switch.MARKETING):
            if values[field_name(channel, switch)]:
                recorded = switch is Switch.MARKETING and channel in draft.marketing
                log.add(at=now, actor=actor, staff_id=staff_id, client_id=client_id,
                        number=address if channel is not Channel.EMAIL else None,
                        channel=channel.value, switch=switch.value, old=None, new="on",
                        source=source, method=draft.method if recorded else "studio_default")
    return client_id


def _locked(numbers: Iterable[str | None]) -> set[str]:
    wanted = {n for n in numbers if n}
    if not wanted:
        return set()
    return {row.number for row in StopLock.select(StopLock.number).where(StopLock.number.in_(list(wanted)))}


def add_client(who: SignedIn, draft: ClientDraft) -> Change:
    """Add a client as a staff member: All on where there is an address, Marketing from the
    studio's defaults unless consent for it was recorded (R4a)."""
    with database.atomic():
        staff = require_role(who, Role.EMPLOYEE)
        log = EventLog()
        client_id = _insert_client(draft, load_studio(), log, actor=staff.name,
                                   staff_id=staff.staff_id, source="staff",
                                   locked_numbers=_locked([draft.mobile]))
        log.flush()
    return Change(Touched.CLIENTS, client_ids=(client_id,), event_ids=tuple(log.event_ids))


def update_addresses(who: SignedIn, client_id: int, *, email: str | None, mobile: str | None,
                     home_phone: str | None, expected_version: int | None = None) -> Change:
    """Change a client's addresses, given as typed: they are validated and normalized here,
    so a number in another format cannot dodge a STOP lock (R6, R7). Raises InvalidAddress.

    A mobile changed to a STOP-locked number is locked (SMS All off); a mobile changed away
    leaves the old number locked (R6). A channel that gains its first address starts with
    All on and Marketing from the studio's defaults (R4a); one that loses it keeps its stored
    switches, which count again if an address comes back.
    """
    region = load_studio().default_region
    email = _field("email", lambda: normalize_optional_email(email))
    mobile = _field("mobile", lambda: normalize_optional_phone(mobile, region))
    home_phone = _field("home_phone", lambda: normalize_optional_phone(home_phone, region))
    with database.atomic():
        staff = require_role(who, Role.EMPLOYEE)
        client = for_update(Client.select().where(Client.id == client_id)).get_or_none()
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        if expected_version is not None and client.version != expected_version:
            raise StaleData("this client was changed elsewhere; it has been reloaded")
        studio = load_studio()
        log = EventLog()
        now = iso_now()
        updates: dict[str, Any] = {}
        new_addresses = {Address.EMAIL: email, Address.MOBILE: mobile, Address.HOME_PHONE: home_phone}
        for kind, new in new_addresses.items():
            old = getattr(client, kind.value)
            if old == new:
                continue
            updates[kind.value] = new
            log.add(at=now, actor=staff.name, staff_id=staff.staff_id, client_id=client.id,
                    source="staff", switch=kind.value, old=old, new=new)
            if old is None and new is not None:
                for channel in CHANNELS:
                    # Only a first address starts from the defaults; one that comes back finds
                    # its recorded switches as they were (an opt-out stays an opt-out, R3).
                    if CHANNEL_ADDRESS[channel] is kind and not _has_history(client.id, channel):
                        all_on, marketing_on = default_switches(True, studio.marketing_defaults[channel])
                        for switch, value in ((Switch.ALL, all_on), (Switch.MARKETING, marketing_on)):
                            column = field_name(channel, switch)
                            if getattr(client, column) != value:
                                updates[column] = value
                                log.add(at=now, actor=staff.name, staff_id=staff.staff_id,
                                        client_id=client.id, channel=channel.value,
                                        switch=switch.value, old=on_off(getattr(client, column)),
                                        new=on_off(value), source="staff", method="studio_default")
        target_mobile = updates.get("mobile", client.mobile)
        sms_all = updates.get("sms_all", client.sms_all)
        if "mobile" in updates and target_mobile and sms_all and _locked([target_mobile]):
            updates["sms_all"] = False
            log.add(at=now, actor=staff.name, staff_id=staff.staff_id, client_id=client.id,
                    number=target_mobile, channel="sms", switch="all", old="on", new="off",
                    source="staff", note="new mobile number texted STOP")
        if updates:
            (Client.update(**updates, version=Client.version + 1)
             .where(Client.id == client.id).execute())
        log.flush()
    return Change(Touched.CLIENTS if updates else Touched.NONE, client_ids=(client_id,),
                  event_ids=tuple(log.event_ids))


def _has_history(client_id: int, channel: Channel) -> bool:
    """Whether the record holds any event of a client's channel: it has had an address before."""
    return ConsentEvent.select().where((ConsentEvent.client == client_id)
                                       & (ConsentEvent.channel == channel.value)).exists()


# --- Import (DESIGN §4 import-clients) -----------------------------------------------------------

REQUIRED_COLUMNS = ("first_name", "last_name", "email", "mobile", "home_phone", "status")
OPTIONAL_COLUMNS = tuple(f"{c.value}_marketing" for c in CHANNELS) + ("consent_method",)
_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off", ""}


@dataclass
class ImportSummary:
    """What an import did: rows imported, rows skipped with their row numbers and reasons."""

    imported: int = 0
    client_ids: list[int] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "skipped": self.skipped, "client_ids": self.client_ids}


def read_csv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with a header row, one at a time, numbered as a spreadsheet
    shows them; a row that does not fit the header comes as {"__error__": reason}.

    Raises InvalidInput for a missing, unreadable or malformed file, or missing columns — while
    iterating, so callers read the whole file before they change anything. Rows are not kept:
    a provider's log of hundreds of thousands of texts is read, not held.
    """
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in (reader.fieldnames or [])]
            missing = [name for name in required if name not in header]
            if not header:
                raise InvalidInput(f"{path}: the file is empty")
            if missing:
                raise InvalidInput(f"{path}: missing column{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(missing)}")
            reader.fieldnames = header
            # Rows are numbered as a spreadsheet shows them (the header is row 1), which is not
            # the line number when a quoted cell holds a line break.
            for number, row in enumerate(reader, start=2):
                if None in row:
                    yield number, {"__error__": "more cells than the header has"}
                elif any(value is None for value in row.values()) and any(row.values()):
                    yield number, {"__error__": "fewer cells than the header has"}
                else:
                    yield number, {k: (v or "") for k, v in row.items()}
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a UTF-8 text file") from None
    except csv.Error as error:
        raise InvalidInput(f"{path}: not a readable CSV file ({error})") from None


def _yes_no(column: str, value: str) -> bool | None:
    text = value.strip().lower()
    if text == "":
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput(f"{column} {value!r} is not yes or no")


def import_clients(path: Path, *, actor: str = "client import", who: SignedIn | None = None) -> ImportSummary:
    """Import clients from a CSV file (columns of DESIGN §4, plus optional `<channel>_marketing`
    and `consent_method`). Good rows are added, bad ones listed with their row number.

    Running the same file again is safe: a row whose client is already on file (same name and
    same email, mobile and home phone) is skipped as already imported.
    """
    rows = read_csv(path, REQUIRED_COLUMNS)
    studio = load_studio()
    summary = ImportSummary()
    drafts: list[tuple[int, ClientDraft]] = []
    for line, row in rows:
        if "__error__" in row:
            summary.skipped.append({"row": line, "reason": row["__error__"]})
            continue
        if not any(value.strip() for value in row.values()):
            continue
        try:
            marketing = {}
            for channel in CHANNELS:
                value = _yes_no(f"{channel.value}_marketing", row.get(f"{channel.value}_marketing", ""))
                if value is not None:
                    marketing[channel] = value
            method = row.get("consent_method", "").strip().lower() or None
            if method is not None and method not in CONSENT_METHODS:
                raise InvalidInput(f"consent_method {method!r} is not one of {', '.join(CONSENT_METHODS)}")
            drafts.append((line, make_draft(
                row["first_name"], row["last_name"], status=row["status"], email=row["email"],
                mobile=row["mobile"], home_phone=row["home_phone"], marketing=marketing,
                method=method, region=studio.default_region)))
        except InvalidInput as error:
            summary.skipped.append({"row": line, "reason": str(error)})
    staff_id = None
    with database.atomic():
        if who is not None:
            signed = require_role(who, Role.EMPLOYEE)
            actor, staff_id = signed.name, signed.staff_id
        locked = _locked(d.mobile for _, d in drafts)
        log = EventLog()
        seen: dict[tuple, int] = {}
        for line, draft in drafts:
            key = (name_key(draft.first_name, draft.last_name), draft.email, draft.mobile, draft.home_phone)
            existing = seen.get(key) or _existing_client(*key)
            if existing is not None:
                summary.skipped.append({"row": line, "reason": f"already on file as client {existing}"})
                continue
            client_id = _insert_client(draft, studio, log, actor=actor, staff_id=staff_id,
                                       source="import", locked_numbers=locked)
            seen[key] = client_id
            summary.imported += 1
            summary.client_ids.append(client_id)
        log.flush()
    summary.skipped.sort(key=lambda item: item["row"])
    return summary


def _existing_client(key: str, email: str | None, mobile: str | None, home: str | None) -> int | None:
    def same(column: peewee.Field, value: str | None) -> peewee.Expression:
        return column.is_null() if value is None else column == value

    row = (Client.select(Client.id)
           .where((Client.name_key == key) & same(Client.email, email) & same(Client.mobile, mobile)
                  & same(Client.home_phone, home) & (Client.archived == False))  # noqa: E712
           .first())
    return row.id if row else None


def archive_client(who: SignedIn, client_id: int, archived: bool = True) -> Change:
    """Archive (or restore) a client. Clients are never deleted: their record outlives them (R14)."""
    with database.atomic():
        staff = require_role(who, Role.MANAGER)
        client = for_update(Client.select().where(Client.id == client_id)).get_or_none()
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        if client.archived == archived:
            return Change(Touched.NONE, client_ids=(client_id,))
        Client.update(archived=archived, version=Client.version + 1).where(Client.id == client_id).execute()
        log = EventLog()
        log.add(at=iso_now(), actor=staff.name, staff_id=staff.staff_id, client_id=client_id,
                source="staff", switch="archived", old=on_off(client.archived), new=on_off(archived))
        log.flush()
    return Change(Touched.CLIENTS, client_ids=(client_id,), event_ids=tuple(log.event_ids))


# --- Finding and listing (DESIGN §3, §6) ---------------------------------------------------------

class ClientFilter(StrEnum):
    """The client list's filters."""

    ALL = "all"
    MEMBERS = "members"
    PROSPECTS = "prospects"
    ANY_OPT_OUT = "any_opt_out"
    STOP_LOCKED = "stop_locked"
    NEEDS_REVIEW = "needs_review"


FILTER_LABELS = {
    ClientFilter.ALL: "All", ClientFilter.MEMBERS: "Members", ClientFilter.PROSPECTS: "Prospects",
    ClientFilter.ANY_OPT_OUT: "Any opt-out", ClientFilter.STOP_LOCKED: "STOP-locked",
    ClientFilter.NEEDS_REVIEW: "Needs review",
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(column: peewee.Field, pattern: str) -> peewee.ColumnBase:
    """`column LIKE pattern ESCAPE '\\'`, spelled out: peewee turns its own LIKE into GLOB on SQLite.
    Both sides are already case-folded, so SQLite's and PostgreSQL's LIKE agree."""
    return peewee.NodeList((column, peewee.SQL("LIKE"), pattern, peewee.SQL("ESCAPE '\\'")))


def _opt_out_condition() -> peewee.ColumnBase:
    """`rules.is_opted_out()` in SQL, for the filter and its count (a test checks they agree):
    All off on an address on file, or Marketing off where the studio's default is on. The STOP
    lock is added by the caller."""
    defaults = load_studio().marketing_defaults
    condition: peewee.ColumnBase | None = None
    for channel in CHANNELS:
        column = getattr(Client, CHANNEL_ADDRESS[channel].value)
        refused = getattr(Client, field_name(channel, Switch.ALL)) == False  # noqa: E712
        if defaults[channel]:
            refused = refused | (getattr(Client, field_name(channel, Switch.MARKETING)) == False)  # noqa: E712
        part = column.is_null(False) & refused
        condition = part if condition is None else condition | part
    assert condition is not None
    return condition


def _locked_numbers() -> peewee.Select:
    return StopLock.select(StopLock.number)


def _numbers_in_review() -> peewee.Select:
    return InboundMessage.select(InboundMessage.from_number).where(InboundMessage.review_state == "open")


def _filter_condition(which: ClientFilter) -> peewee.ColumnBase | None:
    # `mobile IN (SELECT …)` rather than a correlated EXISTS: the database walks the few locked
    # or reviewed numbers and probes the mobile index, instead of probing once per client.
    if which is ClientFilter.MEMBERS:
        return Client.status == "member"
    if which is ClientFilter.PROSPECTS:
        return Client.status == "prospect"
    if which is ClientFilter.STOP_LOCKED:
        return Client.mobile.in_(_locked_numbers())
    if which is ClientFilter.NEEDS_REVIEW:
        return Client.mobile.in_(_numbers_in_review())
    if which is ClientFilter.ANY_OPT_OUT:
        return _opt_out_condition() | Client.mobile.in_(_locked_numbers())
    return None


def search_condition(text: str) -> peewee.ColumnBase | None:
    """What a search text matches: a name (any word's start), an email, or phone digits.

    "555 01", "(555) 555-0123" and "+1 555…" all match a number by its digits; "dana@" matches
    an email; anything else matches names and emails. Input is only ever a bound parameter.
    """
    text = " ".join(text.split()).casefold()
    if not text:
        return None
    number_digits = digits(text)
    if number_digits and not any(ch.isalpha() for ch in text):
        pattern = f"%{_escape_like(number_digits)}%"
        return _like(Client.mobile, pattern) | _like(Client.home_phone, pattern)
    escaped = _escape_like(text)
    condition = (_like(Client.name_key, f"{escaped}%") | _like(Client.name_key, f"% {escaped}%")
                 | _like(Client.email, f"{escaped}%"))
    if "@" in text or "." in text:
        condition = condition | _like(Client.email, f"%{escaped}%")
    return condition


class ClientOrder(StrEnum):
    """What the client list is sorted by (a click on a column's header)."""

    NAME = "name"
    STATUS = "status"
    MOBILE = "mobile"
    EMAIL = "email"


def _order_by(order: ClientOrder, descending: bool) -> list[peewee.Ordering]:
    """The list's ORDER BY: the chosen column, then by name, so ties read in a useful order.
    By name ascending is the covering index's own order and costs no sort."""
    name = [Client.sort_key.desc(), Client.id.desc()] if descending else [Client.sort_key, Client.id]
    if order is ClientOrder.NAME:
        return [Client.archived, *name]
    column = {ClientOrder.STATUS: Client.status, ClientOrder.MOBILE: Client.mobile,
              ClientOrder.EMAIL: Client.email}[order]
    # Clients without a mobile or email come last either way: they have nothing to sort by.
    missing = peewee.Case(None, [(column.is_null(), 1)], 0)
    return [Client.archived, missing, column.desc() if descending else column.asc(),
            Client.sort_key, Client.id]


def client_ids(text: str = "", which: ClientFilter | str = ClientFilter.ALL, *,
               include_archived: bool = False, offset: int = 0, limit: int | None = None,
               order: ClientOrder | str = ClientOrder.NAME, descending: bool = False) -> list[int]:
    """The ids of the clients a search and filter select, in list order, from one query.

    The query walks the covering index on (archived, sort_key, id, …): rows come out in list
    order with no sort, and the search is tested on the index alone, so a `limit` stops the
    walk early. Ids are read straight from the cursor: building a peewee row for each of
    100,000 ids would cost more than the query.
    """
    query = Client.select(Client.id)
    if not include_archived:
        query = query.where(Client.archived == False)  # noqa: E712
    condition = search_condition(text)
    if condition is not None:
        query = query.where(condition)
    filtered = _filter_condition(ClientFilter(which))
    if filtered is not None:
        query = query.where(filtered)
    query = query.order_by(*_order_by(ClientOrder(order), descending))
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)  # peewee adds SQLite's LIMIT -1 itself
    sql, params = query.sql()
    return [row[0] for row in database.execute_sql(sql, params)]


def filter_counts() -> dict[ClientFilter, int]:
    """How many active clients each filter selects, for the filter bar's counts: one pass."""
    def count_if(condition: peewee.ColumnBase) -> peewee.ColumnBase:
        return fn.SUM(peewee.Case(None, [(condition, 1)], 0))

    locked = Client.mobile.in_(_locked_numbers())
    row = (Client.select(fn.COUNT(Client.id), count_if(Client.status == "member"),
                         count_if(Client.status == "prospect"), count_if(_opt_out_condition() | locked),
                         count_if(locked), count_if(Client.mobile.in_(_numbers_in_review())))
           .where(Client.archived == False).tuples().get())  # noqa: E712
    total, members, prospects, opted_out, stop_locked, review = (value or 0 for value in row)
    return {ClientFilter.ALL: total, ClientFilter.MEMBERS: members,
            ClientFilter.PROSPECTS: prospects, ClientFilter.ANY_OPT_OUT: opted_out,
            ClientFilter.STOP_LOCKED: stop_locked, ClientFilter.NEEDS_REVIEW: review}


@dataclass(frozen=True, slots=True)
class ClientRow:
    """What one line of the client list shows."""

    id: int
    name: str
    status: str
    email: str | None
    mobile: str | None
    home_phone: str | None
    stop_locked: bool
    opted_out: bool
    needs_review: bool


def client_rows(ids: Sequence[int]) -> dict[int, ClientRow]:
    """Display rows for a page of ids: one query for clients, one for locks, one for review."""
    if not ids:
        return {}
    clients = list(Client.select().where(Client.id.in_(list(ids))))
    mobiles = [c.mobile for c in clients if c.mobile]
    locks = {lock.number: lock for lock in StopLock.select().where(StopLock.number.in_(mobiles))} if mobiles else {}
    review = set()
    if mobiles:
        review = {row[0] for row in InboundMessage.select(InboundMessage.from_number)
                  .where((InboundMessage.review_state == "open") & InboundMessage.from_number.in_(mobiles))
                  .distinct().tuples()}
    defaults = load_studio().marketing_defaults
    rows = {}
    for c in clients:
        channels = channel_consents(c, locks.get(c.mobile) if c.mobile else None)
        opted_out = any(is_opted_out(consent, defaults[channel]) for channel, consent in channels.items())
        rows[c.id] = ClientRow(
            id=c.id, name=f"{c.first_name} {c.last_name}".strip(), status=c.status, email=c.email,
            mobile=c.mobile, home_phone=c.home_phone, stop_locked=c.mobile in locks,
            opted_out=opted_out, needs_review=c.mobile in review)
    return rows


def clients_by_mobile(numbers: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """The active clients behind each mobile number (E.164), as (id, name) in list order."""
    wanted = sorted(set(numbers))
    found: dict[str, list[tuple[str, int, str]]] = {}
    for start in range(0, len(wanted), 500):
        for c in (Client.select(Client.id, Client.first_name, Client.last_name, Client.mobile,
                                Client.sort_key)
                  .where(Client.mobile.in_(wanted[start:start + 500]) & (Client.archived == False))):  # noqa: E712
            found.setdefault(c.mobile, []).append((c.sort_key, c.id, f"{c.first_name} {c.last_name}".strip()))
    return {number: [(client_id, name) for _, client_id, name in sorted(people)]
            for number, people in found.items()}


@dataclass(frozen=True, slots=True)
class Housemate:
    """Another client who shares an address with this one (R18)."""

    client_id: int
    name: str
    shares: str  # "mobile" or "email"


def housemates(client_id: int) -> list[Housemate]:
    """Who else shares this client's mobile number or email (R18)."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound(f"no client with id {client_id}")
    result = []
    for kind, value in (("mobile", client.mobile), ("email", client.email)):
        if value is None:
            continue
        column = getattr(Client, kind)
        # No ORDER BY in SQL: it would tempt the planner to walk the whole list in order
        # instead of looking the address up in its index; a household is a handful of rows.
        others = (Client.select(Client.id, Client.first_name, Client.last_name, Client.sort_key)
                  .where((column == value) & (Client.id != client_id) & (Client.archived == False)))  # noqa: E712
        for other in sorted(others, key=lambda c: (c.sort_key, c.id)):
            result.append(Housemate(other.id, f"{other.first_name} {other.last_name}".strip(), kind))
    return result
