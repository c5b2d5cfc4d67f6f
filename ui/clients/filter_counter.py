"""The filter bar's counts and the review notice's, counted off the GUI thread (DESIGN §6).

At 1,000,000 clients one pass over the client table takes about a second: on the GUI thread it
blocked the window just after its first paint, and again after every change a count follows.
A `FilterCounter` runs each count as a QRunnable on Qt's global thread pool; peewee gives that
thread a connection of its own (the database is `thread_safe`, its state per thread), which the
job closes before it reports, as the import and sync workers do. SQLite and psycopg2 let go of
the GIL while a query runs, so the window keeps painting and taking keystrokes meanwhile.

One count runs at a time. What is asked for while one runs is merged into a single next
count, and a result is shown only for what no later request asked again: a count that started
before a change never overwrites the count made after it, nor shows in its place meanwhile.
The buttons keep their last known counts (or no number yet) until the newer one arrives.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    Qt,
    Signal,
    Slot,
)

from models.client_list import ClientFilter, filter_counts, filter_counts_for
from models.db import close_database, use_small_cache
from models.errors import OptInDeskError
from models.review import ReviewCounts, review_counts
from models.wording import message_of
from ui.words import one_line

_log = logging.getLogger(__name__)

INTERNAL_ERROR = QT_TRANSLATE_NOOP("FilterCounter", "an internal error (details are in the log)")


def problem_text(problem: str) -> str:
    """Why a count failed, in one line in the window's language (a model-layer sentence
    arrives as a `Phrase`, the internal error as the English marked above)."""
    if problem == INTERNAL_ERROR:
        return QCoreApplication.translate("FilterCounter", INTERNAL_ERROR)
    return one_line(problem)


@dataclass(frozen=True)
class CountResult:
    """What one count found: the counts of the filters it was asked for, the review counts if
    it was asked for them, or the one line that says why it could not count."""

    request: int
    filters: frozenset[ClientFilter]
    review_asked: bool
    counts: dict[ClientFilter, int] = field(default_factory=dict)
    review: ReviewCounts | None = None
    #: The reason as the model layer said it (a `Phrase` when it made one): `problem_text`.
    problem: str | None = None


def count(request: int, filters: frozenset[ClientFilter], review: bool) -> CountResult:
    """Count (in any thread) and close this thread's connection; never raises."""
    try:
        try:
            use_small_cache()
            review_result = review_counts() if review else None
            if len(filters) == 1:  # a switch changed: only "Any opt-out" can move
                counts = filter_counts_for(filters)
            elif filters:  # all seven in one pass cost about what two single counts do
                counts = filter_counts()
            else:
                counts = {}
        finally:
            close_database()
    except OptInDeskError as error:
        return CountResult(request, filters, review, problem=message_of(error))
    # The thread's boundary: an exception escaping here would only be printed. A bug.
    except Exception:
        _log.exception("Counting the client filters failed")
        return CountResult(request, filters, review, problem=INTERNAL_ERROR)
    return CountResult(request, filters, review, counts, review_result)


class _Relay(QObject):
    """Carries a job's result to the GUI thread. It has no parent and the job holds it, so a
    job that ends after its counter is gone still has something to emit on (heard by no one)."""

    done = Signal(object)


class _CountJob(QRunnable):
    def __init__(self, relay: _Relay, request: int, filters: frozenset[ClientFilter],
                 review: bool) -> None:
        super().__init__()
        self._relay, self._request, self._filters, self._review = relay, request, filters, review

    def run(self) -> None:
        self._relay.done.emit(count(self._request, self._filters, self._review))


class FilterCounter(QObject):
    """Counts filters and the review queue on a worker thread, one count at a time, newest
    shown; `counted` and `failed` are emitted in the GUI thread."""

    #: The counts that arrived and are still the newest (ClientFilter → int), and the review
    #: counts (a ReviewCounts, or None when they were not asked for or are out of date).
    counted = Signal(object, object)
    #: A count could not be made: the filters it was for (a frozenset, to ask again), whether
    #: the review counts were among them, and why (a str or `Phrase`: show `problem_text`).
    failed = Signal(object, bool, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.done.connect(self._on_relay_done, Qt.ConnectionType.QueuedConnection)
        self._requests = 0
        self._running: int | None = None
        self._waiting: set[ClientFilter] = set()
        self._waiting_review = False
        #: The request that last asked for each filter (and the review counts).
        self._asked_by: dict[ClientFilter | None, int] = {}

    def request(self, filters: set[ClientFilter] | frozenset[ClientFilter], *,
                review: bool = False) -> None:
        """Count these filters (and the review queue) as soon as the count running ends; a
        count running now that includes them will not show them."""
        if not filters and not review:
            return
        self._requests += 1
        for which in filters:
            self._asked_by[which] = self._requests
        if review:
            self._asked_by[None] = self._requests
        self._waiting.update(filters)
        self._waiting_review = self._waiting_review or review
        if self._running is None:
            self._start()

    def busy(self) -> bool:
        """Whether a count is running or waiting to run."""
        return self._running is not None or bool(self._waiting) or self._waiting_review

    def _start(self) -> None:
        filters, review = frozenset(self._waiting), self._waiting_review
        self._waiting, self._waiting_review = set(), False
        self._running = self._requests  # it answers every request made so far
        QThreadPool.globalInstance().start(
            _CountJob(self._relay, self._running, filters, review))

    @Slot(object)
    def _on_relay_done(self, result: CountResult) -> None:
        if result.request == self._running:
            self._running = None
        self._show(result)
        if self._running is None and (self._waiting or self._waiting_review):
            self._start()

    def _show(self, result: CountResult) -> None:
        """Emit what of `result` is still the newest: a count a later request asked for again
        is dropped (the later count shows it), whatever order the results come in."""
        def newest(which: ClientFilter | None) -> bool:
            return self._asked_by.get(which, 0) <= result.request

        if result.problem is not None:
            filters = frozenset(which for which in result.filters if newest(which))
            review = result.review_asked and newest(None)
            if filters or review:
                self.failed.emit(filters, review, result.problem)
            return
        counts = {which: number for which, number in result.counts.items() if newest(which)}
        review = result.review if newest(None) else None
        if counts or review is not None:
            self.counted.emit(counts, review)
