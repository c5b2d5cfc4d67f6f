"""Keeping SQLite's trigram index of emails and phone numbers in few pieces (issue 12).

FTS5 writes each transaction's new entries as a b-tree of their own (a segment) and merges
them as they pile up, but only four of a size at a time: a studio of 1,000,000 clients, filled
by imports and a client at a time, kept 29 of them. A search for phone digits ("305-78") looks
each of its trigrams up in every one: 2.5 ms, against 1.1 ms in three segments, more when their
pages are not in memory yet, and every keystroke of a phone number or an email pays it.

After an import of clients (and a seed), `compact_search_index` merges the segments two at
a time (FTS5's own 'merge' command, with 'usermerge' 2) until each size has one. It works in
transactions of about half a second with a pause after each, as an import's batches do, so a
STOP arriving meanwhile lands within a second (DESIGN §7): a single 'optimize' would hold the
write lock for seconds (5.7 s at a million clients), and a step of 'merge' with a negative
page count, which merges every size at once, once held it for 1.2 s. On PostgreSQL pg_trgm
keeps its own indexes: nothing to do there.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .db import database, is_postgres

#: Pages of merged index one 'merge' step writes: about 20–300 ms at a million clients.
MERGE_PAGES = 150
#: Seconds of merging per transaction, and the pause without the write lock after each: a STOP
#: waiting on SQLite's busy timeout retries every 100 ms at most (models.client_import).
MERGE_SLICE = 0.5
MERGE_PAUSE = 0.12


def search_index_segments() -> int:
    """How many segments the trigram index is in now (0 on PostgreSQL)."""
    if is_postgres():
        return 0
    return int(database.execute_sql(
        "SELECT count(DISTINCT segid) FROM client_search_idx").fetchone()[0])


def compact_search_index(*, pages: int = MERGE_PAGES, slice_seconds: float = MERGE_SLICE,
                         pause: float = MERGE_PAUSE,
                         cancelled: Callable[[], bool] | None = None) -> int:
    """Merge the trigram index's segments until no two are of one size (see the module's doc),
    about `pages` pages a step: the steps that did work. Each transaction holds the write lock
    about `slice_seconds`, and `pause` seconds go by without it before the next. When
    `cancelled` says so it stops after a transaction: what is merged so far is kept, and any
    later compacting goes on from there."""
    if is_postgres():
        return 0
    # Merge as soon as two segments are of a size, not four: a setting of the 'merge'
    # command only, kept in the index's own configuration; FTS5's merging while it writes
    # is unchanged.
    database.execute_sql("INSERT INTO client_search (client_search, rank) VALUES ('usermerge', 2)")
    steps = 0
    while True:
        began = time.monotonic()
        with database.atomic():
            connection = database.connection()
            while True:
                before = connection.total_changes
                database.execute_sql("INSERT INTO client_search (client_search, rank) "
                                     "VALUES ('merge', ?)", (pages,))
                # SQLite's documented sign: fewer than two changes, and the step found nothing
                # left to merge.
                done = connection.total_changes - before < 2
                steps += 0 if done else 1
                if done or time.monotonic() - began >= slice_seconds:
                    break
        if done or (cancelled is not None and cancelled()):
            return steps
        time.sleep(pause)
