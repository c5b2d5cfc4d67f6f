"""The provider sync's shared state (R24): one sync at a time across workstations, how the last
one went, and whether the studio's texts have gone unread too long.

The lease is a row, not a database lock: a sync holds it for minutes while it talks to the
provider, with no transaction open, so a STOP from elsewhere never waits behind it. A
workstation that dies mid-sync leaves a lease that lapses after LEASE.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from peewee import fn

from .db import database
from .deadlines import add_business_days
from .errors import OptInDeskError
from .schema import InboundMessage, ProviderAccount, ProviderSync
from .settings import load_studio
from .timeutil import iso, now, parse_iso
from .wording import say

#: A lease not renewed for this long belongs to a sync that died; another may take it.
LEASE = timedelta(minutes=10)


class SyncBusy(OptInDeskError):
    """Another workstation (or window) is syncing right now; this one need not."""


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar and the staleness warning show."""

    connected: bool
    last_success_at: datetime | None
    last_failure_at: datetime | None
    last_failure: str | None
    #: When a sync or an import last brought messages: the newer of the last successful sync
    #: and the newest inbound text processed. None: never.
    fresh_at: datetime | None
    #: R24: neither a sync nor an import has brought messages for more than one business day.
    stale: bool

    @property
    def failing(self) -> bool:
        """The last attempt failed (after the last success)."""
        return self.last_failure_at is not None and (
            self.last_success_at is None or self.last_failure_at > self.last_success_at)


def _row() -> ProviderSync:
    ProviderSync.insert(id=1).on_conflict_ignore().execute()
    return ProviderSync.get_by_id(1)


def take_lease() -> str:
    """Hold the one sync lease; its token. SyncBusy while another sync holds it."""
    token = uuid.uuid4().hex
    with database.atomic():
        row = _row()
        taken = (ProviderSync.update(running_since=iso(now()), running_token=token)
                 .where((ProviderSync.id == 1)
                        & (ProviderSync.running_since.is_null()
                           | (ProviderSync.running_since < iso(now() - LEASE))))
                 .execute())
    if not taken:
        raise SyncBusy(say("another sync has been running since {time} UTC; it brings the same "
                           "messages", time=row.running_since[:16].replace("T", " ")))
    return token


def renew_lease(token: str) -> None:
    """Keep the lease while a long sync goes on."""
    with database.atomic():
        ProviderSync.update(running_since=iso(now())).where(ProviderSync.running_token == token).execute()


def release_lease(token: str) -> None:
    """Let the next sync run."""
    with database.atomic():
        (ProviderSync.update(running_since=None, running_token=None)
         .where(ProviderSync.running_token == token).execute())


def newest_sent(account_sid: str) -> datetime | None:
    """Where the account's last complete sync ended (its newest date sent), or None."""
    row = ProviderSync.get_or_none(ProviderSync.id == 1)
    if row is None or row.account_sid != account_sid or row.newest_sent is None:
        return None
    return parse_iso(row.newest_sent)


def newest_inbound_at() -> datetime | None:
    """The newest inbound text on file, from any source (a sync, an import, `inbound`)."""
    value = InboundMessage.select(fn.MAX(InboundMessage.received_at)).scalar()
    return parse_iso(value) if value else None


def record_success(account_sid: str, newest: datetime | None) -> None:
    """A sync fetched everything up to `newest` (date sent; None: keep where it was)."""
    with database.atomic():
        row = _row()
        values = {"account_sid": account_sid, "last_success_at": iso(now())}
        if newest is not None and (row.account_sid != account_sid or row.newest_sent is None
                                   or iso(newest) > row.newest_sent):
            values["newest_sent"] = iso(newest)
        ProviderSync.update(**values).where(ProviderSync.id == 1).execute()


def record_failure(reason: str) -> None:
    """A sync failed: why, for every workstation's status bar."""
    with database.atomic():
        _row()
        (ProviderSync.update(last_failure_at=iso(now()), last_failure=reason[:1000])
         .where(ProviderSync.id == 1).execute())


def sync_status(at: datetime | None = None) -> SyncStatus:
    """The sync's state, and R24's staleness as of `at` (now)."""
    at = at or now()
    account = ProviderAccount.get_or_none(ProviderAccount.id == 1)
    connected = account is not None
    row = ProviderSync.get_or_none(ProviderSync.id == 1)
    success = parse_iso(row.last_success_at) if row and row.last_success_at else None
    failure_at = parse_iso(row.last_failure_at) if row and row.last_failure_at else None
    processed = InboundMessage.select(fn.MAX(InboundMessage.processed_at)).scalar()
    candidates = [moment for moment in (success, parse_iso(processed) if processed else None) if moment]
    fresh = max(candidates) if candidates else None
    # Counted from when the account was connected, if nothing came since; a studio that has
    # never texted (no provider, no message ever) is not warned.
    since = fresh or (parse_iso(account.connected_at) if account is not None else None)
    stale = since is not None and at > one_business_day_after(since)
    return SyncStatus(connected, success, failure_at, row.last_failure if row else None, fresh, stale)


def one_business_day_after(moment: datetime) -> datetime:
    """The same time of day on the next business day, in the studio's time zone."""
    zone = load_studio().time_zone
    local = moment.astimezone(zone)
    day = add_business_days(local.date(), 1)
    return datetime.combine(day, time(local.hour, local.minute, local.second), zone)
