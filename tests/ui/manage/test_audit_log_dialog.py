"""The Audit log (R14, R15): every consent event, newest first, read a page at a time; its
filters; CSV export through the model layer's role check; the hash chain check."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from models.audit import EXPORT_COLUMNS, iter_events
from models.consent import set_switch
from models.db import database
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import ConsentEvent
from models.seed import seed
from tests.forger import drop_triggers_of
from ui.app_events import app_events
from ui.manage.audit_log_dialog import AuditLogDialog
from ui.manage.audit_log_model import AuditFilters, AuditLogModel


@pytest.fixture
def record(staff, add_client) -> dict[str, int]:
    """A small record: two clients, staff changes, a STOP from a provider's log last year."""
    dana = add_client("Dana", "Reyes", mobile="+12125550101")
    leah = add_client("Leah", "Nguyen", email="leah@example.com", mobile="+12125550102")
    set_switch(staff["manager"], leah, Channel.SMS, Switch.MARKETING, True, method="signed_form",
               note="signed at the desk")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    process_inbound("+12125550101", "STOP", sid="SM-old",
                    at=datetime(2025, 3, 1, 15, 0, tzinfo=timezone.utc))
    return {"dana": dana, "leah": leah}


@pytest.fixture
def big_record(staff) -> int:
    """Three hundred synthetic clients with their history: a few thousand events."""
    seed(300)
    return ConsentEvent.select().count()


@pytest.fixture
def open_dialog(open_as) -> Callable[..., AuditLogDialog]:
    """Open the dialog signed in as a staff member of `role`."""
    def make(role: str = "manager", **kwargs) -> AuditLogDialog:
        return open_as(AuditLogDialog, role, **kwargs)

    return make


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Answer the Save dialog with a file in the test's folder."""
    target = tmp_path / "exports" / "audit.csv"
    target.parent.mkdir()
    monkeypatch.setattr(AuditLogDialog, "ask_save_path",
                        classmethod(lambda cls, parent, title, suggested: str(target)))
    return target


def _column(model: AuditLogModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _ids(model: AuditLogModel) -> list[int]:
    return [model.event_id(row) for row in range(model.rowCount())]


# --- the model ------------------------------------------------------------------------------------

@pytest.fixture
def make_model() -> Iterator:
    """Models made by a test, deleted after it (they listen to the app-wide data_changed).
    Ask for it before qtmodeltester, so that the tester lets go of them first."""
    made: list[AuditLogModel] = []

    def make(filters: AuditFilters | None = None) -> AuditLogModel:
        made.append(AuditLogModel(filters=filters))
        return made[-1]

    yield make
    for model in made:
        shiboken6.delete(model)


def test_audit_log_model_passes_qtmodeltester(make_model, qtmodeltester, big_record: int) -> None:
    model = make_model()
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)


def test_empty_and_filtered_models_pass_qtmodeltester(make_model, qtmodeltester, record) -> None:
    for filters in (AuditFilters(text="nobody by this name"), AuditFilters(source="staff")):
        qtmodeltester.check(make_model(filters), force_py=True)


def test_lazy_the_log_reads_a_page_at_a_time(qtbot: QtBot, open_dialog, big_record: int) -> None:
    dialog = open_dialog()
    model = dialog.model()
    assert big_record > 3 * model.PAGE_SIZE
    # Shown, the view asked for what fills it: the first page only, not the whole record.
    assert model.rowCount() == model.PAGE_SIZE and model.pages_fetched() == 1
    assert not model.all_loaded()
    assert f"newest 200 of {big_record:,}" in dialog.summary_text()
    table = dialog.findChild(QTableView, "auditTable")
    table.scrollToBottom()  # the view fetches the next page as it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() == 2 * model.PAGE_SIZE, timeout=2000)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    keys = [(e.at, e.id) for e in iter_events(newest_first=True)]
    assert _ids(model) == [event_id for _, event_id in keys]  # all of it, in order, once
    assert model.all_loaded() and dialog.summary_text() == f"{big_record:,} events in the record."


