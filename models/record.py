"""One client's consent record for a dispute (R14): everything the printed record shows,
read in one snapshot of the database.

Who the client is, the state of every channel and what they receive now, every consent event
of theirs and of every number they have had (`models.number_record`), the verification of the
whole hash chain, and the checkpoint — so the page a studio hands over says what the database
held at one moment, and the checkpoint lets anyone check later that it still does.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator

from .audit import (
    AuditCheck,
    EventRecord,
    chain_checkpoint,
    iter_events,
    verify_chain,
    with_recorded_times,
)
from .consent import ClientConsent, load_consent
from .db import database, is_postgres
from .number_record import numbers_held
from .rules import utc_now
from .staff import Role, SignedIn, require_role


@dataclass(frozen=True, slots=True)
class ClientRecord:
    """A client's consent record as of `made_at`: what `export-record` and Print show."""

    made_at: datetime
    studio_name: str
    #: The studio's time zone name: the record gives times in it.
    time_zone: str
    #: Identity, every channel's state (effective All/Marketing, STOP lock), what they receive.
    consent: ClientConsent
    #: Every mobile number the client has had, the current one first.
    numbers: tuple[str, ...]
    #: Their events and their numbers' events, oldest first in the order they were recorded
    #: (which is the order they took effect), each with when it was recorded where a message
    #: caused it: a STOP imported late follows the staff "on" it overrides (R11, R19).
    events: tuple[EventRecord, ...]
    #: The check of the whole chain, not only of these events.
    check: AuditCheck
    #: "ID:HASH" of the newest event of the whole record when this was read.
    checkpoint: str

    @property
    def name(self) -> str:
        """The client's name, "First Last"."""
        return self.consent.client.name


def client_record(client_id: int, now: datetime | None = None) -> ClientRecord:
    """Read one client's consent record in one snapshot. Raises NotFound for no such client.

    The snapshot is a read transaction: on SQLite a deferred one, which takes no write lock, so
    an inbound STOP is not kept waiting while the chain is checked (DESIGN §7).
    """
    made_at = now or utc_now()
    with _snapshot():
        consent = load_consent(client_id, made_at)
        checkpoint = chain_checkpoint()
        through = int(checkpoint.partition(":")[0])
        held = numbers_held(client_id)
        events = tuple(with_recorded_times(
            event for event in iter_events(client_id=client_id) if event.id <= through))
        check = verify_chain()
    current = consent.client.mobile
    numbers = tuple(([current] if current else []) + sorted(n for n in held if n != current))
    return ClientRecord(made_at=made_at, studio_name=consent.studio.name,
                        time_zone=consent.studio.time_zone.key, consent=consent, numbers=numbers,
                        events=events, check=check, checkpoint=checkpoint)


def record_for(who: SignedIn, client_id: int, now: datetime | None = None) -> ClientRecord:
    """`client_record` for a staff member: managers and owners, like the audit export (R15).
    The command line, run by whoever holds the database file, uses `client_record`."""
    require_role(who, Role.MANAGER)
    return client_record(client_id, now)


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """A read transaction that sees one moment of the database."""
    if database.in_transaction():  # the caller's transaction is the snapshot
        yield
        return
    if is_postgres():
        with database.atomic(isolation_level="REPEATABLE READ"):
            yield
    else:
        with database.atomic(lock_type="DEFERRED"):
            yield
