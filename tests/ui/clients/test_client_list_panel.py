"""ClientListPanel: search as you type (a phone in any format), filters with counts, and the
keyboard: Esc clears, Down goes into the list, Enter opens a client."""

from __future__ import annotations

from typing import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView, QToolButton
from pytestqt.qtbot import QtBot

import ui.clients.client_list_model as list_module
from models.client_list import ClientFilter
from models.consent import set_switch
from models.inbound import inbound_change, process_inbound
from models.review import ReviewAction, resolve_review, review_items
from models.rules import Channel, Switch
from models.staff import reset_pin
from ui.app_events import app_events
from ui.clients.client_list_model import ClientListModel
from ui.clients.client_list_panel import ClientListPanel


@pytest.fixture
def family(add_client) -> dict[str, int]:
    """The Reyes family sharing one mobile, and two clients of their own."""
    return {
        "dana": add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana@example.com"),
        "sam": add_client("Sam", "Reyes", mobile="555-555-0123", email="sam@example.com"),
        "alex": add_client("Alex", "Reyes", status="prospect", email=None,
                           mobile="+1 555 555 0123"),
        "priya": add_client("Priya", "Patel", mobile="(212) 555-0142", email="priya@example.com"),
        "omar": add_client("Omar", "Haddad", status="prospect", email="omar@example.com",
                           mobile=None),
    }


@pytest.fixture
def panel(qtbot: QtBot, family) -> Iterator[ClientListPanel]:
    """The panel, loaded and shown, its counts in place."""
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.resize(560, 600)
    widget.load()
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: len(widget.filter_counts()) == len(ClientFilter), timeout=2000)
    yield widget
    widget.close()
    shiboken6.delete(widget)


def _search(panel: ClientListPanel) -> QLineEdit:
    return panel.findChild(QLineEdit, "clientSearch")


def _table(panel: ClientListPanel) -> QTableView:
    return panel.findChild(QTableView, "clientList")


def _names(panel: ClientListPanel) -> list[str]:
    model = panel.model()
    return [model.index(row, ClientListModel.NAME).data() for row in range(model.rowCount())]


def _filter_button(panel: ClientListPanel, which: ClientFilter) -> QToolButton:
    return panel.findChild(QToolButton, f"filter_{which.value}")


def _type(qtbot: QtBot, panel: ClientListPanel, text: str) -> None:
    search = _search(panel)
    search.clear()
    qtbot.keyClicks(search, text)


@pytest.mark.parametrize("typed", ["555.555.01", "(555) 555-0123", "+1 555 555 0123", "5555550"])
def test_r18_part_of_a_phone_number_in_another_format_finds_the_reyes_family(
        qtbot: QtBot, panel: ClientListPanel, typed: str) -> None:
    _type(qtbot, panel, typed)
    qtbot.waitUntil(lambda: _names(panel) == ["Alex Reyes", "Dana Reyes", "Sam Reyes"],
                    timeout=1000)
    assert panel.findChild(QLabel, "clientCount").text() == "3 clients"


def test_search_finds_names_by_any_word_and_email(qtbot: QtBot, panel: ClientListPanel) -> None:
    _type(qtbot, panel, "pri")
    qtbot.waitUntil(lambda: _names(panel) == ["Priya Patel"], timeout=1000)
    _type(qtbot, panel, "omar@")
    qtbot.waitUntil(lambda: _names(panel) == ["Omar Haddad"], timeout=1000)
    _type(qtbot, panel, "nobody by this name")
    qtbot.waitUntil(lambda: _names(panel) == [], timeout=1000)
    assert panel.findChild(QLabel, "clientCount").text() == "0 clients"


def test_search_is_debounced_one_query_per_pause(qtbot: QtBot, panel: ClientListPanel,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    queries: list[str] = []
    real = list_module.client_ids

    def counting(text="", which=ClientFilter.ALL, **paging):
        queries.append(text)
        return real(text, which, **paging)

    monkeypatch.setattr(list_module, "client_ids", counting)
    _type(qtbot, panel, "Reyes")
    assert queries == []  # typed faster than the debounce
    qtbot.waitUntil(lambda: queries == ["Reyes"], timeout=1000)
    assert len(_names(panel)) == 3


def test_search_box_has_placeholder_clear_button_and_icon(panel: ClientListPanel) -> None:
    search = _search(panel)
    assert search.placeholderText() == "Search name, phone or email"
    assert search.isClearButtonEnabled()
    assert search.actions()  # the search icon


def test_esc_clears_the_search(qtbot: QtBot, panel: ClientListPanel) -> None:
    _type(qtbot, panel, "Patel")
    qtbot.waitUntil(lambda: _names(panel) == ["Priya Patel"], timeout=1000)
    qtbot.keyClick(_search(panel), Qt.Key.Key_Escape)
    assert _search(panel).text() == ""
    assert len(_names(panel)) == 5


def test_down_moves_into_the_list_and_selects_the_first_client(
        qtbot: QtBot, panel: ClientListPanel, family) -> None:
    panel.activateWindow()
    panel.focus_search()
    _type(qtbot, panel, "reyes")
    with qtbot.waitSignal(panel.client_selected, timeout=1000) as selected:
        qtbot.keyClick(_search(panel), Qt.Key.Key_Down)
    assert selected.args == [family["alex"]]
    assert panel.focusWidget() is _table(panel)
    with qtbot.waitSignal(panel.client_selected, timeout=1000) as selected:
        qtbot.keyClick(_table(panel), Qt.Key.Key_Down)
    assert selected.args == [family["dana"]]
    with qtbot.waitSignal(panel.client_activated, timeout=1000) as activated:
        qtbot.keyClick(_table(panel), Qt.Key.Key_Return)
    assert activated.args == [family["dana"]]


def test_enter_in_the_search_opens_the_first_match(qtbot: QtBot, panel: ClientListPanel,
                                                   family) -> None:
    _type(qtbot, panel, "Patel")
    with qtbot.waitSignal(panel.client_activated, timeout=1000) as activated:
        qtbot.keyClick(_search(panel), Qt.Key.Key_Return)  # before the debounce fired
    assert activated.args == [family["priya"]]
    assert panel.selected_client() == family["priya"]


def test_clicking_a_row_selects_that_client(qtbot: QtBot, panel: ClientListPanel,
                                            family) -> None:
    table = _table(panel)
    row = panel.model().row_of(family["omar"])
    rect = table.visualRect(panel.model().index(row, ClientListModel.NAME))
    with qtbot.waitSignal(panel.client_selected, timeout=1000) as selected:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == [family["omar"]]


def test_list_is_single_row_selection_read_only_without_row_numbers(panel: ClientListPanel) -> None:
    table = _table(panel)
    assert table.selectionBehavior() is QTableView.SelectionBehavior.SelectRows
    assert table.selectionMode() is QTableView.SelectionMode.SingleSelection
    assert table.editTriggers() == QTableView.EditTrigger.NoEditTriggers
    assert table.alternatingRowColors()
    assert not table.verticalHeader().isVisible()
    assert table.columnWidth(ClientListModel.NAME) >= table.fontMetrics().horizontalAdvance(
        "Priya Patel")


def test_filters_show_their_counts(panel: ClientListPanel) -> None:
    texts = {which: _filter_button(panel, which).text() for which in ClientFilter}
    assert texts == {
        ClientFilter.ALL: "All (5)", ClientFilter.MEMBERS: "Members (3)",
        ClientFilter.PROSPECTS: "Prospects (2)",
        ClientFilter.ANY_OPT_OUT: f"Any opt-out ({panel.filter_counts()[ClientFilter.ANY_OPT_OUT]})",
        ClientFilter.STOP_LOCKED: "STOP-locked (0)", ClientFilter.NEEDS_REVIEW: "Needs review (0)",
        ClientFilter.ARCHIVED: "Archived (0)",
    }


def test_a_filter_shows_its_clients(qtbot: QtBot, panel: ClientListPanel) -> None:
    qtbot.mouseClick(_filter_button(panel, ClientFilter.PROSPECTS), Qt.MouseButton.LeftButton)
    assert _names(panel) == ["Omar Haddad", "Alex Reyes"]
    assert panel.current_filter() is ClientFilter.PROSPECTS
    _type(qtbot, panel, "reyes")
    qtbot.waitUntil(lambda: _names(panel) == ["Alex Reyes"], timeout=1000)


def test_r6_r10_counts_follow_changes_and_the_review_notice_appears(
        qtbot: QtBot, panel: ClientListPanel) -> None:
    notice = panel.findChild(QPushButton, "openReviewQueue")
    assert not notice.isVisible()
    app_events().data_changed.emit(inbound_change(process_inbound("+15555550123", "STOP",
                                                                  sid="SM1")))
    app_events().data_changed.emit(inbound_change(process_inbound("(212) 555-0142",
                                                                  "please stop texting me",
                                                                  sid="SM2")))
    qtbot.waitUntil(lambda: _filter_button(panel, ClientFilter.NEEDS_REVIEW).text()
                    == "Needs review (1)", timeout=2000)
    assert _filter_button(panel, ClientFilter.STOP_LOCKED).text() == "STOP-locked (3)"
    assert notice.isVisible()
    assert "1 text needs review" in panel.findChild(QLabel, "reviewNotice").text()
    with qtbot.waitSignal(panel.review_queue_requested, timeout=1000):
        qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)