def test_rows_say_when_client_who_what_and_why(open_dialog, record) -> None:
    model = open_dialog().model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "When", "Client", "Who", "What", "Why"]
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    signed = next(row for row in rows if row[3] == "SMS – Marketing: off → on")
    assert signed[1:] == ["Leah Nguyen", "Mona Manager", "SMS – Marketing: off → on",
                          "Staff · Signed form · “signed at the desk”"]
    # The STOP texted last year sorts by when it happened: last.
    assert [row[1:4] for row in rows[-2:]] == [
        ["Dana Reyes", "(212) 555-0101", "SMS – All: on → off"],
        ["Dana Reyes", "(212) 555-0101", "STOP lock: on"]]
    assert rows[-1][0].startswith("Mar 1, 2025")
    staff_added = next(row for row in rows if row[3] == "Staff account added: Eli Employee (employee)")
    assert staff_added[1] == "" and staff_added[2] == "Olive Owner"
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Event {model.event_id(0)} ·")


# --- filters --------------------------------------------------------------------------------------

def test_text_filter_narrows_to_a_client_a_staff_member_or_a_note(qtbot: QtBot, open_dialog,
                                                                  record) -> None:
    dialog = open_dialog()
    everything = dialog.model().rowCount()
    search = dialog.findChild(QLineEdit, "auditSearch")
    qtbot.keyClicks(search, "nguyen")
    qtbot.waitUntil(lambda: dialog.filters().text == "nguyen", timeout=2000)  # after a pause
    assert 0 < dialog.model().rowCount() < everything
    assert set(_column(dialog.model(), AuditLogModel.CLIENT)) == {"Leah Nguyen"}
    search.setText("at the desk")
    dialog.apply_filters()
    assert _column(dialog.model(), AuditLogModel.WHAT) == ["SMS – Marketing: off → on"]
    assert dialog.summary_text() == "1 event matches."


def test_a_number_typed_any_way_finds_its_events(open_dialog, record) -> None:
    dialog = open_dialog()
    dialog.findChild(QLineEdit, "auditSearch").setText("(212) 555-0101")
    dialog.apply_filters()
    assert dialog.filters().text == "+12125550101"
    assert "SMS – All: on → off" in _column(dialog.model(), AuditLogModel.WHAT)
    assert set(_column(dialog.model(), AuditLogModel.CLIENT)) == {"Dana Reyes"}
    dialog.findChild(QLineEdit, "auditSearch").setText("555-0101")  # part of a number
    dialog.apply_filters()
    assert dialog.filters().text == "5550101"
    assert set(_column(dialog.model(), AuditLogModel.CLIENT)) == {"Dana Reyes"}


def test_source_filter(open_dialog, record) -> None:
    dialog = open_dialog()
    source = dialog.findChild(QComboBox, "auditSource")
    assert [source.itemText(i) for i in range(source.count())] == [
        "All sources", "Staff", "Client keyword", "Import", "Needs review queue"]
    source.setCurrentIndex(source.findData("client_keyword"))
    assert dialog.filters().source == "client_keyword"
    whys = set(_column(dialog.model(), AuditLogModel.WHY))
    assert whys == {'Client texted "STOP"'} and dialog.model().rowCount() == 2


def test_date_filter(open_dialog, record) -> None:
    dialog = open_dialog()
    everything = dialog.model().rowCount()
    period = dialog.findChild(QComboBox, "auditPeriod")
    period.setCurrentIndex(period.findData("30d"))
    assert dialog.model().rowCount() == everything - 2  # last year's STOP and its lock event
    edit_from = dialog.findChild(QDateEdit, "auditFrom")
    edit_to = dialog.findChild(QDateEdit, "auditTo")
    assert not edit_from.isVisibleTo(dialog)
    period.setCurrentIndex(period.findData("between"))
    assert edit_from.isVisibleTo(dialog) and edit_to.isVisibleTo(dialog)
    edit_to.setDate(QDate(2025, 3, 31))
    edit_from.setDate(QDate(2025, 3, 1))
    assert dialog.model().rowCount() == 2
    assert set(_column(dialog.model(), AuditLogModel.WHO)) == {"(212) 555-0101"}
    edit_from.setDate(QDate(2025, 4, 1))  # after "to": "to" follows
    assert edit_to.date() == QDate(2025, 4, 1) and dialog.model().rowCount() == 0
    period.setCurrentIndex(period.findData("any"))
    assert dialog.model().rowCount() == everything and dialog.filters().since is None


