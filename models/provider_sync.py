"""Fetch the provider's messages and apply them exactly as `import-messages` does (R24).

Each Twilio message becomes a row of the message log's columns (From, To, Body, Status,
SentDate, Direction, Sid) and the rows go through `models.message_log.apply_message_rows`:
the same checks, keywords (R6–R10), clock clamping (R11), outbound rows (R23), chunked
commits and summary as a CSV export of the same messages — so a sync, a retry and an import
of the same messages mix freely, each message id applied once.

Twilio lists newest first. Every page since the last sync (minus OVERLAP) is fetched before
anything is applied, so a STOP and the confirmation sent after it are judged together (R23);
the fetch holds no transaction, so a STOP from elsewhere never waits behind it. If a page
fails after retries, the messages already fetched are applied anyway (a STOP among them
should not wait), the error names them, and where the next sync starts stays put.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

from .errors import ImportStopped, StorageError
from .message_log import MessageImportSummary, apply_message_rows
from .provider import (
    Credentials,
    ProviderError,
    ProviderUnreachable,
    call_provider,
    stored_credentials,
    twilio_client,
)
from .sync_state import (
    newest_sent,
    record_failure,
    record_success,
    release_lease,
    renew_lease,
    take_lease,
)
from .timeutil import CLOCK_SKEW, iso, now
from .wording import message_of, say

#: Fetched again before the newest date sent on file: a message the provider lists late is
#: not missed at the boundary (ids already on file are skipped).
OVERLAP = timedelta(minutes=15)
#: How far back the first sync looks when nothing is on file; older history: `sync --since`
#: or File ▸ Import message log.
FIRST_SYNC = timedelta(days=31)
#: Messages per request: Twilio's largest page.
PAGE_SIZE = 1000
#: Tries of a page that failed for a passing reason (network, HTTP 429 or 5xx).
ATTEMPTS = 3
#: Seconds before the second try; doubled for each one after.
RETRY_PAUSE = 2.0

#: (messages fetched, messages applied, messages to apply): applied and total are 0 while
#: fetching.
Progress = Callable[[int, int, int], None]


@dataclass
class SyncSummary:
    """What a sync did: the message-log summary of what it applied, and what it fetched."""

    messages: MessageImportSummary
    since: datetime
    fetched: int
    pages: int
    #: Outbound texts the provider has not sent yet (no date sent): the next sync sees them.
    not_sent_yet: int

    def as_json(self) -> dict[str, Any]:
        """`import-messages`' JSON, and where the sync started and what it fetched."""
        return {**self.messages.as_json(), "since": iso(self.since)[:19] + "Z",
                "fetched": self.fetched, "pages": self.pages, "not_sent_yet": self.not_sent_yet}


class SyncStopped(ProviderError):
    """The provider failed part-way: the messages fetched before were applied (`applied`,
    their ids `applied_sids`), the rest were not fetched; the next sync fetches them again."""

    def __init__(self, cause: ProviderError | StorageError, applied: MessageImportSummary | None,
                 applied_sids: list[str], fetched_pages: int) -> None:
        self.cause = cause
        self.applied = applied
        self.applied_sids = applied_sids
        count = f"{len(applied_sids):,}"
        if applied_sids and fetched_pages == 1:
            done = say("the {count} newest messages ({pages} page) were applied, older ones were "
                       "not fetched — the next sync fetches them again", count=count,
                       pages=fetched_pages)
        elif applied_sids:
            done = say("the {count} newest messages ({pages} pages) were applied, older ones were "
                       "not fetched — the next sync fetches them again", count=count,
                       pages=fetched_pages)
        else:
            done = say("nothing was applied — the next sync tries again")
        super().__init__(say("{problem}; {done}", problem=message_of(cause), done=done))

    def as_json(self) -> dict[str, Any]:
        """What was applied, for the command line's JSON."""
        summary = self.applied.as_json() if self.applied is not None else {}
        return {**summary, "stopped": str(self.cause), "applied_sids": self.applied_sids}


def sync_messages(*, since: datetime | None = None, progress: Progress | None = None) -> SyncSummary:
    """Fetch the connected account's messages since `since` (default: the newest date sent
    on file minus OVERLAP) and apply them; record how it went for every workstation.

    Raises ProviderNotConnected, ProviderRefused, ProviderUnreachable (nothing applied),
    SyncStopped (part applied, saying which), SyncBusy (another sync runs) or StorageError."""
    credentials = stored_credentials()
    token = take_lease()
    try:
        summary = _sync(credentials, since, progress or _quiet, token)
    except (ProviderError, StorageError) as error:
        _note_failure(str(error))
        raise
    finally:
        release_lease(token)
    return summary


