"""Importing clients from a CSV file (DESIGN §4 import-clients): good rows are added with
their starting switches (R4a), a STOP-locked mobile starts locked (R7), bad rows are listed.

Set-based (DESIGN §6, issue 12): each batch reads its STOP locks and its clients on file with
a few indexed IN queries, inserts its clients with one INSERT, their search-index entries in
bulk and their events in one write (`clients.insert_clients`), so the statements of an import
grow with its batches, not its rows, and a row's cost does not grow with the table
(tests/models/test_client_import_bulk.py; benchmarks/client_import.py times it)."""

from __future__ import annotations

import csv
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .audit import EventLog, csv_safe
from .changes import Change, Touched
from .clients import (
    FIELD_PROBLEM,
    ClientDraft,
    insert_clients,
    make_draft,
    name_key,
    refused_for_lock,
    stop_locked_numbers,
)
from .consent import CONSENT_METHODS
from .csv_files import CsvPreview, preview_csv, read_csv
from .db import database, is_postgres, rows_for_in
from .errors import ImportStopped, InvalidInput, StorageError
from .import_pauses import checkpoints_in_pauses, copy_log
from .number_lock import hold_numbers
from .private_files import create_private_file
from .rules import CHANNELS
from .search_compaction import compact_search_index
from .settings import Studio, load_studio
from .staff import Role, SignedIn, require_role
from .wording import Phrase, message_of, say

log = logging.getLogger(__name__)

#: Most rows per transaction: a STOP waits for one batch at most, never for a whole import
#: (R16), and a crash or full disk keeps whole batches, which a re-run skips as already on file.
IMPORT_CHUNK = 10_000
#: Rows in the first transaction; the next ones are sized from how fast the last one went, to
#: hold the write lock about LOCK_SLICE seconds (between FIRST_CHUNK // 2 and IMPORT_CHUNK
#: rows: a batch has costs of its own, its commit and the pause after it).
FIRST_CHUNK = 2000
#: Seconds a batch aims to hold the write lock: with the pause after it, a STOP arriving
#: during an import lands within a second (DESIGN §7), on a fast machine or a slow one.
LOCK_SLICE = 0.6
#: Seconds between batches. SQLite has no queue for its write lock: a writer waiting on the
#: busy timeout retries every 100 ms at most, so a pause a little longer lets it in.
#: PostgreSQL queues the numbers' lock, so a waiting STOP goes first without one.
BATCH_PAUSE = 0.12
#: SQLite, while importing: the write-ahead log is copied into the database file in a pause
#: between batches (a passive checkpoint, which holds no write lock: a STOP writes meanwhile),
#: once this many clients went in since the last copy; never by the commit that fills it. A
#: batch dirties pages all over the indexes keyed by name, address and number: copied within
#: the commit, they took a third of a batch's time, and since batches are sized by time that
#: shrank them and made each client cost more pages. Copied every few batches, a page that
#: each batch changes is written to the database file once for all of them.
CHECKPOINT_ROWS = 5000
#: SQLite's page cache while importing, in KiB (negative: SQLite's unit): a batch's pages stay
#: in memory until its commit instead of being written twice. Back to the usual after.
IMPORT_CACHE_KIB = -65_536

REQUIRED_COLUMNS = ("first_name", "last_name", "email", "mobile", "home_phone", "status")
#: Columns read when a file has them: marketing consent per channel and how it was given (R4a).
OPTIONAL_COLUMNS = tuple(f"{channel.value}_marketing" for channel in CHANNELS) + ("consent_method",)
_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off", ""}
#: Why a marketing cell for a STOP-locked mobile was not applied (R22).
LOCKED_CELL = ("not turned on: this mobile texted STOP, and only the client can turn SMS back "
               "on, by texting START")


