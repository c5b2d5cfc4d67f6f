"""The errors the model layer raises, each with a message a person can read.

`ConsentError` and its kin are refusals by the rules: the change was not made. `StorageError`
is trouble with the database itself (a locked file, a server gone): the screen shows it calmly
and the user may try again. Anything else is a bug.
"""

from __future__ import annotations

from typing import Iterable

from .wording import say


class OptInDeskError(Exception):
    """Base of every error the model layer raises on purpose."""


class InvalidInput(OptInDeskError):
    """A value given to the model layer is malformed (a phone number, an email, a time …)."""


class InvalidAddress(InvalidInput):
    """A phone number or email address that cannot be used."""


class NotFound(OptInDeskError):
    """A client, staff member or message that does not exist."""


class ConsentLocked(OptInDeskError):
    """The rules forbid this change (R3–R7): for example SMS All on a STOP-locked number."""


class NotAllowed(OptInDeskError):
    """The signed-in staff member's role does not allow this (R15)."""


class SignInRefused(OptInDeskError):
    """A wrong PIN, or sign-in locked for a while after repeated wrong PINs (R15)."""


class StaleData(OptInDeskError):
    """The data changed elsewhere since it was shown; reload and try again (R16)."""


class DatabaseExists(OptInDeskError):
    """`init` on a database that already holds a studio."""


class StorageError(OptInDeskError):
    """The database cannot be reached or written right now.

    `problem` says what is wrong, `remedy` (may be empty) what a person must do first; the
    message is the two in one line. `first_step` is the remedy without its "and try again"
    (an import stopped part-way says "… and import the file again" instead); empty when the
    remedy has no such ending.
    """

    def __init__(self, problem: str, remedy: str = "", *, first_step: str = "") -> None:
        super().__init__(say("{problem}; {remedy}", problem=problem, remedy=remedy) if remedy
                         else problem)
        self.problem = problem
        self.remedy = remedy
        self.first_step = first_step


class DatabaseDamaged(StorageError):
    """The database file is truncated or corrupted (SQLite: "malformed", "not a database")."""


class NotOptInDeskDatabase(StorageError):
    """The file or database holds another program's data, not Opt-In Desk's."""


class DatabaseTooNew(StorageError):
    """The database was made by a newer Opt-In Desk: refused before anything is written."""


class DatabaseTooOld(StorageError):
    """The database needs migrating and the connection's role may not (the desks' on PostgreSQL)."""


class DiskFull(StorageError):
    """The disk (or the database server's) has no room left for the change."""


class DatabaseReadOnly(StorageError):
    """The database file, its folder or the connection allows no writing."""


class ImportStopped(StorageError):
    """An import stopped part-way by storage trouble. Its batches commit one by one: the rows
    of `applied_rows` (row numbers of the file) are kept, the rest were not, and importing the
    file again skips the rows already applied. Every importer that commits in batches raises it.
    """

    def __init__(self, cause: StorageError, applied_rows: Iterable[int]) -> None:
        self.cause = cause
        self.applied_rows = tuple(sorted(set(applied_rows)))
        remedy = cause.first_step or cause.remedy
        again = (say("{remedy} and import the file again", remedy=remedy) if remedy
                 else say("import the file again"))
        if self.applied_rows:
            done = say("{rows} applied; the rest were not — {again}: rows already applied are "
                       "skipped", rows=describe_rows(self.applied_rows), again=again)
        else:
            done = say("nothing was imported — {again}", again=again)
        super().__init__(say("{problem}; {done}", problem=cause.problem, done=done))

    def as_json(self) -> dict[str, object]:
        """The rows applied as [first, last] ranges, for the command line's JSON."""
        return {"stopped": self.cause.problem,
                "applied_rows": [list(run) for run in row_ranges(self.applied_rows)]}


def row_ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Row numbers as (first, last) runs: 2, 3, 4, 7 → (2, 4), (7, 7)."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


#: Runs named in a message; the command line's JSON lists them all.
_RUNS_SHOWN = 8


def describe_rows(rows: Iterable[int]) -> str:
    """'row 7 was', 'rows 2–5001 were', 'rows 2–16, 18–5001 were' (long lists cut short)."""
    rows = tuple(rows)
    runs = row_ranges(rows)
    if len(rows) == 1:
        return say("row {row} was", row=rows[0])
    words = [f"{first}" if first == last else f"{first}–{last}" for first, last in runs]
    if len(words) > _RUNS_SHOWN:
        return say("rows {rows}, … ({count} rows in all) were",
                   rows=", ".join(words[:_RUNS_SHOWN]), count=f"{len(set(rows)):,}")
    return say("rows {rows} were", rows=", ".join(words))