def test_client_filter_when_opened_for_one_client(qtbot: QtBot, open_dialog, record) -> None:
    dialog = open_dialog(client_id=record["leah"], client_name="Leah Nguyen")
    assert dialog.findChild(QLabel, "auditClient").text() == "Client: Leah Nguyen"
    assert set(_column(dialog.model(), AuditLogModel.CLIENT)) == {"Leah Nguyen"}
    assert "Leah Nguyen" in dialog.windowTitle()
    qtbot.mouseClick(dialog.findChild(QToolButton, "clearClientFilter"), Qt.MouseButton.LeftButton)
    assert dialog.filters().client_id is None
    assert {"Dana Reyes", "Leah Nguyen"} <= set(_column(dialog.model(), AuditLogModel.CLIENT))
    assert not dialog.findChild(QLabel, "auditClient").isVisible()


# --- export and verify ----------------------------------------------------------------------------

def test_export_writes_the_filtered_events_as_csv(open_dialog, record, save_to: Path) -> None:
    dialog = open_dialog("manager")
    dialog.findChild(QLineEdit, "auditSearch").setText("nguyen")
    count = dialog.export_csv()
    with save_to.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows.pop()["event_id"] == "checkpoint"  # the last line (R14)
    assert count == len(rows) == dialog.model().rowCount()
    assert {row["client_name"] for row in rows} == {"Leah Nguyen"}
    assert dialog.result_text() == f"Exported {count} events to audit.csv."
    assert dialog.findChild(QLabel, "auditResult").isVisible()


def test_r15_an_employee_is_refused_export_by_the_model_layer(open_dialog, record,
                                                               save_to: Path) -> None:
    dialog = open_dialog("employee")
    assert dialog.export_csv() is None
    assert "only a manager or owner can do this" in dialog.result_text()
    assert list(save_to.parent.iterdir()) == []


def test_cancelling_the_save_dialog_exports_nothing(open_dialog, record, monkeypatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setattr(AuditLogDialog, "ask_save_path", classmethod(lambda *args: ""))
    dialog = open_dialog("owner")
    assert dialog.export_csv() is None and dialog.result_text() == ""


def test_verify_record_says_intact_with_the_count(open_dialog, record) -> None:
    dialog = open_dialog()
    check = dialog.verify_record()
    total = ConsentEvent.select().count()
    assert check.ok and dialog.result_text().startswith(f"Intact: {total} events.")


def test_verify_record_names_the_first_bad_event(open_dialog, record) -> None:
    dialog = open_dialog()
    bad = ConsentEvent.select().order_by(ConsentEvent.id).offset(3).get().id
    drop_triggers_of(database)  # a forger with the owner's access (R14)
    database.execute_sql(f"UPDATE consent_event SET note = 'edited' WHERE id = {database.param}", (bad,))
    check = dialog.verify_record()
    assert not check.ok and check.bad_event_id == bad
    assert f"broken at event {bad}" in dialog.result_text()
    assert dialog.findChild(QTableView, "auditTable").currentIndex().row() == \
        dialog.model().row_of(bad)


# --- live -----------------------------------------------------------------------------------------

def test_r16_new_events_appear_in_their_place(qtbot: QtBot, open_dialog, record, staff) -> None:
    dialog = open_dialog()
    model = dialog.model()
    before = model.rowCount()
    change = set_switch(staff["employee"], record["leah"], Channel.VOICE, Switch.ALL, False)
    app_events().data_changed.emit(change)
    assert model.rowCount() == before + 1
    assert model.index(0, AuditLogModel.WHAT).data() == "Phone calls – All: on → off"
    # A text from a provider's log, recorded at the time it was sent, goes where that time is.
    old = process_inbound("+12125550102", "HELP", sid="SM-help",
                          at=datetime.now(timezone.utc) - timedelta(days=400))
    assert old.action == "help"  # writes no event: nothing to add
    app_events().data_changed.emit(change)
    assert model.rowCount() == before + 1
    period = dialog.findChild(QComboBox, "auditPeriod")
    period.setCurrentIndex(period.findData("today"))
    today = date.today()
    assert all(str(today.day) in when for when in _column(model, AuditLogModel.WHEN))
