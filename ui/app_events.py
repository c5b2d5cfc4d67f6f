"""One application-wide signal that data changed (STYLE 6).

An operation of the model layer returns a `models.changes.Change`; the view that made the
call shows the result itself, then emits the change here as asked by itself (`asked_by`), and
so does the watcher that notices changes made by other workstations (R16). Each view decides
from the change's `Touched` flags whether it concerns it, and skips the change it asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """The application's event hub."""

    #: A committed change (models.changes.Change), from this window or from elsewhere.
    data_changed = Signal(object)
    #: The signed-in staff member changed (models.staff.SignedIn, or None when signed out).
    staff_changed = Signal(object)
    #: A one-line message for the status bar: a text in the language spoken, or a sentence of
    #: the model layer (a `Phrase`, kept whole by `object`), which the status bar says in it.
    status_message = Signal(object)


_events: AppEvents | None = None


def app_events() -> AppEvents:
    """The application's one AppEvents (created on first use, after the QApplication)."""
    global _events
    if _events is None:
        _events = AppEvents()
    return _events
