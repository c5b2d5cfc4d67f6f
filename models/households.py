"""Who shares an address: the clients behind mobile numbers, a client's housemates (R18)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .errors import NotFound
from .schema import Client
from .wording import say


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
        raise NotFound(say("no client with id {client_id}", client_id=client_id))
    return sharing(mobile=client.mobile, email=client.email, excluding=client_id)


def sharing(*, mobile: str | None, email: str | None, excluding: int | None = None) -> list[Housemate]:
    """The active clients who have this mobile number or email (normalized), but `excluding`:
    whom a STOP from the number would reach with them (R6, R18)."""
    result = []
    for kind, value in (("mobile", mobile), ("email", email)):
        if value is None:
            continue
        column = getattr(Client, kind)
        # Only the address in SQL: no ORDER BY, which would tempt the planner to walk the whole
        # list in order, and no `archived = 0`, which made SQLite walk the active part of the
        # consent index instead of looking the email up in its own (19 ms at 100,000 clients,
        # growing with the table). A household is a handful of rows: the rest is done here.
        others = (Client.select(Client.id, Client.first_name, Client.last_name, Client.sort_key,
                                Client.archived)
                  .where((column == value) & (Client.id != (excluding or 0))))
        for other in sorted((c for c in others if not c.archived), key=lambda c: (c.sort_key, c.id)):
            result.append(Housemate(other.id, f"{other.first_name} {other.last_name}".strip(), kind))
    return result


def clients_with_mobiles(numbers: Iterable[str]) -> dict[int, str]:
    """Active clients whose mobile is one of `numbers` (E.164): {client id: name}."""
    people = clients_by_mobile(numbers)
    return {client_id: name for clients in people.values() for client_id, name in clients}


def names_by_mobile(numbers: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The names of the active clients behind each mobile number, for the Messages list."""
    people = clients_by_mobile(numbers)
    return {number: tuple(name for _, name in clients) for number, clients in people.items()}