def _quiet(_fetched: int, _applied: int, _total: int) -> None:
    pass


def _note_failure(reason: str) -> None:
    try:
        record_failure(" ".join(reason.split()))
    except StorageError:  # the database is what failed: the error raised says so already
        pass


def start_time(account_sid: str, since: datetime | None) -> datetime:
    """Where a sync starts: `since`, else where this account's last complete sync ended
    minus OVERLAP, else FIRST_SYNC ago.

    Texts that came another way (an import, `inbound`, a sync that stopped part-way) never move
    the start: they say nothing of the provider's messages around them, and a STOP among those
    must not be skipped. Fetching a message again costs only time: its id is on file."""
    if since is not None:
        return since
    known = newest_sent(account_sid)
    return known - OVERLAP if known is not None else now() - FIRST_SYNC


def _sync(credentials: Credentials, since: datetime | None, progress: Progress,
          token: str) -> SyncSummary:
    start = start_time(credentials.account_sid, since)
    client = twilio_client(credentials)
    rows: list[tuple[int, dict[str, str]]] = []
    newest: datetime | None = None
    not_sent = pages = 0
    latest_believable = now() + CLOCK_SKEW
    try:
        page = _with_retries(lambda: client.messages.page(date_sent_after=start, page_size=PAGE_SIZE))
        while page is not None:
            pages += 1
            for message in page:
                row = message_row(message)
                if row is None:
                    not_sent += 1
                    continue
                rows.append((len(rows) + 1, row))
                sent = message.date_sent
                if isinstance(sent, datetime) and sent <= latest_believable:
                    newest = sent if newest is None or sent > newest else newest
            progress(len(rows), 0, 0)
            renew_lease(token)
            current = page
            page = _with_retries(current.next_page) if current.next_page_url else None
    except ProviderError as error:
        if not rows:
            raise
        raise _stopped(error, rows, pages, progress) from None
    summary = _apply(rows, pages, progress)
    record_success(credentials.account_sid, newest)
    return SyncSummary(summary, start, len(rows), pages, not_sent)


def _apply(rows: list[tuple[int, dict[str, str]]], pages: int, progress: Progress) -> MessageImportSummary:
    fetched = len(rows)
    try:
        summary = apply_message_rows(rows, progress=lambda done, total: progress(fetched, done, total))
    except ImportStopped as error:
        sids = [rows[line - 1][1]["Sid"] for line in error.applied_rows]
        raise SyncStopped(error.cause, None, sids, pages) from error
    for bad in summary.bad_rows:  # the message's id, not its place in the fetch
        bad["sid"] = rows[bad["row"] - 1][1]["Sid"]
    return summary


def _stopped(error: ProviderError, rows: list[tuple[int, dict[str, str]]], pages: int,
             progress: Progress) -> SyncStopped:
    """Apply what was fetched before the provider failed, and say so."""
    applied = _apply(rows, pages, progress)
    return SyncStopped(error, applied, [row["Sid"] for _, row in rows], pages)


def message_row(message: Any) -> dict[str, str] | None:
    """A Twilio message as a row of the message log (MESSAGE_LOG_COLUMNS), or None for an
    outbound text not sent yet (no date sent: queued or scheduled; a later sync sees it)."""
    direction = str(message.direction or "")
    moment = message.date_sent
    if moment is None and not direction.startswith("outbound"):
        moment = message.date_created  # a text received always counts; its creation is its arrival
    if moment is None and direction.startswith("outbound"):
        return None
    return {"From": str(message.from_ or ""), "To": str(message.to or ""),
            "Body": str(message.body or ""), "Status": str(message.status or ""),
            "SentDate": iso(moment) if isinstance(moment, datetime) else str(moment or ""),
            "Direction": direction, "Sid": str(message.sid or "")}


def _with_retries(call: Callable[[], Any]) -> Any:
    """`call_provider(call)`, tried ATTEMPTS times while the provider is unreachable."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return call_provider(call)
        except ProviderUnreachable:
            if attempt == ATTEMPTS:
                raise
            time.sleep(RETRY_PAUSE * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover
