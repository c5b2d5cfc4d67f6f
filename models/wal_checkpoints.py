"""SQLite's WAL checkpointed in the background while a bulk import goes on (issue 12).

A long import turns SQLite's automatic checkpoint off (`models.message_log`) and checkpoints
between its transactions instead. At 1,000,000 clients a checkpoint writes a few thousand
pages scattered over a 4 GB file and waits for the disk: a third of a second each, which the
import spent waiting. `BackgroundCheckpoints` runs them on a connection of its own, in a
thread, while the import reads and applies its next texts — the sqlite3 module lets other
threads run while SQLite works.

A PASSIVE checkpoint takes no lock that a writer needs: a STOP texted meanwhile is
written as before (R16). What a checkpoint copies is committed already, so it changes no
one's data; one that fails leaves the frames in the WAL for the next, and for the import's
own checkpoint at its end.
"""

from __future__ import annotations

import sqlite3
import threading


class BackgroundCheckpoints:
    """Checkpoints of the SQLite file at `path`, one at a time, on request (`request`),
    until `close`. The thread starts with the first request: an import of one transaction
    (a minute's sync) starts none."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._wanted = threading.Event()
        self._closing = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        """Checkpoint what is committed, as soon as the checkpoint running now (if any) ends."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
            self._thread.start()
        self._wanted.set()

    def close(self) -> None:
        """Wait for the checkpoint running now, if any; ask for none after it."""
        self._closing = True
        self._wanted.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self._path, timeout=0, isolation_level=None)
        except sqlite3.Error:
            return  # the import's own checkpoint at its end does the work
        try:
            while True:
                self._wanted.wait()
                self._wanted.clear()
                if self._closing:
                    return
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    pass  # busy or out of space: the frames wait for the next checkpoint
        finally:
            connection.close()
