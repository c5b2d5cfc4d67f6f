"""The client list: search, filters, their counts, sorting and display rows (DESIGN §3, §6).

Search, filters and sorting happen in SQL and return ids, so a list of 100,000 clients holds
integers and fetches display rows a page at a time (DESIGN §5, STYLE 9).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable, Sequence

import peewee
from peewee import fn

from .client_filter import ClientFilter
from .client_search import by_id_only, matching_ids, name_text, ordered_ids
from .consent import field_name
from .db import database, is_postgres
from .like import escape_like, like
from .phones import digits
from .rules import CHANNEL_ADDRESS, CHANNELS, Channel, Switch, opts_out
from .schema import Client, InboundMessage, StopLock
from .settings import load_studio

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


def _one_of(ids: list[int]) -> peewee.ColumnBase:
    """`client.id IN (ids)` with the ids as one parameter: peewee took 10 ms to write out 1,400
    placeholders, SQLite 3 ms to run them. SQLite reads them from JSON, PostgreSQL as an array."""
    if is_postgres():
        return peewee.NodeList((Client.id, peewee.SQL("= ANY(%s)", [ids])))
    return peewee.NodeList((Client.id, peewee.SQL("IN (SELECT value FROM json_each(?))",
                                                   [json.dumps(ids)])))


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
            # Not found in order: the text starts more than ORDERED_LIMIT names, too many to
            # look up one by one as well.
            broad = name_text(text)
        else:
            broad = False
        matching = None if broad else matching_ids(text)
        if matching is not None:
            condition = _one_of(matching) if matching else peewee.SQL("0 = 1")
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


#: The columns a display row reads, after id, names, status and the three addresses.
_SWITCH_COLUMNS = tuple(field_name(channel, switch) for channel in CHANNELS
                        for switch in (Switch.ALL, Switch.MARKETING))
_ADDRESS_COLUMNS = {Channel.EMAIL: 4, Channel.SMS: 5, Channel.VOICE: 5, Channel.HOME: 6}


def _rows_sql(count: int) -> str:
    """One statement for a page of display rows: the client's columns, its STOP lock and its
    open review, by the primary key and two indexes. Written out rather than built by peewee:
    building the statement cost more than running it (issue 12)."""
    mark = database.param
    return ("SELECT c.id, c.first_name, c.last_name, c.status, c.email, c.mobile, c.home_phone, "
            + ", ".join(f"c.{column}" for column in _SWITCH_COLUMNS)
            + ", EXISTS (SELECT 1 FROM stop_lock AS l WHERE l.number = c.mobile), "
            "EXISTS (SELECT 1 FROM inbound_message AS m WHERE m.review_state = 'open' "
            "AND m.from_number = c.mobile) "
            f"FROM client AS c WHERE c.id IN ({', '.join([mark] * count)})")


def client_rows(ids: Sequence[int]) -> dict[int, ClientRow]:
    """Display rows for a page of ids, from one query (the client, its lock, its review)."""
    if not ids:
        return {}
    defaults = load_studio().marketing_defaults
    rows = {}
    switches = len(_SWITCH_COLUMNS)
    for row in database.execute_sql(_rows_sql(len(ids)), list(ids)):
        client_id, first, last, status, email, mobile, home = row[:7]
        flags = row[7:7 + switches]
        locked, review = bool(row[7 + switches]) and mobile is not None, bool(row[8 + switches])
        opted_out = any(
            opts_out(row[_ADDRESS_COLUMNS[channel]] is not None, bool(flags[2 * position]),
                     bool(flags[2 * position + 1]), channel is Channel.SMS and locked,
                     defaults[channel])
            for position, channel in enumerate(CHANNELS))
        rows[client_id] = ClientRow(
            id=client_id, name=f"{first} {last}".strip(), status=status, email=email,
            mobile=mobile, home_phone=home, stop_locked=locked, opted_out=opted_out,
            needs_review=review and mobile is not None)
    return rows