@dataclass
class ImportSummary:
    """What an import did: rows imported, rows skipped with their row numbers and reasons."""

    imported: int = 0
    client_ids: list[int] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    #: The rows of `skipped` whose client is already on file: skipped, but nothing to fix.
    already_on_file: set[int] = field(default_factory=set)
    #: Cells not applied in rows that were (R22): {"row", "column", "reason"}.
    skipped_cells: list[dict[str, Any]] = field(default_factory=list)
    #: Good rows not reached because the import was cancelled (whole batches are kept).
    not_reached: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "skipped": self.skipped,
                "skipped_cells": self.skipped_cells, "client_ids": self.client_ids}

    def change(self) -> Change:
        """The Change the import made, for the screen: the clients it added."""
        if not self.client_ids:
            return Change(Touched.NONE)
        return Change(Touched.CLIENTS | Touched.SWITCHES | Touched.HISTORY,
                      client_ids=tuple(self.client_ids))

    def problems(self) -> list[dict[str, Any]]:
        """What needs fixing, by row: skipped rows (but those already on file) and cells not
        applied, each {"row", "column", "reason", "line"}: "column" is "" where no one column
        is to blame, "line" says it all in one line (the command line's error)."""
        rows = [{"row": item["row"], **_column_of(item["reason"]), "line": item["reason"]}
                for item in self.skipped if item["row"] not in self.already_on_file]
        cells = [{"row": item["row"], "column": item["column"], "reason": item["reason"],
                  "line": f"{item['column']}: {item['reason']}"} for item in self.skipped_cells]
        return sorted(rows + cells, key=lambda item: item["row"])


#: "column email holds …" and "mobile: phone number …" name the column, then say what is wrong;
#: "status 'x' is not …" names it in the reason itself.
_NAMED_COLUMN = re.compile(r"^(?:column (?P<cell>\S+) |(?P<field>[a-z_]+): )")
_LEADING_WORD = re.compile(r"^(?P<word>[a-z_]+) ")


def _column_of(reason: str) -> dict[str, str]:
    """A skipped row's reason as {"column", "reason"}: the column it names, if any."""
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    if isinstance(reason, Phrase) and reason.template == FIELD_PROBLEM:  # kept translatable
        return {"column": reason.params["name"], "reason": reason.params["error"]}
    named = _NAMED_COLUMN.match(reason)
    if named and (named.group("cell") or named.group("field")) in known:
        return {"column": named.group("cell") or named.group("field"), "reason": reason[named.end():]}
    leading = _LEADING_WORD.match(reason)
    if leading and leading.group("word") in known:
        return {"column": leading.group("word"), "reason": reason}
    if "first or last name" in reason or reason.startswith("a name "):
        return {"column": "first_name, last_name", "reason": reason}
    if "consent_method" in reason:
        return {"column": "consent_method", "reason": reason}
    return {"column": "", "reason": reason}


def save_problems(problems: list[dict[str, Any]], path: Path) -> None:
    """Write an import's problems to a CSV file (row, column, what to fix), readable by its
    owner only, every text cell escaped so no spreadsheet runs it as a formula (DESIGN §7)."""
    create_private_file(path)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "column", "what to fix"])
        for item in problems:
            writer.writerow([item["row"], csv_safe(item["column"]), csv_safe(item["reason"])])


@dataclass(frozen=True)
class ClientFilePreview:
    """A client file before it is imported: its first rows, encoding and separator, and
    which of its columns the import reads."""

    csv: CsvPreview
    recognised: tuple[str, ...]
    unknown: tuple[str, ...]
    missing: tuple[str, ...]


def preview_clients(path: Path, limit: int = 10) -> ClientFilePreview:
    """The first `limit` rows of a client file and what the import makes of its columns;
    InvalidInput, one line, for a file that cannot be read as CSV."""
    found = preview_csv(path, limit)
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    return ClientFilePreview(
        found, recognised=tuple(name for name in found.header if name in known),
        unknown=tuple(name for name in found.header if name and name not in known),
        missing=tuple(name for name in REQUIRED_COLUMNS if name not in found.header))


def _yes_no(column: str, value: str) -> bool | None:
    text = value.strip().lower()
    if text == "":
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput(say("{column} {value!r} is not yes or no", column=column, value=value))


