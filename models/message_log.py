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
from typing import Any, Callable, Iterable, Mapping, Sequence

from .changes import Change, Touched
from .csv_files import preview_csv, read_csv
from .db import database
from .errors import ImportStopped, InvalidInput, StorageError
from .inbound import InboundText, apply_batch
from .message_layout import CONSOLE_EXPORT, MessageLogLayout, layout_for, mapped_layout, missing_columns
from .outbound import OutboundKind, OutboundText, apply_outbound
from .phones import normalize_phone
from .rules import Keyword
from .settings import load_studio
from .text import storable
from .timeutil import parse_user_time, received_time
from .wording import message_of, say

#: Texts per transaction: a crash keeps whole chunks, and a re-run skips them by message id.
IMPORT_CHUNK = 5000

#: The Twilio Console export's columns (DESIGN §4); `models.message_layout` knows the others.
MESSAGE_LOG_COLUMNS = tuple(CONSOLE_EXPORT.required)


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
                    progress: Callable[[int, int], None] | None = None,
                    mapping: Mapping[str, str] | None = None) -> MessageImportSummary:
    """Process a provider's message-log CSV: inbound rows applied in timestamp order (R11),
    each message id once; then the outbound rows set against their numbers' STOP history
    (R23). Bad rows are listed with their row number.

    The file's columns are those of a known layout (`models.message_layout`: the Twilio
    Console's export or an API export), or `mapping` names them ({field: column}, fields of
    message_layout.FIELDS); a bad mapping is refused in one line before a row is read.

    `progress`, if given, is called with (done, total) inbound texts once the file is read
    and after each chunk is committed.

    Storage trouble part-way (a full disk) raises ImportStopped naming the rows whose chunks
    were committed; running the file again skips them by message id."""
    preview = preview_csv(path, 0)  # the encoding and separator, found once
    layout = _layout_of(path, preview.header, mapping)
    return apply_message_rows(read_csv(path, layout.required, csv_format=preview.csv_format),
                              progress=progress, layout=layout)


def apply_message_rows(rows: Iterable[tuple[int, dict[str, str]]], *,
                       progress: Callable[[int, int], None] | None = None,
                       layout: MessageLogLayout = CONSOLE_EXPORT) -> MessageImportSummary:
    """`import_messages` for rows from anywhere — (row number, {column: text}) in `layout`'s
    columns (by default the Console export's, MESSAGE_LOG_COLUMNS) — such as a provider's API
    (`models.provider_sync`): the same checks, order, chunks and summary, so a message synced
    and the same message imported are one and the same (R24)."""
    summary = MessageImportSummary()
    texts, sent = _read_log(rows, summary, layout)
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


def message_log_layout(path: Path, mapping: Mapping[str, str] | None = None) -> MessageLogLayout:
    """How the message log at `path` is read: by `mapping`, else by the known layout its
    header matches. Raises InvalidInput, one line, for an unreadable file, a header no known
    layout fits (naming the missing columns) or a bad mapping."""
    return _layout_of(path, preview_csv(path, 0).header, mapping)


def _layout_of(path: Path, header: Sequence[str], mapping: Mapping[str, str] | None) -> MessageLogLayout:
    if mapping is not None:
        return mapped_layout(mapping, header)
    layout = layout_for(header)
    if layout is None:
        raise InvalidInput(say("{path}: {problem}", path=str(path), problem=missing_columns(header)))
    return layout


def _read_log(rows: Iterable[tuple[int, dict[str, str]]], summary: MessageImportSummary,
              layout: MessageLogLayout
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
        try:
            outbound, sid, number, at = _row_facts(row, layout, region)
        except InvalidInput as error:
            summary.bad_rows.append({"row": line, "error": message_of(error)})
            continue
        body = storable(_cell(row, layout, "body"))
        if outbound:
            sent.append((line, OutboundText(sid=sid, number=number, body=body, at=at,
                                            status=storable(_cell(row, layout, "status")).strip()[:32] or None,
                                            sender=storable(_cell(row, layout, "from")).strip() or None)))
        else:
            texts.append((at, line, InboundText(sid=sid, number=number, body=body, at=at,
                                                to=_cell(row, layout, "to").strip() or None)))
    return texts, sent


def _cell(row: dict[str, str], layout: MessageLogLayout, name: str) -> str:
    column = layout.column(name)
    return row.get(column, "") if column is not None else ""


def _row_facts(row: dict[str, str], layout: MessageLogLayout, region: str
               ) -> tuple[bool, str, str, datetime]:
    """Whether a row is an outbound text, its message id, the client's number and its time;
    InvalidInput, naming the column, for a row that cannot be processed."""
    direction_column = layout.column("direction")
    direction = _cell(row, layout, "direction").strip().lower() if direction_column else "inbound"
    outbound = direction.startswith("outbound")  # outbound-api, outbound-reply, outbound-call
    if not outbound and direction != "inbound":
        # Not skipped quietly: a cut-off row may well be a client's STOP.
        raise InvalidInput(say("{column} {value} is neither inbound nor outbound",
                               column=direction_column, value=repr(row[direction_column or ""])))
    sid_column = layout.column("sid") or "Sid"
    sid = row[sid_column].strip()
    if not sid:
        raise InvalidInput(say("{column} is empty", column=sid_column))
    # An outbound text went to the client's number: To; an inbound one came from it.
    if outbound and layout.column("to") is None:
        raise InvalidInput(say("an outbound text, and no column was chosen for To"))
    number = normalize_phone(_cell(row, layout, "to" if outbound else "from"), region)
    time_column = layout.column("time") or "SentDate"
    written = row[time_column]
    if not written.strip() and layout.fallback_time and row.get(layout.fallback_time, "").strip():
        time_column, written = layout.fallback_time, row[layout.fallback_time]
    at = received_time(parse_user_time(written), time_column)
    return outbound, sid, number, at


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
