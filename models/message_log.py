"""A provider's message log (DESIGN §4 import-messages): its rows read, checked and applied
in timestamp order through `models.inbound.apply_texts` (`apply_batch`'s work, counted), in
transactions of about LOCK_SLICE seconds, so a crash keeps whole chunks, a re-run skips them
by message id and a STOP texted meanwhile goes first. Then its outbound texts are set against
their numbers' STOP history (`models.outbound`, R23). Set-based (issue 12): each chunk sends
the same statements however many texts it holds; what repeats in a log (a number, a time, a
body) is worked out once.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence


from .changes import Change, Touched
from .csv_files import preview_csv, read_csv
from .db import database, is_postgres
from .errors import ImportStopped, InvalidInput, StorageError
from .import_pauses import checkpoints_in_pauses, copy_log
from .inbound import InboundText, apply_texts, clients_on, prepare_texts
from .message_layout import CONSOLE_EXPORT, MessageLogLayout, layout_for, mapped_layout, missing_columns
from .outbound import OutboundKind, OutboundText, apply_outbound
from .phones import normalize_phone
from .rules import Keyword
from .settings import load_studio
from .text import storable
from . import timeutil
from .timeutil import CLOCK_SKEW, EARLIEST, LATEST, parse_user_time, received_time
from .wording import message_of, say

#: Most texts per transaction: a crash keeps whole chunks, and a re-run skips them by message
#: id. Chunks are sized as `models.client_import` sizes its batches: the first FIRST_CHUNK
#: texts, the next ones as many as held the write lock about LOCK_SLICE seconds, with a pause
#: of BATCH_PAUSE between them on SQLite, so a STOP texted meanwhile goes first and lands
#: within a second (DESIGN §7); fewer, larger chunks also write each index page fewer times.
IMPORT_CHUNK = 50_000
FIRST_CHUNK = 5000
LOCK_SLICE = 0.6  # as models.client_import's
#: SQLite has no queue for its write lock: a writer waiting on the busy timeout retries every
#: 100 ms at most, so a pause a little longer lets it in. PostgreSQL queues the numbers' lock.
BATCH_PAUSE = 0.12

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
    with _collector_paused():
        texts, sent = _read_log(rows, summary, layout)
        texts.sort(key=itemgetter(0, 1))
        ordered = [text for _, _, text in texts]
        lines = [line for _, line, _ in texts]
        summary.inbound = len(ordered)
        if progress is not None:
            progress(0, len(ordered))
        with _paced() as pace:
            _apply_texts(ordered, lines, summary, pace, progress)
            _apply_sent(sent, summary, lines, pace)
    return summary


def _apply_texts(ordered: list[InboundText], lines: list[int], summary: MessageImportSummary,
                 pace: _Pace, progress: Callable[[int, int], None] | None) -> None:
    """Apply the log's inbound texts, in time order, in transactions sized by `pace`."""
    start = 0
    while start < len(ordered):
        size = pace.size
        if len(ordered) - start - size < size // 4:  # a short tail joins this chunk: one pause fewer
            size = min(len(ordered) - start, IMPORT_CHUNK)
        part = ordered[start:start + size]
        # In the pause after the last commit, holding no lock: the transaction has the
        # database's part alone to do.
        prepared = prepare_texts(part)
        pace.wait()
        try:
            with database.atomic():
                outcome = apply_texts(prepared)
        except StorageError as error:
            raise ImportStopped(error, lines[:start]) from error
        pace.done(len(part))
        # The clients on the numbers that texted, for the screen: read in the pause.
        pace.meanwhile.append(lambda part=part: summary.client_ids.update(clients_on(t.number for t in part)))
        summary.actions.update(outcome.actions)
        summary.changed += outcome.changed
        start += len(part)
        if progress is not None:  # outside the transaction: the chunk is committed
            progress(start, len(ordered))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a log's texts are read and applied: they are
    hundreds of thousands of objects that live to the end and hold no cycles, and collecting
    them again and again took a third of the reading."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _Pace:
    """How many texts the next transaction takes (see IMPORT_CHUNK), and the pause before it.

    On SQLite the pause is also when the WAL is checkpointed: SQLite would do it after each
    commit anyway (holding no lock: a waiting STOP may write meanwhile), so the import turns
    the automatic checkpoint off while it runs and does it itself in the pause, which then
    only sleeps for what remains of BATCH_PAUSE. (A checkpoint run in the background, on a
    connection of its own, while the next texts are applied, was tried and measured: on two
    cores shared with other work it took longer and cost more CPU — issue 12.)"""

    def __init__(self) -> None:
        #: How many texts the next transaction takes.
        self.size = min(FIRST_CHUNK, IMPORT_CHUNK)
        self.began = 0.0
        #: When the last transaction ended; None before the first.
        self.ended: float | None = None
        #: Reads to do in the next pause (they hold no lock either).
        self.meanwhile: list[Callable[[], None]] = []

    def next_size(self) -> int:
        self.wait()
        return self.size

    def wait(self) -> None:
        """The rest of the pause after the last transaction (none before the first): BATCH_PAUSE
        from its commit, whatever the caller did meanwhile."""
        if self.ended is not None:
            self.catch_up()
            if not is_postgres():
                copy_log()
                # A STOP waiting on SQLite's busy timeout gets its turn.
                time.sleep(max(0.0, BATCH_PAUSE - (time.monotonic() - self.ended)))
        self.began = time.monotonic()

    def catch_up(self) -> None:
        while self.meanwhile:
            self.meanwhile.pop(0)()

    def done(self, texts: int) -> None:
        self.ended = time.monotonic()
        seconds = self.ended - self.began
        fits = int(texts * LOCK_SLICE / max(seconds, 1e-3))
        self.size = max(1, min(IMPORT_CHUNK, max(fits, FIRST_CHUNK // 2)))


@contextmanager
def _paced() -> Iterator[_Pace]:
    """A `_Pace` for one import; on SQLite the log is copied in its pauses (`import_pauses`)."""
    pace = _Pace()
    with checkpoints_in_pauses():
        yield pace
        pace.catch_up()


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
    reader = _RowReader(layout, load_studio().default_region)
    texts: list[tuple[datetime, int, InboundText]] = []
    sent: list[tuple[int, OutboundText]] = []
    body_column, to_column = layout.column("body"), layout.column("to")
    status_column, from_column = layout.column("status"), layout.column("from")
    for line, row in rows:
        summary.rows += 1
        if "__error__" in row:
            summary.bad_rows.append({"row": line, "error": row["__error__"]})
            continue
        try:
            outbound, sid, number, at = reader.facts(row)
        except InvalidInput as error:
            summary.bad_rows.append({"row": line, "error": message_of(error)})
            continue
        body = _storable(row.get(body_column, "") if body_column else "")
        if outbound:
            sent.append((line, OutboundText(
                sid=sid, number=number, body=body, at=at,
                status=_storable(row.get(status_column, "") if status_column else "").strip()[:32] or None,
                sender=_storable(row.get(from_column, "") if from_column else "").strip() or None)))
        else:
            texts.append((at, line, InboundText(
                sid=sid, number=number, body=body, at=at,
                to=(row.get(to_column, "") if to_column else "").strip() or None)))
    return texts, sent


def _storable(text: str) -> str:
    """`models.text.storable`, without its regex for the text that has nothing to remove."""
    return text if text.isprintable() else storable(text)


#: Distinct numbers and times `_RowReader` remembers before it starts again (memory stays flat).
_REMEMBERED = 100_000


class _RowReader:
    """The facts of a log's rows in one layout: its columns looked up once, each distinct
    number and time worked out once, and a fast path for what providers write (E.164 numbers,
    ISO times); anything else goes through `normalize_phone` and `parse_user_time` as typed."""

    def __init__(self, layout: MessageLogLayout, region: str) -> None:
        self.layout, self.region = layout, region
        self.direction = layout.column("direction")
        self.sid = layout.column("sid") or "Sid"
        self.to, self.sender = layout.column("to"), layout.column("from")
        self.time = layout.column("time") or "SentDate"
        self.numbers: dict[str, str] = {}
        self.times: dict[tuple[str, str], datetime] = {}
        self.latest = timeutil.now() + CLOCK_SKEW  # a day ahead of now is believed (received_time)

    def facts(self, row: dict[str, str]) -> tuple[bool, str, str, datetime]:
        """Whether a row is an outbound text, its message id, the client's number and its time;
        InvalidInput, naming the column, for a row that cannot be processed."""
        direction_column = self.direction
        direction = row.get(direction_column, "").strip().lower() if direction_column else "inbound"
        outbound = direction.startswith("outbound")  # outbound-api, outbound-reply, outbound-call
        if not outbound and direction != "inbound":
            # Not skipped quietly: a cut-off row may well be a client's STOP.
            raise InvalidInput(say("{column} {value} is neither inbound nor outbound",
                                   column=direction_column, value=repr(row[direction_column or ""])))
        sid = row[self.sid].strip()
        if not sid:
            raise InvalidInput(say("{column} is empty", column=self.sid))
        # An outbound text went to the client's number: To; an inbound one came from it.
        if outbound and self.to is None:
            raise InvalidInput(say("an outbound text, and no column was chosen for To"))
        column = self.to if outbound else self.sender
        raw = row.get(column, "") if column is not None else ""
        number = self.numbers.get(raw) or self._number(raw)  # a number seen before: looked up here
        time_column = self.time
        written = row[time_column]
        fallback = self.layout.fallback_time
        if fallback and not written.strip() and row.get(fallback, "").strip():
            time_column, written = fallback, row[fallback]
        at = self.times.get((written, time_column)) or self._time(written, time_column)
        return outbound, sid, number, at

    def _number(self, raw: str) -> str:
        number = self.numbers.get(raw)
        if number is None:
            if (len(raw) == 12 and raw.startswith("+1") and raw[2] in _AREA_FIRST and raw[5] in _AREA_FIRST
                    and raw[2:].isascii() and raw[2:].isdigit()):
                number = raw  # E.164 as providers write it: what normalize_phone says of it
            else:
                number = normalize_phone(raw, self.region)
            if len(self.numbers) >= _REMEMBERED:
                self.numbers.clear()
            self.numbers[raw] = number
        return number

    def _time(self, written: str, column: str) -> datetime:
        key = (written, column)
        at = self.times.get(key)
        if at is None:
            at = self._iso_time(written)
            if at is None:  # another spelling, or a time to refuse: said as parse_user_time says it
                at = received_time(parse_user_time(written), column)
            if len(self.times) >= _REMEMBERED:
                self.times.clear()
            self.times[key] = at
        return at

    def _iso_time(self, written: str) -> datetime | None:
        """`received_time(parse_user_time(written))` for an ISO time with a believable date;
        None for anything else (decided by those functions)."""
        try:
            moment = datetime.fromisoformat(written)
        except ValueError:
            return None
        if moment.tzinfo is None:
            return None
        moment = moment.astimezone(timezone.utc)
        return moment if EARLIEST <= moment < LATEST and moment <= self.latest else None


#: The first digit of a North American area code or exchange.
_AREA_FIRST = frozenset("23456789")


def _apply_sent(sent: list[tuple[int, OutboundText]], summary: MessageImportSummary,
                applied: list[int], pace: _Pace) -> None:
    """Set the outbound texts against their numbers' STOP history (R23), after every inbound
    text of the log is applied (their rows: `applied`), in transactions sized as the inbound
    ones (`pace`) that each hold every text to their numbers."""
    sent.sort(key=lambda item: (item[1].number, item[1].at, item[0]))
    ordered = [text for _, text in sent]
    lines = [line for line, _ in sent]
    summary.outbound = len(ordered)
    start = 0
    while start < len(ordered):
        end = min(start + pace.next_size(), len(ordered))
        while end < len(ordered) and ordered[end].number == ordered[end - 1].number:
            end += 1
        try:
            with database.atomic():
                outcome = apply_outbound(ordered[start:end])
        except StorageError as error:
            raise ImportStopped(error, applied + lines[:start]) from error
        pace.done(end - start)
        summary.outbound_skipped += outcome.kinds[OutboundKind.FINE.value]
        summary.confirmations += outcome.kinds[OutboundKind.CONFIRMATION.value]
        summary.sent_after_stop += outcome.kinds[OutboundKind.AFTER_STOP.value]
        summary.outbound_duplicate += outcome.kinds[OutboundKind.DUPLICATE.value]
        summary.confirmed_client_ids.update(outcome.client_ids)
        summary.event_ids.extend(outcome.event_ids)
        start = end
