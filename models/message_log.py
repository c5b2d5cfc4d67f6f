"""A provider's message log (DESIGN §4 import-messages): its rows read, checked and applied
in timestamp order through `models.inbound.apply_batch`, a few thousand texts per
transaction, so a crash keeps whole chunks and a re-run skips them by message id. Then its
outbound texts are set against their numbers' STOP history (`models.outbound`, R23).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from .changes import Change, Touched
from .csv_files import read_csv
from .db import database
from .errors import ImportStopped, InvalidInput, StorageError
from .inbound import InboundText, apply_batch
from .outbound import OutboundKind, OutboundText, apply_outbound
from .phones import normalize_phone
from .rules import Keyword
from .settings import load_studio
from .text import storable
from .timeutil import parse_user_time, received_time

#: Texts per transaction: a crash keeps whole chunks, and a re-run skips them by message id.
IMPORT_CHUNK = 5000

MESSAGE_LOG_COLUMNS = ("From", "To", "Body", "Status", "SentDate", "Direction", "Sid")


@dataclass
class MessageImportSummary:
    """What a message-log import did."""

    rows: int = 0
    inbound: int = 0
    #: Outbound texts read: every Direction that starts with "outbound" (Twilio's
    #: outbound-api, outbound-reply and outbound-call — a text sent during a call is a text).
    outbound: int = 0
    #: Outbound texts not kept: sent while their number was not STOP-locked (R23).
    outbound_skipped: int = 0
    #: Outbound texts kept by this import (R23): the one confirmation after a STOP, and
    #: texts sent after opt-out; and those an earlier import or sync kept already.
    confirmations: int = 0
    sent_after_stop: int = 0
    outbound_duplicate: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    changed: int = 0
    bad_rows: list[dict[str, Any]] = field(default_factory=list)
    client_ids: set[int] = field(default_factory=set)
    #: The clients whose record gained a STOP confirmation (R23), and its events.
    confirmed_client_ids: set[int] = field(default_factory=set)
    event_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        actions = {name: self.actions.get(name, 0)
                   for name in ("opt_out", "opt_in", "help", "review", "none", "duplicate")}
        return {"rows": self.rows, "inbound": self.inbound, "outbound_skipped": self.outbound_skipped,
                "actions": actions, "consent_changes": self.changed, "bad_rows": self.bad_rows,
                "outbound": self.outbound, "confirmations": self.confirmations,
                "sent_after_stop": self.sent_after_stop,
                "outbound_duplicate": self.outbound_duplicate}

    def change(self) -> Change:
        """The Change the import made, for the screen: texts on file, STOP locks set or lifted,
        texts waiting for review, for the clients on the numbers that texted; and STOP
        confirmations on the record of the clients on the numbers they were sent to.

        Texts sent after opt-out touch no view: the Reports dialog reads them when it opens
        and on Refresh (a report is a snapshot)."""
        touched = Touched.NONE
        if self.inbound - self.actions["duplicate"] > 0:
            touched |= Touched.MESSAGES
        if self.changed:
            touched |= Touched.STOP_LOCKS
        if self.actions[Keyword.REVIEW.value]:
            touched |= Touched.REVIEW
        if self.event_ids:
            touched |= Touched.HISTORY
        return Change(touched, client_ids=tuple(sorted(self.client_ids | self.confirmed_client_ids)),
                      event_ids=tuple(self.event_ids))


def import_messages(path: Path, *,
                    progress: Callable[[int, int], None] | None = None) -> MessageImportSummary:
    """Process a provider's message-log CSV (Twilio's columns): inbound rows applied in
    timestamp order (R11), each message id once; then the outbound rows set against their
    numbers' STOP history (R23). Bad rows are listed with their row number.

    `progress`, if given, is called with (done, total) inbound texts once the file is read
    and after each chunk is committed.

    Storage trouble part-way (a full disk) raises ImportStopped naming the rows whose chunks
    were committed; running the file again skips them by message id."""
    return apply_message_rows(read_csv(path, MESSAGE_LOG_COLUMNS), progress=progress)


def apply_message_rows(rows: Iterable[tuple[int, dict[str, str]]], *,
                       progress: Callable[[int, int], None] | None = None) -> MessageImportSummary:
    """`import_messages` for rows from anywhere — (row number, {column: text}) in the log's
    columns, MESSAGE_LOG_COLUMNS — such as a provider's API (`models.provider_sync`): the
    same checks, order, chunks and summary, so a message synced and the same message
    imported are one and the same (R24)."""
    summary = MessageImportSummary()
    texts, sent = _read_log(rows, summary)
    texts.sort(key=lambda item: (item[0], item[1]))
    ordered = [text for _, _, text in texts]
    lines = [line for _, line, _ in texts]
    summary.inbound = len(ordered)
    done = 0
    if progress is not None:
        progress(done, len(ordered))
    for start in range(0, len(ordered), IMPORT_CHUNK):
        part = ordered[start:start + IMPORT_CHUNK]
        try:
            with database.atomic():
                results = apply_batch(part)
        except StorageError as error:
            raise ImportStopped(error, lines[:start]) from error
        for result in results:
            summary.actions[result.action] += 1
            summary.changed += result.changed
            summary.client_ids.update(result.clients)
        done += len(part)
        if progress is not None:  # outside the transaction: the chunk is committed
            progress(done, len(ordered))
    _apply_sent(sent, summary, lines)
    return summary


def _read_log(rows: Iterable[tuple[int, dict[str, str]]], summary: MessageImportSummary
              ) -> tuple[list[tuple[datetime, int, InboundText]], list[tuple[int, OutboundText]]]:
    """The log's good rows: inbound texts (time, row, text) and outbound texts (row, text);
    bad rows are listed on `summary`."""
    region = load_studio().default_region
    texts: list[tuple[datetime, int, InboundText]] = []
    sent: list[tuple[int, OutboundText]] = []
    for line, row in rows:
        summary.rows += 1
        if "__error__" in row:
            summary.bad_rows.append({"row": line, "error": row["__error__"]})
            continue
        direction = row["Direction"].strip().lower()
        outbound = direction.startswith("outbound")  # outbound-api, outbound-reply, outbound-call
        if not outbound and direction != "inbound":
            # Not skipped quietly: a cut-off row may well be a client's STOP.
            summary.bad_rows.append({"row": line, "error": f"Direction {row['Direction']!r} is "
                                     "neither inbound nor outbound"})
            continue
        try:
            sid = row["Sid"].strip()
            if not sid:
                raise InvalidInput("Sid is empty")
            # An outbound text went to the client's number: To; an inbound one came from it.
            number = normalize_phone(row["To" if outbound else "From"], region)
            at = received_time(parse_user_time(row["SentDate"]), "SentDate")
        except InvalidInput as error:
            summary.bad_rows.append({"row": line, "error": str(error)})
            continue
        body = storable(row["Body"])
        if outbound:
            sent.append((line, OutboundText(sid=sid, number=number, body=body, at=at,
                                            status=storable(row["Status"]).strip()[:32] or None,
                                            sender=storable(row["From"]).strip() or None)))
        else:
            texts.append((at, line, InboundText(sid=sid, number=number, body=body, at=at,
                                                to=row["To"].strip() or None)))
    return texts, sent


def _apply_sent(sent: list[tuple[int, OutboundText]], summary: MessageImportSummary,
                applied: list[int]) -> None:
    """Set the outbound texts against their numbers' STOP history (R23), after every inbound
    text of the log is applied (their rows: `applied`), in transactions of about
    IMPORT_CHUNK texts that each hold every text to their numbers."""
    sent.sort(key=lambda item: (item[1].number, item[1].at, item[0]))
    ordered = [text for _, text in sent]
    lines = [line for line, _ in sent]
    summary.outbound = len(ordered)
    start = 0
    while start < len(ordered):
        end = min(start + IMPORT_CHUNK, len(ordered))
        while end < len(ordered) and ordered[end].number == ordered[end - 1].number:
            end += 1
        try:
            with database.atomic():
                outcome = apply_outbound(ordered[start:end])
        except StorageError as error:
            raise ImportStopped(error, applied + lines[:start]) from error
        summary.outbound_skipped += outcome.kinds[OutboundKind.FINE.value]
        summary.confirmations += outcome.kinds[OutboundKind.CONFIRMATION.value]
        summary.sent_after_stop += outcome.kinds[OutboundKind.AFTER_STOP.value]
        summary.outbound_duplicate += outcome.kinds[OutboundKind.DUPLICATE.value]
        summary.confirmed_client_ids.update(outcome.client_ids)
        summary.event_ids.extend(outcome.event_ids)
        start = end