def test_a_switch_change_recounts_only_any_opt_out(qtbot: QtBot, panel: ClientListPanel, staff,
                                                   family, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.clients.filter_counter as counter_module

    asked: list[list[ClientFilter]] = []
    real = counter_module.filter_counts_for

    def counting(filters):
        filters = list(filters)
        asked.append(filters)
        return real(filters)

    monkeypatch.setattr(counter_module, "filter_counts_for", counting)
    before = panel.filter_counts()[ClientFilter.ANY_OPT_OUT]
    app_events().data_changed.emit(set_switch(staff["employee"], family["omar"], Channel.EMAIL,
                                              Switch.ALL, False))
    qtbot.waitUntil(lambda: panel.filter_counts()[ClientFilter.ANY_OPT_OUT] == before + 1,
                    timeout=2000)
    assert asked == [[ClientFilter.ANY_OPT_OUT]]


def test_a_staff_account_change_recounts_no_filter(qtbot: QtBot, panel: ClientListPanel, staff,
                                                  family, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.clients.filter_counter as counter_module

    asked: list[str] = []
    monkeypatch.setattr(counter_module, "filter_counts", lambda: asked.append("all") or {})
    monkeypatch.setattr(counter_module, "filter_counts_for",
                        lambda filters: asked.append("some") or {})
    app_events().data_changed.emit(reset_pin(staff["owner"], staff["employee"].staff_id, "8642"))
    qtbot.wait(ClientListPanel.COUNTS_DELAY_MS + 200)
    assert asked == []


def test_r10_selection_is_kept_when_the_filter_is_queried_again(
        qtbot: QtBot, panel: ClientListPanel, staff, family) -> None:
    process_inbound("(212) 555-0142", "please stop", sid="SM-a")
    process_inbound("(555) 555-0123", "stop sending these please", sid="SM-b")
    panel.set_filter(ClientFilter.NEEDS_REVIEW)
    assert len(_names(panel)) == 4
    assert panel.select_client(family["sam"])
    emitted: list[int] = []
    panel.client_selected.connect(emitted.append)
    priya = next(item for item in review_items() if item.number == "+12125550142")
    app_events().data_changed.emit(resolve_review(staff["employee"], priya.message_id, ReviewAction.DISMISS))
    assert _names(panel) == ["Alex Reyes", "Dana Reyes", "Sam Reyes"]
    assert panel.selected_client() == family["sam"]
    assert emitted == []  # the same client: the profile need not reload from the list


def test_selecting_another_client_after_a_requery_still_emits(qtbot: QtBot, panel: ClientListPanel,
                                                               family) -> None:
    panel.select_client(family["dana"])
    app_events().data_changed.emit(inbound_change(process_inbound("+15555550123", "STOP",
                                                                  sid="SM1")))
    with qtbot.waitSignal(panel.client_selected, timeout=1000) as selected:
        panel.select_client(family["sam"])
    assert selected.args == [family["sam"]]


def test_a_keystroke_with_a_client_selected_reads_only_the_first_ids(
        qtbot: QtBot, panel: ClientListPanel, add_client, monkeypatch) -> None:
    """DESIGN §6: keeping the selection across a keystroke looks among the ids read, never
    reads every id of a broad search (all of "a" at a million clients) to find the client."""
    monkeypatch.setattr(ClientListModel, "FIRST_CHUNK", 3)
    monkeypatch.setattr(ClientListModel, "ID_CHUNK", 3)
    for number in range(60):  # more than the list shows: it reads on only as it scrolls
        add_client("Ann", f"Zed{number:02}", mobile=None, email=None)
    add_client("Ann", "Zzz", mobile=None, email=None)
    qtbot.keyClicks(_search(panel), "ann zzz")
    qtbot.waitUntil(lambda: _names(panel) == ["Ann Zzz"], timeout=2000)
    table = _table(panel)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(0, ClientListModel.NAME)).center())
    assert panel.selected_client() is not None
    for _ in " zzz":
        qtbot.keyClick(_search(panel), Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: _names(panel)[:1] == ["Ann Zed00"], timeout=2000)
    assert not panel.model().is_complete()  # Ann Zzz is last: not read to find her
    assert panel.selected_client() is None


