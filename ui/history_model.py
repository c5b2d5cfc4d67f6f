"""The item model of a client's History: consent events, newest first, in readable words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.consent import RECORD_METHODS
from models.phones import display_phone
from models.rules import Channel, Switch, format_clock
from models.schema import ConsentEvent
from models.timeutil import parse_iso
from ui.opt_in_section import CHANNEL_NAMES, SWITCH_NAMES

_COLUMNS = ("When", "Who", "What", "Why")
_SOURCES = {
    "staff": "Staff",
    "import": "Import",
    "review_queue": "Needs review queue",
    "system": "System",
}
_AI_SWITCHES = {"ai_outreach": "Hailee outreach", "ai_replies": "Hailee replies"}
_ADDRESSES = {"email": "Email", "mobile": "Mobile", "home_phone": "Home phone"}
_REVIEW_OUTCOMES = {"applied": "Needs review: STOP lock applied", "dismissed": "Needs review: dismissed"}


@dataclass(frozen=True, slots=True)
class _Row:
    """One event, already put into words (the model is read far more often than loaded)."""

    event_id: int
    cells: tuple[str, str, str, str]
    details: str


class HistoryModel(QAbstractTableModel):
    """Consent events as rows of When, Who, What and Why (read-only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []

    # -- public API -----------------------------------------------------------------------

    def set_events(self, events: Iterable[ConsentEvent]) -> bool:
        """Show these events in this order; return whether anything changed.

        The same events again leave the model untouched, so a reload keeps the view's
        selection and scroll position.
        """
        rows = [_row(event) for event in events]
        if [r.event_id for r in rows] == [r.event_id for r in self._rows]:
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def clear(self) -> None:
        """Show no events."""
        self.set_events(())

    def event_id(self, row: int) -> int:
        """The id of the consent event shown in ``row``."""
        return self._rows[row].event_id

    # -- Qt overrides ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """The number of events (a table: no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """When, Who, What, Why."""
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """An event's words (DisplayRole), its details (ToolTipRole), its id (UserRole)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.details
        if role == Qt.ItemDataRole.UserRole:
            return row.event_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The column titles; rows have none."""
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(_COLUMNS)):
            return _COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Events are never edited (R14): selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- putting an event into words ----------------------------------------------------------

def _row(event: ConsentEvent) -> _Row:
    moment = parse_iso(event.at).astimezone()
    when = f"{moment:%b} {moment.day}, {moment.year}, {format_clock(moment)}"
    what = describe_event(event)
    why = _why(event)
    details = [f"Event {event.id} · {moment:%Y-%m-%d %H:%M:%S} {moment:%Z}".rstrip(), what]
    if why:
        details.append(why)
    if event.number:
        details.append(f"Number: {display_phone(event.number)}")
    if event.inbound_sid:
        details.append(f"Message id: {event.inbound_sid}")
    return _Row(event.id, (when, _who(event.actor), what, why), "\n".join(details))


def describe_event(event: ConsentEvent) -> str:
    """What an event changed, as the History shows it: "SMS – All: on → off"."""
    switch, old, new = event.switch, event.old, event.new
    if switch in (Switch.ALL.value, Switch.MARKETING.value) and event.channel:
        try:
            channel = CHANNEL_NAMES[Channel(event.channel)]
        except ValueError:
            channel = event.channel
        return f"{channel} – {SWITCH_NAMES[Switch(switch)]}: {_change(old, new)}"
    if switch == "stop_lock":
        return f"STOP lock: {new}"
    if switch in _AI_SWITCHES:
        return f"{_AI_SWITCHES[switch]}: {_change(old, new)}"
    if switch == "client":
        text = new or ""
        if text.startswith("added (") and text.endswith(")"):
            return f"Added as {text[len('added ('):-1]}"
        return f"Client {text}".strip()
    if switch in _ADDRESSES:
        label = _ADDRESSES[switch]
        shown_old, shown_new = _address(switch, old), _address(switch, new)
        if old is None:
            return f"{label} added: {shown_new}"
        if new is None:
            return f"{label} removed (was {shown_old})"
        return f"{label}: {shown_old} → {shown_new}"
    if switch == "review":
        return _REVIEW_OUTCOMES.get(new or "", f"Needs review: {new}")
    if switch == "archived":
        return "Archived" if new == "on" else "Restored from the archive"
    return f"{switch}: {_change(old, new)}"


def _change(old: str | None, new: str | None) -> str:
    return f"{new}" if old is None else f"{old} → {new}"


def _address(kind: str, value: str | None) -> str:
    if value is None:
        return ""
    return value if kind == "email" else display_phone(value)


def _who(actor: str) -> str:
    """A staff member's name, or the client's number for a keyword they texted."""
    return display_phone(actor) if actor.startswith("+") else actor


def _why(event: ConsentEvent) -> str:
    """The source, the consent method and the note: "Staff · Signed form · “at the desk”"."""
    note = event.note
    if event.source == "client_keyword":
        if note and note.startswith("texted "):  # the word the client texted, e.g. UNSUBSCRIBE
            parts = [f"Client {note}"]
            note = None
        else:
            opted_out = ((event.switch == "stop_lock" and event.new == "on")
                         or (event.switch == Switch.ALL.value and event.new == "off"))
            parts = ["Client texted STOP" if opted_out else "Client texted START"]
    else:
        parts = [_SOURCES.get(event.source, event.source)]
        if event.method:
            parts.append(RECORD_METHODS.get(event.method, event.method))
    if note:
        parts.append(f"“{note}”")
    return " · ".join(parts)