def import_clients(path: Path, *, actor: str = "client import", who: SignedIn | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Import clients from a CSV file (columns of DESIGN §4, plus optional `<channel>_marketing`
    and `consent_method`). Good rows are added, bad ones listed with their row number.

    Running the same file again is safe: a row whose client is already on file (same name and
    same email, mobile and home phone) is skipped as already imported, and nothing of it is
    applied. Imports never resubscribe (R22): marketing texts marked "yes" for a STOP-locked
    mobile are not stored, the cell is listed with the reason, and the rest of the row is.
    """
    rows = read_csv(path, REQUIRED_COLUMNS)
    studio = load_studio()
    summary = ImportSummary()
    drafts: list[tuple[int, ClientDraft]] = []
    for line, row in rows:
        if "__error__" in row:
            summary.skipped.append({"row": line, "reason": row["__error__"]})
            continue
        if not any(value.strip() for value in row.values()):
            continue
        try:
            marketing = {}
            for channel in CHANNELS:
                value = _yes_no(f"{channel.value}_marketing", row.get(f"{channel.value}_marketing", ""))
                if value is not None:
                    marketing[channel] = value
            method = row.get("consent_method", "").strip().lower() or None
            if method is not None and method not in CONSENT_METHODS:
                raise InvalidInput(say("consent_method {method!r} is not one of {methods}",
                                       method=method, methods=", ".join(CONSENT_METHODS)))
            drafts.append((line, make_draft(
                row["first_name"], row["last_name"], status=row["status"], email=row["email"],
                mobile=row["mobile"], home_phone=row["home_phone"], marketing=marketing,
                method=method, region=studio.default_region)))
        except InvalidInput as error:
            summary.skipped.append({"row": line, "reason": message_of(error)})
    actor, staff_id = _signed_actor(who, actor)
    if progress is not None:
        progress(0, len(drafts))
    with checkpoints_in_pauses(IMPORT_CACHE_KIB):
        _import_batches(drafts, studio, summary, actor=actor, staff_id=staff_id,
                        progress=progress, cancelled=cancelled)
        if summary.imported:
            _compact_search_index(cancelled)
    summary.skipped.sort(key=lambda item: item["row"])
    return summary


def _import_batches(drafts: list[tuple[int, ClientDraft]], studio: Studio, summary: ImportSummary, *,
                    actor: str, staff_id: int | None, progress: Callable[[int, int], None] | None,
                    cancelled: Callable[[], bool] | None) -> None:
    """Import `drafts` in batches sized by time, each in its own transaction, with a pause
    between them for a waiting STOP (R16); `summary` learns of each batch once committed."""
    start, size, copied = 0, min(FIRST_CHUNK, IMPORT_CHUNK), 0
    while start < len(drafts):
        if cancelled is not None and cancelled():
            summary.not_reached = len(drafts) - start
            break
        if start and not is_postgres():  # a STOP waiting on SQLite's busy timeout gets its turn
            due = start - copied >= CHECKPOINT_ROWS
            _pause(checkpoint=due)
            copied = start if due else copied
        part = drafts[start:start + size]
        began = time.monotonic()
        try:
            _import_batch(part, studio, summary, actor=actor, staff_id=staff_id)
        except StorageError as error:  # the batches before this one are committed
            raise ImportStopped(error, (line for line, _ in drafts[:start])) from error
        start += len(part)
        size = _next_size(len(part), time.monotonic() - began)
        if progress is not None:  # outside the transaction: the batch is committed
            progress(start, len(drafts))


def _compact_search_index(cancelled: Callable[[], bool] | None) -> None:
    """The search index in few pieces again after the batches (models.search_compaction),
    unless the import is cancelled. The clients are in by now: a full disk or a lost server
    here costs the next searches some speed, not the import, which reports what it saved;
    the next import tries again."""
    try:
        compact_search_index(cancelled=cancelled)
    except StorageError as error:
        log.warning("the search index was left as the import wrote it: %s", error)


def _pause(checkpoint: bool) -> None:
    """The pause between two batches on SQLite: BATCH_PAUSE seconds without the write lock,
    spent copying the log into the database when `checkpoint`, and sleeping for the rest."""
    began = time.monotonic()
    if checkpoint:
        copy_log()
    time.sleep(max(0.0, BATCH_PAUSE - (time.monotonic() - began)))


def _next_size(rows: int, seconds: float) -> int:
    """Rows for the next batch: as many as the last batch's pace fits in LOCK_SLICE seconds."""
    fits = int(rows * LOCK_SLICE / max(seconds, 1e-3))
    return max(1, min(IMPORT_CHUNK, max(fits, FIRST_CHUNK // 2)))


#: What a row is looked up by, most selective first: its email, else its mobile, else its
#: home phone, else its name alone. A name is shared by dozens of clients in a big studio.
_KEY_COLUMNS = ("email", "mobile", "home_phone", "name_key")


#: The on-file lookup by a column's values; on SQLite a name key is read from `client_word`,
#: whose first name row of each active client is its whole name key (migration 0010).
_ON_FILE_SQL: dict[tuple[str, bool] | None, str] = {
    None: "SELECT id, name_key, email, mobile, home_phone, archived FROM client "
          "WHERE {column} IN ({values})",
    ("name_key", False): "SELECT c.id, c.name_key, c.email, c.mobile, c.home_phone, c.archived "
                         "FROM client_word JOIN client AS c ON c.id = client_word.client_id "
                         "WHERE client_word.words IN ({values})",
}


def _clients_on_file(keys: list[tuple[str, str | None, str | None, str | None]]) -> dict[tuple, int]:
    """The active clients already on file with one of these (name_key, email, mobile,
    home_phone): for a whole batch, one indexed query per 500 values of each lookup column.
    Each row is looked up by its most selective value (`_KEY_COLUMNS`): by name, every client
    of a common name was read for each row, a cost per row that grew with the table."""
    wanted = set(keys)
    by_column: dict[str, set[str]] = {column: set() for column in _KEY_COLUMNS}
    for name, email, mobile, home in wanted:
        column, value = next((c, v) for c, v in zip(_KEY_COLUMNS, (email, mobile, home, name)) if v)
        by_column[column].add(value)
    found: dict[tuple, int] = {}
    for column, values in by_column.items():
        if not values:
            continue
        rows = rows_for_in(_ON_FILE_SQL.get((column, is_postgres()), _ON_FILE_SQL[None]).format(
            column=column, values="{values}"), sorted(values))
        for client_id, *key, archived in sorted(rows):
            if not archived and tuple(key) in wanted:
                found.setdefault(tuple(key), client_id)
    return found


def _signed_actor(who: SignedIn | None, actor: str) -> tuple[str, int | None]:
    """Who the events name: the signed-in staff member (an employee at least), or `actor`."""
    if who is None:
        return actor, None
    with database.atomic():
        signed = require_role(who, Role.EMPLOYEE)
    return signed.name, signed.staff_id


def _import_batch(part: list[tuple[int, ClientDraft]], studio: Studio, summary: ImportSummary, *,
                  actor: str, staff_id: int | None) -> None:
    """Add one batch of drafts in its own transaction; `summary` learns of it once committed.

    The numbers' lock comes first (`number_lock`), so a STOP arriving meanwhile waits for this
    batch and then names its clients; one that came first is read here (R6, R16). Rows already
    on file are skipped, so a re-run after a stop adds only the rest."""
    batch = ImportSummary()
    keys = [(name_key(d.first_name, d.last_name), d.email, d.mobile, d.home_phone) for _, d in part]
    with database.atomic():
        hold_numbers()
        locked = stop_locked_numbers(d.mobile for _, d in part)
        log = EventLog()
        seen = _clients_on_file(keys)
        new: list[ClientDraft] = []
        first_in_file: dict[tuple, int] = {}  # a key added by this batch: its place in `new`
        repeats: list[tuple[int, tuple]] = []
        for (line, draft), key in zip(part, keys):
            if key in seen or key in first_in_file:
                repeats.append((line, key))
                continue
            batch.skipped_cells += [{"row": line, "column": column, "reason": LOCKED_CELL}
                                    for column in refused_for_lock(draft, locked)]
            first_in_file[key] = len(new)
            new.append(draft)
        batch.client_ids = insert_clients(new, studio, log, actor=actor, staff_id=staff_id,
                                          source="import", locked_numbers=locked)
        batch.imported = len(batch.client_ids)
        for line, key in repeats:
            existing = seen[key] if key in seen else batch.client_ids[first_in_file[key]]
            batch.skipped.append({"row": line, "reason": say("already on file as client {client_id}",
                                                            client_id=existing)})
            batch.already_on_file.add(line)
        log.flush()
    summary.imported += batch.imported
    summary.client_ids += batch.client_ids
    summary.skipped += batch.skipped
    summary.already_on_file |= batch.already_on_file
    summary.skipped_cells += batch.skipped_cells