def test_the_count_line_of_a_whole_filter_says_how_many_though_the_list_reads_on(
        qtbot: QtBot, add_client, family, monkeypatch) -> None:
    """A keystroke reads a screenful of ids (issue 12); with no search text the count line still
    says how many clients the filter holds (its count), a search's says "N+" until read whole."""
    monkeypatch.setattr(ClientListModel, "FIRST_CHUNK", 3)
    monkeypatch.setattr(ClientListModel, "ID_CHUNK", 3)
    for number in range(60):
        add_client("Ann", f"Zed{number:02}", mobile=None, email=None)
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.resize(560, 600)
    widget.load()
    widget.show()
    count = widget.findChild(QLabel, "clientCount")
    qtbot.waitUntil(lambda: count.text() == "65 clients", timeout=3000)
    assert not widget.model().is_complete()
    qtbot.keyClicks(_search(widget), "ann")
    qtbot.waitUntil(lambda: count.text().endswith("+ clients"), timeout=2000)
    widget.close()
    shiboken6.delete(widget)


def test_focus_search_selects_its_text(qtbot: QtBot, panel: ClientListPanel) -> None:
    _type(qtbot, panel, "Reyes")
    _table(panel).setFocus()
    panel.focus_search()
    assert QApplication.focusWidget() in (_search(panel), None)  # offscreen may lack focus
    assert panel.focusWidget() is _search(panel)
    assert _search(panel).selectedText() == "Reyes"


def test_a_click_on_a_column_header_sorts_the_list_in_sql(qtbot, db, add_client) -> None:
    """Sorting by a column is the database's work: the model asks client_ids() in that order,
    and the flags column keeps the order shown."""
    from PySide6.QtCore import Qt

    from models.client_list import client_ids
    from ui.clients.client_list_model import ClientListModel
    from ui.clients.client_list_panel import ClientListPanel

    add_client("Zoe", "Adams", email="b@example.com", mobile="+12125550101")
    add_client("Amy", "Young", email="a@example.com", mobile="+12125550109")
    add_client("Max", "Moss", email=None, mobile="+12125550105")
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    panel.load()
    model, header = panel.model(), panel.table().horizontalHeader()

    def names() -> list[str]:
        return [model.client_row(row).name for row in range(model.rowCount())]

    assert names() == ["Zoe Adams", "Max Moss", "Amy Young"]  # by last name
    header.setSortIndicator(ClientListModel.EMAIL, Qt.SortOrder.AscendingOrder)
    assert names() == ["Amy Young", "Zoe Adams", "Max Moss"]  # no email last
    assert [model.client_id_at(r) for r in range(3)] == client_ids(order="email")
    header.setSortIndicator(ClientListModel.MOBILE, Qt.SortOrder.DescendingOrder)
    assert names() == ["Amy Young", "Max Moss", "Zoe Adams"]
    header.setSortIndicator(ClientListModel.FLAGS, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == ClientListModel.MOBILE
    assert names() == ["Amy Young", "Max Moss", "Zoe Adams"]


def test_r19_the_review_banner_counts_the_overdue_texts(qtbot: QtBot, panel: ClientListPanel) -> None:
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc)
    for sid, days in (("SM-a", 40), ("SM-b", 1), ("SM-c", 0)):
        app_events().data_changed.emit(inbound_change(process_inbound(
            "(212) 555-0142", "please stop texting me", sid=sid, at=now - timedelta(days=days))))
    notice = panel.findChild(QLabel, "reviewNotice")
    qtbot.waitUntil(lambda: notice.text() == "3 texts need review — 1 overdue", timeout=2000)
    assert notice.property("state") == "locked"
