"""Reports (R15): clients per channel and state, the campaign audience, opt-outs over time as
a chart in the palette's colours; refused below manager by the model layer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QStackedBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableWidget, QTreeWidget
from pytestqt.qtbot import QtBot

from models.consent import audience, set_switch
from models.inbound import process_inbound
from models.message_log import import_messages
from models.reports import (
    CHANNEL_STATES,
    ChannelState,
    channel_state_counts,
    opt_out_months,
)
from models.rules import CHANNELS, Channel, MessageKind, Switch
from ui.manage.after_stop_section import AfterStopSection
from ui.manage.reports_dialog import ReportsDialog

AUDIENCE_COLUMN = 1 + len(CHANNEL_STATES)


@pytest.fixture
def studio(staff, add_client) -> dict[str, int]:
    dana = add_client("Dana", "Reyes", mobile="+12125550101")
    leah = add_client("Leah", "Nguyen", email="leah@example.com", mobile="+12125550102",
                      home_phone="+12125550199")
    add_client("Omar", "Haddad", email="omar@example.com", mobile=None)
    set_switch(staff["employee"], leah, Channel.SMS, Switch.MARKETING, True, method="in_person")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    process_inbound("+12125550101", "STOP", sid="SM-1")
    return {"dana": dana, "leah": leah}


@pytest.fixture
def open_dialog(open_as) -> Callable[..., ReportsDialog]:
    """Open the dialog signed in as a staff member of `role`."""
    def make(role: str = "manager") -> ReportsDialog:
        return open_as(ReportsDialog, role)

    return make


def _table(dialog: ReportsDialog) -> list[list[str]]:
    table = dialog.findChild(QTableWidget, "channelStateTable")
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_table_counts_each_channel_by_state(open_dialog, studio, staff) -> None:
    dialog = open_dialog("manager")
    assert dialog.objectName() == "reports"
    table = dialog.findChild(QTableWidget, "channelStateTable")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[:6] == ["Channel", "No address", "All off", "STOP-locked", "Marketing off",
                           "Marketing on"]
    assert headers[6] == "Campaign\naudience now"
    counts = channel_state_counts(staff["manager"])
    rows = _table(dialog)
    assert [row[0] for row in rows] == ["Email", "SMS", "Phone calls", "Home phone"]
    for row, channel in zip(rows, CHANNELS):
        for column, state in enumerate(CHANNEL_STATES, start=1):
            if state is ChannelState.STOP_LOCKED and channel is not Channel.SMS:
                assert row[column] == "—"  # a STOP lock concerns texts only (R6)
            else:
                assert row[column] == f"{counts[channel][state]:,}"
    assert rows[1][1:6] == ["1", "0", "1", "0", "1"]  # SMS: Omar, —, Dana locked, —, Leah
    assert dialog.counts() == counts
    assert "3 active clients" in dialog.findChild(QLabel, "reportsTotal").text()


def test_campaign_audience_now_per_channel(open_dialog, studio) -> None:
    dialog = open_dialog("owner")
    rows = _table(dialog)
    for row, channel in zip(rows, CHANNELS):
        expected = audience(channel, MessageKind.CAMPAIGN)
        shown = dialog.campaign_audience()[channel]
        # Counted a moment apart: quiet hours may have begun in between, never the total.
        assert shown.allowed + shown.held == expected.allowed + expected.held
        assert row[AUDIENCE_COLUMN] == f"{shown.allowed:,}"
    assert rows[0][AUDIENCE_COLUMN] == "2" and rows[0][AUDIENCE_COLUMN + 1] == "—"  # email


def test_opt_outs_chart_shows_twelve_months(open_dialog, studio, staff) -> None:
    dialog = open_dialog()
    view = dialog.findChild(QChartView, "optOutChart")
    chart = view.chart()
    assert chart is dialog.chart()
    series = chart.series()[0]
    assert isinstance(series, QStackedBarSeries)
    staff_set, stop_set = series.barSets()
    months = opt_out_months(staff["manager"])
    assert [int(staff_set.at(i)) for i in range(12)] == [m.by_staff for m in months]
    assert [int(stop_set.at(i)) for i in range(12)] == [m.stop_locks for m in months]
    assert (months[-1].by_staff, months[-1].stop_locks) == (1, 1)
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    first, last = (datetime.strptime(m.month, "%Y-%m") for m in (months[0], months[-1]))
    assert axis.count() == 12 and axis.categories()[-1] == f"{last:%b}"
    summary = dialog.findChild(QLabel, "optOutSummary").text()
    assert summary == (f"2 opt-outs in the last 12 months ({first:%b %Y} – {last:%b %Y}): "
                       "1 turned off by staff, 1 STOP lock.")


def test_refresh_counts_again(qtbot: QtBot, open_dialog, studio, staff) -> None:
    dialog = open_dialog()
    process_inbound("+12125550102", "STOP", sid="SM-2")
    assert dialog.months()[-1].stop_locks == 1
    assert dialog.reload()
    assert dialog.months()[-1].stop_locks == 2
    assert _table(dialog)[1][3] == "2"


def test_r14_the_report_carries_the_checkpoint_of_the_record_it_counted(open_dialog, studio) -> None:
    from models.audit import chain_checkpoint

    dialog = open_dialog()
    as_of = dialog.findChild(QLabel, "reportsAsOf")
    assert as_of.toolTip() == f"Checkpoint of the consent record: {chain_checkpoint()}"
    assert chain_checkpoint()[:16] in as_of.text()
    process_inbound("+12125550102", "STOP", sid="SM-cp")
    assert dialog.reload() and as_of.toolTip().endswith(chain_checkpoint())


def test_r15_an_employee_gets_no_report(open_dialog, studio) -> None:
    dialog = open_dialog("employee")
    assert "only a manager or owner can do this" in dialog.message()
    assert dialog.findChild(QLabel, "reportsMessage").isVisible()
    assert not dialog.findChild(QTableWidget, "channelStateTable").isVisible()
    assert dialog.counts() == {}


def test_chart_colours_follow_the_palette(qtbot: QtBot, open_dialog, studio) -> None:
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#17181a"), (QPalette.ColorRole.Highlight, "#4c8df6")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        dialog = open_dialog()
        chart = dialog.chart()
        assert chart.theme() == QChart.ChartTheme.ChartThemeDark
        staff_set = chart.series()[0].barSets()[0]
        assert staff_set.color() == QColor("#4c8df6")
        assert chart.legend().labelColor() == QColor("#e8eaed")
    finally:
        app.setPalette(light)
    light_dialog = open_dialog()
    assert light_dialog.chart().theme() == QChart.ChartTheme.ChartThemeLight


# --- texts sent after opt-out (R23) -------------------------------------------------------------

def _import_texts_after_stop(tmp_path, rows: list[tuple[str, str, int, str]]) -> None:
    """A message log of texts from the studio: (number, body, minutes after now - 1 day, id)."""
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=1)
    lines = ["From,To,Body,Status,SentDate,Direction,Sid"] + [
        f"+15550001111,{number},{body},delivered,{(start + timedelta(minutes=m)).isoformat()},outbound-api,{sid}"
        for number, body, m, sid in rows]
    log = tmp_path / "log.csv"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_messages(log)


def test_r23_reports_show_the_texts_sent_after_opt_out_with_their_count(
        qtbot: QtBot, open_dialog, studio, tmp_path) -> None:
    # Leah's number texted STOP a day ago; these texts came after it.
    process_inbound("+12125550102", "STOP", sid="SM-early",
                    at=datetime.now(timezone.utc) - timedelta(days=1, minutes=1))
    _import_texts_after_stop(tmp_path, [("+12125550102", "Flash sale today", 0, "SM-a"),
                                        ("+12125550102", "Reminder: class at 6", 30, "SM-b")])
    dialog = open_dialog("manager")
    section = dialog.findChild(AfterStopSection, "afterStopSection")
    assert section.isVisible()
    # The first text within 5 minutes of that STOP was its confirmation: one after opt-out.
    assert dialog.texts_after_stop().count == 1
    assert section.count_text() == "1 text was sent after the client texted STOP."
    assert section.empty_text() == ""
    (row,) = section.rows()
    assert row[0] == "(212) 555-0102\nLeah Nguyen" and row[2:] == ["Reminder: class at 6", "delivered"]
    assert dialog.findChild(QTreeWidget, "afterStopList").isVisible()

    _import_texts_after_stop(tmp_path, [("+12125550102", "Last chance", 40, "SM-c")])
    qtbot.mouseClick(dialog.findChild(QPushButton, "refreshReports"), Qt.MouseButton.LeftButton)
    assert section.count_text() == "2 texts were sent after the client texted STOP."
    assert [r[2] for r in section.rows()] == ["Last chance", "Reminder: class at 6"]  # newest first


def test_r23_reports_say_when_no_text_was_sent_after_opt_out(open_dialog, studio) -> None:
    dialog = open_dialog("owner")
    section = dialog.findChild(AfterStopSection, "afterStopSection")
    assert section.empty_text() == "None found: no text went to a number after it texted STOP."
    assert dialog.findChild(QLabel, "afterStopEmpty").isVisible()
    assert not dialog.findChild(QTreeWidget, "afterStopList").isVisible()
    assert section.rows() == [] and section.count_text() == ""


def test_r23_r15_an_employee_sees_no_texts_sent_after_opt_out(open_dialog, studio) -> None:
    dialog = open_dialog("employee")
    assert not dialog.findChild(AfterStopSection, "afterStopSection").isVisible()
    assert dialog.texts_after_stop().count == 0
