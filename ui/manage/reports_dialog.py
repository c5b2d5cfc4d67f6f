"""Reports (manager view, R15): clients per channel and consent state, the campaign audience
now, opt-outs per month as a chart, and texts sent after opt-out (R23).

The numbers come from `models.reports` (which refuses anyone below manager) and
`models.consent.audience`. They are read when the dialog opens and on Refresh: a report is a
snapshot, and at 100,000 clients reading it again on every change would slow the desk down.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QMargins, Qt, Slot
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.audit import chain_checkpoint
from models.consent import Audience, audience
from models.errors import OptInDeskError
from models.reports import (
    CHANNEL_STATES,
    ChannelState,
    OptOutMonth,
    TextsAfterStop,
    channel_state_counts,
    opt_out_months,
    texts_sent_after_stop,
)
from models.rules import (
    CHANNELS,
    PHONE_CHANNELS,
    Channel,
    MessageKind,
)
from resources import icon
from ui.manage.after_stop_section import AfterStopSection
from ui.manage.local_time import clock_text, month_text
from ui.session import current_staff
from ui.widgets.remembered_size import remember_size
from ui.words import CHANNEL_NAMES, one_line

MONTHS = 12
#: The STOP-lock red of the stylesheet (style.qss, state="locked"): the same colour means the
#: same thing in the chart as on a profile.
_STOP_RED = QColor(211, 47, 47)
#: Columns: the channel, its states, then the campaign audience now and those held back.
_CHANNEL = 0
_FIRST_STATE = 1
_AUDIENCE, _HELD = _FIRST_STATE + len(CHANNEL_STATES), _FIRST_STATE + len(CHANNEL_STATES) + 1
#: Each state's column heading and what it means (the tooltip of the heading).
_STATES = {
    ChannelState.NO_ADDRESS: (
        QT_TRANSLATE_NOOP("ReportsDialog", "No address"),
        QT_TRANSLATE_NOOP("ReportsDialog", "No email, mobile or home phone on file: the "
                                           "channel receives nothing (R5)")),
    ChannelState.ALL_OFF: (
        QT_TRANSLATE_NOOP("ReportsDialog", "All off"),
        QT_TRANSLATE_NOOP("ReportsDialog", "All is off: nothing is sent on the channel, not "
                                           "even reminders (R1)")),
    ChannelState.STOP_LOCKED: (
        QT_TRANSLATE_NOOP("ReportsDialog", "STOP-locked"),
        QT_TRANSLATE_NOOP("ReportsDialog", "The mobile texted STOP: SMS is off and only the "
                                           "client can turn it back on, by texting START "
                                           "(R6, R7)")),
    ChannelState.MARKETING_OFF: (
        QT_TRANSLATE_NOOP("ReportsDialog", "Marketing off"),
        QT_TRANSLATE_NOOP("ReportsDialog", "All is on, Marketing off: reminders and replies "
                                           "only (R2)")),
    ChannelState.MARKETING_ON: (
        QT_TRANSLATE_NOOP("ReportsDialog", "Marketing on"),
        QT_TRANSLATE_NOOP("ReportsDialog", "All and Marketing are on: campaigns may be sent "
                                           "(R2)")),
}
_COLUMNS = 1 + len(CHANNEL_STATES) + 2
_NOT_APPLICABLE = "—"
_CHART_HEIGHT = 150


class ReportsDialog(QDialog):
    """Counts per channel and state, the campaign audience, opt-outs over 12 months, and
    texts sent after opt-out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[Channel, dict[ChannelState, int]] = {}
        self._audience: dict[Channel, Audience] = {}
        self._months: list[OptOutMonth] = []
        self._chart = QChart()
        self._staff_set = QBarSet(self.tr("Turned off by staff"))
        self._stop_set = QBarSet(self.tr("STOP locks"))
        self._series = QStackedBarSeries()
        self._month_axis = QBarCategoryAxis()
        self._count_axis = QValueAxis()
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("reports")
        self.setWindowTitle(self.tr("Reports — Opt-In Desk"))
        self.setWindowIcon(icon("history"))
        self.setModal(False)

        title = QLabel(self.tr("Reports"), self)
        title.setProperty("role", "header")
        self._as_of = QLabel(self)
        self._as_of.setObjectName("reportsAsOf")
        self._as_of.setProperty("role", "muted")
        self._refresh = QPushButton(self.tr("&Refresh"), self)
        self._refresh.setObjectName("refreshReports")
        self._refresh.setAutoDefault(False)
        self._refresh.setToolTip(self.tr("Count again"))
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(title)
        title_row.addStretch(1)
        title_row.addWidget(self._as_of)
        title_row.addWidget(self._refresh)

        self._message = QLabel(self)
        self._message.setObjectName("reportsMessage")
        self._message.setProperty("role", "notice")
        self._message.setProperty("state", "warning")
        self._message.setWordWrap(True)
        self._message.hide()

        self._content = QWidget(self)
        content = QVBoxLayout(self._content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(12)

        states_card, states, self._total = _card(self._content, self.tr("Clients by channel"), "")
        self._total.setObjectName("reportsTotal")
        self._table = QTableWidget(len(CHANNELS), _COLUMNS, states_card)
        self._table.setObjectName("channelStateTable")
        self._table.setAccessibleName(self.tr("Clients by channel and state"))
        self._table.setHorizontalHeaderLabels(
            [self.tr("Channel"), *(_tr(_STATES[state][0]) for state in CHANNEL_STATES),
             self.tr("Campaign\naudience now"), self.tr("Held for\nquiet hours")])
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._table.setAlternatingRowColors(True)
        self._table.setShowGrid(False)
        self._table.setWordWrap(False)
        self._table.setFrameShape(QFrame.Shape.NoFrame)
        self._table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column, state in enumerate(CHANNEL_STATES, start=_FIRST_STATE):
            self._table.horizontalHeaderItem(column).setToolTip(_tr(_STATES[state][1]))
        self._table.horizontalHeaderItem(_AUDIENCE).setToolTip(self.tr(
            "The campaign audience now: clients a campaign on this channel may reach at this "
            "moment, with switches, STOP locks and quiet hours applied as the what-they-receive "
            "grid decides"))
        self._table.horizontalHeaderItem(_HELD).setToolTip(self.tr(
            "Campaign texts and calls held back now: outside 8 a.m.–9 p.m. in the client's "
            "time zone they wait until the morning (R17)"))
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)
        self._table.horizontalHeaderItem(_CHANNEL).setTextAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = self._table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        for row, channel in enumerate(CHANNELS):
            item = QTableWidgetItem(CHANNEL_NAMES[channel])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._table.setItem(row, _CHANNEL, item)
        self._table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        states.addWidget(self._table)
        content.addWidget(states_card)

        chart_card, chart_box, self._chart_summary = _card(
            self._content, self.tr("Opt-outs over the last %Ln month(s)", "", MONTHS), "")
        self._chart_summary.setToolTip(self.tr(
            "Staff turning a client's All or Marketing switch off, and numbers STOP-locked by a "
            "text or from the Needs review queue (one per client on the number). Months are "
            "calendar months in UTC."))
        self._chart_summary.setObjectName("optOutSummary")
        self._staff_set.setObjectName("staffOptOuts")
        self._stop_set.setObjectName("stopLocks")
        self._series.append(self._staff_set)
        self._series.append(self._stop_set)
        self._series.setBarWidth(0.6)
        self._chart.addSeries(self._series)
        self._chart.addAxis(self._month_axis, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self._count_axis, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._month_axis)
        self._series.attachAxis(self._count_axis)
        self._count_axis.setLabelFormat("%d")
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.layout().setContentsMargins(0, 0, 0, 0)
        self._chart_view = QChartView(self._chart, chart_card)
        self._chart_view.setObjectName("optOutChart")
        self._chart_view.setAccessibleName(
            self.tr("Opt-outs per month, last %Ln month(s)", "", MONTHS))
        self._chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart_view.setFrameShape(QFrame.Shape.NoFrame)
        self._chart_view.setMinimumHeight(_CHART_HEIGHT)
        self._style_chart()
        chart_box.addWidget(self._chart_view, 1)
        self._after_stop = AfterStopSection(self._content)
        self._bottom = QHBoxLayout()
        self._bottom.setSpacing(12)
        self._bottom.addWidget(chart_card, 1)
        self._bottom.addWidget(self._after_stop, 1)
        content.addLayout(self._bottom, 1)

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(title_row)
        layout.addWidget(self._message)
        layout.addWidget(self._content, 1)
        layout.addWidget(self._buttons)
        self.resize(980, 680)

    def _connect_signals(self) -> None:
        self._refresh.clicked.connect(self._on_refresh_clicked)
        self._buttons.rejected.connect(self.close)

    # --- public --------------------------------------------------------------------------------

    def reload(self) -> bool:
        """Count everything again as the signed-in staff member; False (with the reason shown)
        when the model layer refused or the database could not be read."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            who = current_staff()
            counts = channel_state_counts(who)
            months = opt_out_months(who, MONTHS)
            after_stop = texts_sent_after_stop(who)
            reach = {channel: audience(channel, MessageKind.CAMPAIGN) for channel in CHANNELS}
            checkpoint = chain_checkpoint()
        except OptInDeskError as error:
            self._message.setText(self.tr("No report: {error}.").format(error=one_line(error)))
            self._message.show()
            self._content.setVisible(bool(self._counts))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._message.hide()
        self._content.show()
        self._counts, self._months, self._audience = counts, months, reach
        self._show_counts()
        self._show_months()
        self._after_stop.show_texts(after_stop)
        # The chart takes the room that "none found" leaves: longer month names fit.
        self._bottom.setStretch(0, 1 if after_stop.count else 3)
        self._bottom.setStretch(1, 1 if after_stop.count else 2)
        # Every report carries the record's checkpoint (R14): the newest event it counts.
        self._as_of.setText(self.tr("As of {time} · checkpoint {checkpoint}…").format(
            time=clock_text(datetime.now().astimezone()), checkpoint=checkpoint[:16]))
        self._as_of.setToolTip(self.tr("Checkpoint of the consent record: {checkpoint}").format(
            checkpoint=checkpoint))
        return True

    def counts(self) -> dict[Channel, dict[ChannelState, int]]:
        """The counts shown, per channel and state."""
        return self._counts

    def months(self) -> list[OptOutMonth]:
        """The opt-outs per month shown in the chart, oldest first."""
        return list(self._months)

    def campaign_audience(self) -> dict[Channel, Audience]:
        """The campaign audience shown for each channel."""
        return dict(self._audience)

    def texts_after_stop(self) -> TextsAfterStop:
        """The texts sent after opt-out shown, and their count (R23)."""
        return self._after_stop.report()

    def chart(self) -> QChart:
        """The opt-out chart."""
        return self._chart

    def message(self) -> str:
        """Why there is no report ('' when there is one)."""
        return self._message.text() if not self._message.isHidden() else ""

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_refresh_clicked(self) -> None:
        self.reload()

    # --- private -------------------------------------------------------------------------------

    def _show_counts(self) -> None:
        total = sum(self._counts[Channel.EMAIL].values())
        self._total.setText(self.tr(
            "%Ln active client(s) (archived clients are not counted). Each client is in one "
            "state per channel; point at a heading for what it means.", "", total))
        for row, channel in enumerate(CHANNELS):
            for column, state in enumerate(CHANNEL_STATES, start=_FIRST_STATE):
                if state is ChannelState.STOP_LOCKED and channel is not Channel.SMS:
                    self._set_cell(row, column, _NOT_APPLICABLE, self.tr(
                        "A STOP lock stops texts only; calls to the same mobile follow their "
                        "own switches"))
                else:
                    self._set_cell(row, column, QLocale().toString(self._counts[channel][state]))
            reach = self._audience[channel]
            self._set_cell(row, _AUDIENCE, QLocale().toString(reach.allowed), bold=True)
            if channel in PHONE_CHANNELS:
                self._set_cell(row, _HELD, QLocale().toString(reach.held), self.tr(
                    "Outside 8 a.m.–9 p.m. where the client is: sent when the quiet hours end "
                    "(R17)"))
            else:
                self._set_cell(row, _HELD, _NOT_APPLICABLE, self.tr("Email has no quiet hours"))
        self._fit_table_height()

    def _show_months(self) -> None:
        self._staff_set.remove(0, self._staff_set.count())
        self._stop_set.remove(0, self._stop_set.count())
        self._staff_set.append([float(entry.by_staff) for entry in self._months])
        self._stop_set.append([float(entry.stop_locks) for entry in self._months])
        self._month_axis.clear()
        self._month_axis.append([month_text(entry.month, "MMM") for entry in self._months])
        peak = max((entry.total for entry in self._months), default=0)
        self._count_axis.setRange(0, max(peak, 4))
        self._count_axis.applyNiceNumbers()
        staff = sum(entry.by_staff for entry in self._months)
        locks = sum(entry.stop_locks for entry in self._months)
        text = self.tr("%Ln opt-out(s) in the last {months} months", "", staff + locks).format(
            months=MONTHS)
        if self._months:
            text = self.tr("{opt_outs} ({first} – {last})").format(
                opt_outs=text, first=month_text(self._months[0].month),
                last=month_text(self._months[-1].month))
        self._chart_summary.setText(self.tr("{opt_outs}: {staff} turned off by staff, {locks}.")
                                    .format(opt_outs=text, staff=QLocale().toString(staff),
                                            locks=self.tr("%Ln STOP lock(s)", "", locks)))

    def _set_cell(self, row: int, column: int, text: str, tip: str = "", *,
                  bold: bool = False) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if tip:
            item.setToolTip(tip)
        if bold:
            font = QFont(self._table.font())
            font.setBold(True)
            item.setFont(font)
        if text == _NOT_APPLICABLE:
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        self._table.setItem(row, column, item)

    def _fit_table_height(self) -> None:
        """The table shows every row and no scroll bar: its height is its rows'."""
        height = (self._table.horizontalHeader().sizeHint().height()
                  + self._table.verticalHeader().length() + 2 * self._table.frameWidth() + 2)
        self._table.setFixedHeight(height)

    def _style_chart(self) -> None:
        """The chart in the palette's colours, light or dark as the desktop is."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
        self._chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark
                             else QChart.ChartTheme.ChartThemeLight)
        # The theme sets every colour; these follow the palette instead.
        self._chart.setBackgroundVisible(False)
        self._chart.setPlotAreaBackgroundVisible(False)
        self._chart_view.setBackgroundBrush(palette.brush(QPalette.ColorRole.Base))
        self._chart.legend().setLabelColor(text)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlphaF(0.5)
        for axis in (self._month_axis, self._count_axis):
            axis.setLabelsColor(text)
            axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))
            axis.setGridLineColor(grid)
        self._month_axis.setGridLineVisible(False)
        # A size smaller than the text: twelve months fit beside the texts sent after opt-out.
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 2.0, 7.0))
        self._month_axis.setLabelsFont(small)
        self._staff_set.setColor(palette.color(QPalette.ColorRole.Highlight))
        self._staff_set.setBorderColor(palette.color(QPalette.ColorRole.Highlight))
        self._stop_set.setColor(_STOP_RED)
        self._stop_set.setBorderColor(_STOP_RED)


def _card(parent: QWidget, title: str, subtitle: str) -> tuple[QFrame, QVBoxLayout, QLabel]:
    """A section card with a title and a muted line under it: the card, its layout, the line."""
    card = QFrame(parent)
    card.setProperty("role", "section")
    box = QVBoxLayout(card)
    box.setContentsMargins(16, 12, 16, 14)
    box.setSpacing(6)
    heading = QLabel(title, card)
    heading.setProperty("role", "sectionTitle")
    line = QLabel(subtitle, card)
    line.setProperty("role", "muted")
    line.setWordWrap(True)
    box.addWidget(heading)
    box.addWidget(line)
    return card, box, line


def _tr(text: str) -> str:
    """A text of this dialog's tables, in the window's language."""
    return QCoreApplication.translate("ReportsDialog", text)
