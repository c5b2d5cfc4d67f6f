"""What this client receives: channel × message kind, allowed, blocked with its reason, or held.

Every cell shows a ``models.rules.Decision`` that ``models.consent.load_consent`` made with
``can_send()``; the reasons are the model's words, never worked out here (DESIGN §4).
"""

from __future__ import annotations

from typing import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QIcon, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from models.rules import CHANNELS, KIND_LABELS, MESSAGE_KINDS, Channel, Decision, MessageKind
from resources import icon
from ui.language import current_language
from ui.profile.receives_cell import (
    ICONS,
    PAD_X,
    PAD_Y,
    REASON_ROLE,
    STATE_ROLE,
    STATUS_ROLE,
    ReceivesCellDelegate,
    cell_height,
)
from ui.words import CHANNEL_NAMES, spoken

_MIN_COLUMN = 72
_MIN_TURNED_COLUMN = 64  # a channel's column of a turned grid: "Blocked" beside its icon
#: A status word wider than its cell ("Bloqueado" in a narrow column) is drawn this much
#: smaller at most, rather than cut off.
_LEAST_STATUS_SCALE = 0.8


class ReceivesGrid(QTableWidget):
    """A read-only grid, one row per channel and one column per message kind (objectName ``receivesGrid``).

    A cell reads "Allowed", "Blocked" over the model's reason, "Held until 8:00 a.m. …"
    (R17), or "Held — a possible opt-out waits for review" (R19). A row whose every kind is
    blocked for the same reason (no address, All off, a STOP) is one cell across the row, so
    that the reason reads once and in full.

    A narrow profile turns the grid (``set_transposed``): a column per channel and a row per
    message kind, so four columns share the width rather than six (issue 10, small screens).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(CHANNELS), len(MESSAGE_KINDS), parent)
        self._delegate = ReceivesCellDelegate(self)
        self._texts: dict[tuple[Channel, MessageKind], str] = {}
        self._states: dict[tuple[Channel, MessageKind], str] = {}
        self._receives: Mapping[Channel, Mapping[MessageKind, Decision]] | None = None
        self._transposed = False
        #: What each cell shows now, (state, status, reason, tooltip): a cell that shows the
        #: same for the next client is not set again (each setter repaints it; issue 12).
        self._shown: dict[tuple[int, int], tuple[str, str, str, str]] = {}
        #: The lines (rows or channels) shown as one cell across.
        self._spans: tuple[int, ...] = ()
        #: Cell heights by (font, width, status, reason): measuring wrapped words is the
        #: grid's dearest work, and most cells say the same for every client.
        self._heights: dict[tuple[str, int, str, str], int] = {}
        self._words: dict[tuple[object, ...], tuple[str, str, str, str]] = {}
        self._fitted: tuple[object, ...] | None = None  # what _fit_height last measured
        self._header_heights: dict[tuple[object, ...], int] = {}
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("receivesGrid")
        self.setAccessibleName(self.tr("What this client receives"))
        self.setItemDelegate(self._delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(_MIN_COLUMN)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setHighlightSections(False)
        self._lay_out()

    def _lay_out(self) -> None:
        """Headings, empty cells and the least width for the grid's orientation."""
        kinds = [spoken(KIND_LABELS[kind]) for kind in MESSAGE_KINDS]
        channels = [CHANNEL_NAMES[channel] for channel in CHANNELS]
        self.clearSpans()
        self.setRowCount(len(MESSAGE_KINDS) if self._transposed else len(CHANNELS))
        self.setColumnCount(len(CHANNELS) if self._transposed else len(MESSAGE_KINDS))
        self.setHorizontalHeaderLabels(channels if self._transposed else kinds)
        # Turned, the kinds' names wrap to their longest word, to leave the channels their width
        # ("Hailee:\nmensajes\npropios" in Spanish).
        self.setVerticalHeaderLabels(_wrapped(kinds, self.verticalHeader().fontMetrics())
                                     if self._transposed else channels)
        rows = self.verticalHeader()
        least = _MIN_TURNED_COLUMN if self._transposed else _MIN_COLUMN
        self.horizontalHeader().setMinimumSectionSize(least)
        self.setMinimumWidth(rows.sizeHint().width() + least * self.columnCount()
                             + 2 * self.frameWidth())
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                self.setItem(row, column, QTableWidgetItem())
        self._shown.clear()
        self._spans = ()
        self._fit_height()

    # -- public API -----------------------------------------------------------------------

    def show_receives(self, receives: Mapping[Channel, Mapping[MessageKind, Decision]]) -> None:
        """Show what the model layer decided for every channel and message kind."""
        self._receives = receives
        spans = []
        for line, channel in enumerate(CHANNELS):
            decisions = receives[channel]
            reasons = {decision.reason for decision in decisions.values()}
            whole_row = (len(reasons) == 1 and None not in reasons
                         and not any(d.allowed or d.held for d in decisions.values()))
            for place, kind in enumerate(MESSAGE_KINDS):
                shown = self._said(channel, kind, decisions[kind], whole_row)
                state, status, reason, _tip = shown
                self._states[(channel, kind)] = state
                self._texts[(channel, kind)] = f"{status}: {reason}" if reason else status
                self._show_cell(self._cell(line, place), shown)
            if whole_row:
                spans.append(line)
        self._show_spans(tuple(spans))
        self._fit_height()

    def set_transposed(self, transposed: bool) -> None:
        """A column per channel and a row per message kind (narrow), or the other way round."""
        if transposed == self._transposed:
            return
        self._transposed = transposed
        self._lay_out()
        if self._receives is not None:
            self.show_receives(self._receives)

    def is_transposed(self) -> bool:
        """Whether channels are columns (a narrow profile)."""
        return self._transposed

    def clear_cells(self) -> None:
        """Show no client."""
        self._receives = None
        self._shown.clear()
        self._spans = ()
        self.clearSpans()
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                item = self.item(row, column)
                item.setText("")
                item.setIcon(QIcon())
                item.setToolTip("")
                for role in (STATE_ROLE, STATUS_ROLE, REASON_ROLE):
                    item.setData(role, None)
        self._texts.clear()
        self._states.clear()
        self._fit_height()

    def cell_text(self, channel: Channel | str, kind: MessageKind | str) -> str:
        """The words shown for a channel and message kind: "Allowed", "Blocked: <reason>",
        "Held until 8:00 a.m. local time"; '' before a client is shown."""
        return self._texts.get((Channel(channel), MessageKind(kind)), "")

    def cell_state(self, channel: Channel | str, kind: MessageKind | str) -> str | None:
        """"allowed", "blocked", "held", or None before a client is shown."""
        return self._states.get((Channel(channel), MessageKind(kind)))

    # -- Qt overrides ---------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Wrap the reasons anew for the new column widths, and grow to show every row."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()
            # The header stretches its columns after this event: measure again once it has.
            QTimer.singleShot(0, self, self._fit_height)

    def changeEvent(self, event: QEvent) -> None:
        """Measure the cells anew in a new font or style."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
            self._header_heights.clear()
            self._fitted = None
        super().changeEvent(event)

    # -- helpers --------------------------------------------------------------------------

    def _said(self, channel: Channel, kind: MessageKind, decision: Decision,
              whole_row: bool) -> tuple[str, str, str, str]:
        """A cell's state, status, reason and tooltip in the window's language, remembered
        by decision: most cells say the same for every client (issue 12)."""
        key = (channel, kind, whole_row, decision, repr(getattr(decision.reason, "params", None)),
               current_language())
        said = self._words.get(key)
        if said is None:
            if len(self._words) > 4096:
                self._words.clear()
            state, status, reason = _words(decision)
            tooltip = (self.tr("{channel}: nothing can be sent — {reason}.").format(
                channel=CHANNEL_NAMES[channel], reason=spoken(decision.reason)) if whole_row
                else _tooltip(channel, kind, decision))
            said = self._words[key] = (state, status, reason, tooltip)
        return said

    def _show_cell(self, cell: tuple[int, int], shown: tuple[str, str, str, str]) -> None:
        """Put a cell's state, words and tooltip in its item, unless it shows them already."""
        if self._shown.get(cell) == shown:
            return
        self._shown[cell] = shown
        state, status, reason, tooltip = shown
        item = self.item(*cell)
        item.setText(f"{status}: {reason}" if reason else status)
        item.setData(STATE_ROLE, state)
        item.setData(STATUS_ROLE, status)
        item.setData(REASON_ROLE, reason)
        item.setIcon(icon(ICONS[state]))
        item.setToolTip(tooltip)

    def _show_spans(self, lines: tuple[int, ...]) -> None:
        """Make each of these lines one cell across; the others a cell per message kind."""
        if lines == self._spans:
            return
        self._spans = lines
        self.clearSpans()
        for line in lines:  # turned, a channel is a column
            self.setSpan(*((0, line, self.rowCount(), 1) if self._transposed
                           else (line, 0, 1, self.columnCount())))

    def _cell_height(self, metrics: QFontMetrics, font: str, width: int, status: str,
                     reason: str) -> int:
        """`receives_cell.cell_height`, remembered."""
        key = (font, width, status, reason)
        if key not in self._heights:
            if len(self._heights) > 4096:  # a window dragged through many widths
                self._heights.clear()
            self._heights[key] = cell_height(metrics, width, status, reason)
        return self._heights[key]

    def _fit_height(self) -> None:
        """Size rows to their wrapped words, and the grid to its rows: it never scrolls.

        Rows are sized here rather than by resizeRowsToContents(), which measures a cell
        that spans the row as if it were one column wide. Narrow columns get their
        two-word titles on two lines.
        """
        font = self.font().key()
        fit = (font, self.frameWidth(), self._transposed, self._spans,
               tuple(self.columnWidth(c) for c in range(self.columnCount())),
               tuple(self._lines_of(r, c) for r in range(self.rowCount())
                     for c in range(self.columnCount())))
        if fit == self._fitted:
            return  # the same words at the same widths: the same heights (issue 12)
        self._fitted = fit
        metrics = self.fontMetrics()
        self._fit_header_labels(metrics)
        least = 2 * metrics.height() + 2 * PAD_Y
        for row in range(self.rowCount()):
            span = self.columnSpan(row, 0)
            cells = [(0, sum(self.columnWidth(c) for c in range(span)))] if span > 1 else [
                (column, self.columnWidth(column)) for column in range(self.columnCount())
                if self.rowSpan(row, column) == 1]
            height = least
            for column, width in cells:
                status, reason = self._lines_of(row, column)
                height = max(height, self._cell_height(metrics, font, width, status, reason))
            self.setRowHeight(row, height)
        self._fit_column_spans(metrics)
        height = (self._header_height(font)
                  + sum(self.rowHeight(row) for row in range(self.rowCount()))
                  + 2 * self.frameWidth())
        self.setFixedHeight(height)

    def _fit_column_spans(self, metrics: QFontMetrics) -> None:
        """Turned, a channel blocked as a whole is one cell down its column: the rows give it
        the height its wrapped reason needs, shared out evenly."""
        if not self._transposed:
            return
        for column in range(self.columnCount()):
            if self.rowSpan(0, column) < 2:
                continue
            status, reason = self._lines_of(0, column)
            missing = (self._cell_height(metrics, self.font().key(), self.columnWidth(column),
                                         status, reason)
                       - sum(self.rowHeight(row) for row in range(self.rowCount())))
            if missing > 0:
                for row in range(self.rowCount()):
                    self.setRowHeight(row, self.rowHeight(row) + -(-missing // self.rowCount()))

    def _lines_of(self, row: int, column: int) -> tuple[str, str]:
        """The status line and the reason line of a cell, as shown."""
        shown = self._shown.get((row, column))
        return (shown[1], shown[2]) if shown is not None else ("", "")

    def _cell(self, line: int, place: int) -> tuple[int, int]:
        """(row, column) of a channel's line and a message kind's place."""
        return (place, line) if self._transposed else (line, place)

    def _header_height(self, font: str) -> int:
        """The column headings' height, measured again only when their words or font change
        (QHeaderView measures every heading at each ask)."""
        header = self.horizontalHeader()
        key = (font, header.font().key(), tuple(self.horizontalHeaderItem(c).text()
                                                for c in range(self.columnCount())))
        if key not in self._header_heights:
            self._header_heights[key] = header.sizeHint().height()
        return self._header_heights[key]

    def _fit_header_labels(self, metrics: QFontMetrics) -> None:
        labels = ([CHANNEL_NAMES[channel] for channel in CHANNELS] if self._transposed
                  else [spoken(KIND_LABELS[kind]) for kind in MESSAGE_KINDS])
        widest = max(metrics.horizontalAdvance(label) for label in labels)
        narrow = self.horizontalHeader().sectionSize(0) < widest + 2 * PAD_X + 4
        for column, text in enumerate(labels):
            label = text.replace(" ", "\n", 1) if narrow else text
            item = self.horizontalHeaderItem(column)
            if item is not None and item.text() != label:
                item.setText(label)


def _wrapped(labels: list[str], metrics: QFontMetrics) -> list[str]:
    """Each label in lines no wider than the widest word of any label (and at least two lines
    where it has two words, as the English grid always had)."""
    width = max(metrics.horizontalAdvance(word) for label in labels for word in label.split())
    wrapped = []
    for label in labels:
        first, _, rest = label.partition(" ")
        lines = [first]
        for word in rest.split():
            joined = f"{lines[-1]} {word}"
            if len(lines) > 1 and metrics.horizontalAdvance(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(word)
        wrapped.append("\n".join(lines))
    return wrapped


def _words(decision: Decision) -> tuple[str, str, str]:
    """A cell's state, its first words and the model's reason ('' when allowed or held)."""
    if decision.allowed:
        return "allowed", QCoreApplication.translate("ReceivesGrid", "Allowed"), ""
    reason = spoken(decision.reason or "")
    if decision.held:
        # The model's own words ("held until 8:00 a.m. local time"), as a sentence.
        return "held", reason[:1].upper() + reason[1:], ""
    return "blocked", QCoreApplication.translate("ReceivesGrid", "Blocked"), reason


def _tooltip(channel: Channel, kind: MessageKind, decision: Decision) -> str:
    medium = "SMS" if channel is Channel.SMS else CHANNEL_NAMES[channel].lower()
    subject = QCoreApplication.translate("ReceivesGrid", "{kind} by {medium}").format(
        kind=spoken(KIND_LABELS[kind]), medium=medium)
    reason = spoken(decision.reason or "")
    if decision.allowed:
        text = QCoreApplication.translate("ReceivesGrid", "{subject}: allowed now.")
    elif decision.held_for_review:
        text = QCoreApplication.translate(
            "ReceivesGrid", "{subject}: held, not sent — a text from this mobile looks like an "
            "opt-out and waits in Needs review; it goes out only if staff decide it was not one.")
    elif decision.held:
        text = QCoreApplication.translate(
            "ReceivesGrid", "{subject}: held, not sent — {reason} (quiet hours: marketing goes "
            "out between 8 a.m. and 9 p.m. where the client is).")
    else:
        text = QCoreApplication.translate("ReceivesGrid", "{subject}: blocked — {reason}.")
    return text.format(subject=subject, reason=reason)
