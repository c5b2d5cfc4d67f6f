"""Who shares an address: the clients behind mobile numbers, a client's housemates (R18)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .db import database, rows_for_in
from .errors import NotFound
from .wording import say


def clients_by_mobile(numbers: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """The active clients behind each mobile number (E.164), as (id, name) in list order."""
    wanted = sorted(set(numbers))
    found: dict[str, list[tuple[str, int, str]]] = {}
    # Written out: peewee took longer to build the statement than the index to answer it.
    rows = rows_for_in("SELECT id, first_name, last_name, mobile, sort_key, archived FROM client "
                       "WHERE mobile IN ({values})", wanted)
    for client_id, first, last, mobile, sort_key, archived in rows:
        if not archived:
            found.setdefault(mobile, []).append((sort_key, client_id, f"{first} {last}".strip()))
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
    row = database.execute_sql(f"SELECT mobile, email FROM client WHERE id = {database.param}",
                               (client_id,)).fetchone()
    if row is None:
        raise NotFound(say("no client with id {client_id}", client_id=client_id))
    return sharing(mobile=row[0], email=row[1], excluding=client_id)


def sharing(*, mobile: str | None, email: str | None, excluding: int | None = None) -> list[Housemate]:
    """The active clients who have this mobile number or email (normalized), but `excluding`:
    whom a STOP from the number would reach with them (R6, R18)."""
    # Only the address in SQL: no ORDER BY, which would tempt the planner to walk the whole
    # list in order, and no `archived = 0`, which made SQLite walk the active part of the
    # consent index instead of looking the email up in its own (19 ms at 100,000 clients,
    # growing with the table). A household is a handful of rows: the rest is done here. One
    # statement written out, with a part per address: building it with peewee cost more
    # than running it (issue 12).
    mark = database.param
    parts, params = [], []
    for kind, value in (("mobile", mobile), ("email", email)):
        if value is not None:
            parts.append(f"SELECT '{kind}', id, first_name, last_name, sort_key, archived "
                         f"FROM client WHERE {kind} = {mark} AND id <> {mark}")
            params += [value, excluding or 0]
    if not parts:
        return []
    found: dict[str, list[tuple[str, int, str]]] = {"mobile": [], "email": []}
    for kind, client_id, first, last, sort_key, archived in database.execute_sql(
            " UNION ALL ".join(parts), params):
        if not archived:
            found[kind].append((sort_key, client_id, f"{first} {last}".strip()))
    return [Housemate(client_id, name, kind) for kind in ("mobile", "email")
            for _, client_id, name in sorted(found[kind])]


def clients_with_mobiles(numbers: Iterable[str]) -> dict[int, str]:
    """Active clients whose mobile is one of `numbers` (E.164): {client id: name}."""
    people = clients_by_mobile(numbers)
    return {client_id: name for clients in people.values() for client_id, name in clients}


def names_by_mobile(numbers: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The names of the active clients behind each mobile number, for the Messages list."""
    people = clients_by_mobile(numbers)
    return {number: tuple(name for _, name in clients) for number, clients in people.items()}
