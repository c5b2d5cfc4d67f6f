"""The client list: search, filters, their counts, sorting and display rows (DESIGN §3, §6).

Search, filters and sorting happen in SQL and return ids, so a list of 100,000 clients holds
integers and fetches display rows a page at a time (DESIGN §5, STYLE 9).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable, Sequence

import peewee
from peewee import fn

from .client_search import by_id_only, matching_ids, ordered_ids
from .consent import channel_consents, field_name
from .db import database, is_postgres
from .like import escape_like, like
from .phones import digits
from .rules import CHANNEL_ADDRESS, CHANNELS, Switch, is_opted_out
from .schema import Client, InboundMessage, StopLock
from .settings import load_studio


class ClientFilter(StrEnum):
    """The client list's filters."""

    ALL = "all"
    MEMBERS = "members"
    PROSPECTS = "prospects"
    ANY_OPT_OUT = "any_opt_out"
    STOP_LOCKED = "stop_locked"
    NEEDS_REVIEW = "needs_review"
    #: Archived clients, whom every other filter hides (their record is kept, R14).
    ARCHIVED = "archived"


_escape_like, _like = escape_like, like  # the search below was written with these names


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
    if which is ClientFilter.ARCHIVED:
        return Client.archived == True  # noqa: E712 (peewee expression)
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
        return _like(searched(Client.mobile), pattern) | _like(searched(Client.home_phone), pattern)
    escaped = _escape_like(text)
    condition = (_like(searched(Client.name_key), f"{escaped}%")
                 | _like(searched(Client.name_key), f"% {escaped}%")
                 | _like(searched(Client.email), f"{escaped}%"))
    if "@" in text or "." in text:
        condition = condition | _like(searched(Client.email), f"%{escaped}%")
    return condition


def searched(column: peewee.Field) -> peewee.ColumnBase:
    """A column as the search tests it: on PostgreSQL `column || ''`, the expression of its
    trigram index (migration 0008), which no equality lookup uses."""
    return column.concat("") if is_postgres() else column


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
    condition = search_condition(text)
    matching: list[int] | None = None
    active_only = not include_archived and ClientFilter(which) is not ClientFilter.ARCHIVED
    if condition is not None and active_only:
        # A text few clients match is looked up in the search indexes (migration 0006), which
        # hold active clients only, instead of tested along the whole list (DESIGN §6).
        if ClientFilter(which) is ClientFilter.ALL and ClientOrder(order) is ClientOrder.NAME:
            found = ordered_ids(text, descending=descending, offset=offset, limit=limit)
            if found is not None:
                return found
        matching = matching_ids(text)
        if matching is not None:
            condition = Client.id.in_(matching) if matching else peewee.SQL("0 = 1")
    query = Client.select(Client.id)
    if active_only:
        query = query.where(Client.archived == False)  # noqa: E712
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
    if matching is not None:
        sql = by_id_only(sql)
    return [row[0] for row in database.execute_sql(sql, params)]


def filter_counts() -> dict[ClientFilter, int]:
    """How many active clients each filter selects, for the filter bar's counts: one pass,
    and one look at the index for the archived."""
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
            ClientFilter.STOP_LOCKED: stop_locked, ClientFilter.NEEDS_REVIEW: review,
            **filter_counts_for([ClientFilter.ARCHIVED])}


def filter_counts_for(filters: Iterable[ClientFilter]) -> dict[ClientFilter, int]:
    """`filter_counts()` for some filters only: after a switch changes, only
    "Any opt-out" can move, and each count costs tens of milliseconds at 100,000 clients."""
    counts: dict[ClientFilter, int] = {}
    for which in filters:
        query = Client.select()
        if ClientFilter(which) is not ClientFilter.ARCHIVED:  # the few archived: from the index
            query = query.where(Client.archived == False)  # noqa: E712
        condition = _filter_condition(ClientFilter(which))
        if condition is not None:
            query = query.where(condition)
        counts[ClientFilter(which)] = query.count()
    return counts


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
