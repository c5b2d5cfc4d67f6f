"""ClientListModel: an id list from one query, display rows a page at a time (STYLE §9),
redrawn or re-queried on app-wide changes."""

from __future__ import annotations

from typing import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

import ui.clients.client_list_model as list_module
from models import seed
from models.changes import Change, Touched
from models.client_list import ClientFilter, client_ids
from models.consent import set_switch
from models.inbound import inbound_change, process_inbound
from models.rules import Channel, Switch
from ui.app_events import app_events
from ui.clients.client_list_model import ClientListModel

ID = ClientListModel.ClientIdRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def model(qtbot: QtBot) -> Iterator[ClientListModel]:
    """A model (deleted at the end, so it stops listening to app_events)."""
    instance = ClientListModel()
    yield instance
    shiboken6.delete(instance)


@pytest.fixture
def page_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Every call of client_rows the model makes, with the ids it asked for."""
    calls: list[list[int]] = []
    real = list_module.client_rows

    def counting(ids):
        calls.append(list(ids))
        return real(ids)

    monkeypatch.setattr(list_module, "client_rows", counting)
    return calls


@pytest.fixture
def family(add_client) -> dict[str, int]:
    """The Reyes family sharing one mobile, and a client of their own."""
    return {
        "dana": add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana@example.com"),
        "sam": add_client("Sam", "Reyes", mobile="555-555-0123", email="sam@example.com"),
        "alex": add_client("Alex", "Reyes", status="prospect", email=None,
                           mobile="+1 555 555 0123"),
        "priya": add_client("Priya", "Patel", mobile="(212) 555-0142", email=None,
                            home_phone="(212) 555-0199"),
    }


def _column(model: ClientListModel, column: int, role: int = DISPLAY) -> list:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_passes_qtmodeltester_empty_and_full(qtmodeltester, model: ClientListModel,
                                             family) -> None:
    qtmodeltester.check(model)
    model.set_query("", ClientFilter.ALL)
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    model.set_query("reyes", ClientFilter.ALL)
    qtmodeltester.check(model)


def test_shows_name_status_mobile_email_in_sql_order(model: ClientListModel, family) -> None:
    model.set_query("", ClientFilter.ALL)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] \
        == ["", "Name", "Status", "Mobile", "Email"]
    assert _column(model, ClientListModel.NAME) == ["Priya Patel", "Alex Reyes", "Dana Reyes",
                                                    "Sam Reyes"]
    assert _column(model, ClientListModel.STATUS) == ["Member", "Prospect", "Member", "Member"]
    assert _column(model, ClientListModel.MOBILE) == ["(212) 555-0142"] + ["(555) 555-0123"] * 3
    assert _column(model, ClientListModel.EMAIL) == ["", "", "dana@example.com", "sam@example.com"]
    assert _column(model, ClientListModel.NAME, ID) == [family["priya"], family["alex"],
                                                        family["dana"], family["sam"]]
    assert model.row_of(family["sam"]) == 3 and model.client_id_at(3) == family["sam"]


@pytest.fixture
def whole_chunk_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A keystroke reads the first ID_CHUNK ids, not a screenful: the paging of display rows
    is what these tests look at."""
    monkeypatch.setattr(ClientListModel, "FIRST_CHUNK", ClientListModel.ID_CHUNK)


def test_holds_ids_only_and_fetches_rows_a_page_at_a_time(db, model: ClientListModel,
                                                          page_calls, whole_chunk_first) -> None:
    seed.seed(1000)
    model.set_query("", ClientFilter.ALL)
    total = model.rowCount()
    assert total == len(client_ids()) > 3 * ClientListModel.PAGE_SIZE
    assert page_calls == []  # nothing fetched until a row is asked for

    assert model.index(0, ClientListModel.NAME).data()
    assert len(page_calls) == 1 and len(page_calls[0]) == ClientListModel.PAGE_SIZE
    for row in range(ClientListModel.PAGE_SIZE):  # the whole first page: no further query
        model.index(row, ClientListModel.EMAIL).data()
    assert len(page_calls) == 1

    model.index(total - 1, ClientListModel.NAME).data()
    assert len(page_calls) == 2
    assert page_calls[1] == client_ids()[(total - 1) // ClientListModel.PAGE_SIZE
                                         * ClientListModel.PAGE_SIZE:]


def test_a_view_fetches_only_the_pages_it_shows(qtbot: QtBot, db, model: ClientListModel,
                                                page_calls, whole_chunk_first) -> None:
    seed.seed(1000)
    model.set_query("", ClientFilter.ALL)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: len(page_calls) == 1, timeout=1000)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: len(page_calls) == 2, timeout=1000)
    qtbot.wait(50)
    assert len(page_calls) == 2
    fetched = sum(len(ids) for ids in page_calls)
    assert fetched < model.rowCount() / 2


def test_keeps_a_small_lru_cache_of_pages(db, model: ClientListModel, page_calls,
                                          monkeypatch: pytest.MonkeyPatch,
                                          whole_chunk_first) -> None:
    seed.seed(200)
    monkeypatch.setattr(ClientListModel, "PAGE_SIZE", 10)
    monkeypatch.setattr(ClientListModel, "MAX_CACHED_PAGES", 3)
    model.set_query("", ClientFilter.ALL)
    for page in (0, 1, 2):
        model.index(page * 10, 1).data()
    model.index(0, 1).data()  # page 0 is now the most recently used
    model.index(30, 1).data()  # page 3 evicts page 1, the least recently used
    assert model.cached_pages() == (2, 0, 3)
    assert len(page_calls) == 4
    model.index(15, 1).data()
    assert len(page_calls) == 5


def test_r7_stop_redraws_the_cached_page_with_the_lock(qtbot: QtBot, model: ClientListModel,
                                                       family, page_calls) -> None:
    model.set_query("", ClientFilter.ALL)
    dana = model.row_of(family["dana"])
    assert model.index(dana, ClientListModel.FLAGS).data() == ""
    calls = len(page_calls)
    result = process_inbound("+15555550123", "STOP", sid="SM-stop")
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        app_events().data_changed.emit(inbound_change(result))
    assert model.rowCount() == 4  # "All" does not depend on consent: no re-query, no reset
    assert model.index(dana, ClientListModel.FLAGS).data() == "STOP"
    assert "STOP-locked" in model.index(dana, ClientListModel.FLAGS).data(
        Qt.ItemDataRole.ToolTipRole)
    assert model.index(dana, ClientListModel.FLAGS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert len(page_calls) == calls + 1


def test_r7_stop_locked_filter_is_queried_again_when_a_number_is_locked(
        qtbot: QtBot, model: ClientListModel, family) -> None:
    model.set_query("", ClientFilter.STOP_LOCKED)
    assert model.rowCount() == 0
    result = process_inbound("(555) 555-0123", "Stop", sid="SM-stop")
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        app_events().data_changed.emit(inbound_change(result))
    assert sorted(_column(model, ClientListModel.NAME, ID)) == sorted(
        [family["dana"], family["sam"], family["alex"]])


def test_r10_needs_review_filter_follows_the_queue(qtbot: QtBot, model: ClientListModel,
                                                   family) -> None:
    model.set_query("", ClientFilter.NEEDS_REVIEW)
    result = process_inbound("(212) 555-0142", "please stop texting me", sid="SM-review")
    app_events().data_changed.emit(inbound_change(result))
    assert _column(model, ClientListModel.NAME, ID) == [family["priya"]]
    assert _column(model, ClientListModel.FLAGS) == ["Review"]


def test_a_switch_change_elsewhere_in_the_list_fetches_nothing_else(
        model: ClientListModel, family, staff, page_calls) -> None:
    model.set_query("", ClientFilter.ALL)
    model.index(0, 1).data()
    calls = len(page_calls)
    app_events().data_changed.emit(Change(Touched.CLIENT_AI, client_ids=(family["dana"],)))
    app_events().data_changed.emit(Change(Touched.STUDIO))
    model.index(0, 1).data()
    assert len(page_calls) == calls
    change = set_switch(staff["employee"], family["priya"], Channel.SMS, Switch.ALL, False)
    app_events().data_changed.emit(change)
    assert model.index(0, ClientListModel.FLAGS).data(Qt.ItemDataRole.ToolTipRole) \
        == "Opted out of some contact"
    assert len(page_calls) == calls + 1


def test_a_new_client_appears_after_a_client_change(model: ClientListModel, family,
                                                    add_client) -> None:
    model.set_query("re", ClientFilter.ALL)
    assert model.rowCount() == 3
    new = add_client("Rena", "Adams", email="rena@example.com", mobile=None)
    app_events().data_changed.emit(Change(Touched.CLIENTS, client_ids=(new,)))
    assert model.rowCount() == 4 and model.client_id_at(0) == new


def test_ids_are_read_a_chunk_at_a_time_and_the_view_fetches_more(
        model: ClientListModel, monkeypatch: pytest.MonkeyPatch, qtmodeltester, db) -> None:
    """A keystroke reads only the first chunk of ids; fetchMore() reads the rest (DESIGN §6)."""
    seed.seed(23, rng_seed=5)
    everyone = client_ids()
    monkeypatch.setattr(ClientListModel, "ID_CHUNK", 10)
    model.set_query("")
    assert model.rowCount() == 10 and not model.is_complete() and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20 and model.canFetchMore()
    model.fetchMore()
    assert model.is_complete() and not model.canFetchMore()
    assert [model.client_id_at(row) for row in range(model.rowCount())] == everyone
    qtmodeltester.check(model, force_py=True)


def test_asking_for_a_client_beyond_the_chunk_reads_the_rest(
        model: ClientListModel, monkeypatch: pytest.MonkeyPatch, db) -> None:
    seed.seed(23, rng_seed=5)
    everyone = client_ids()
    monkeypatch.setattr(ClientListModel, "ID_CHUNK", 10)
    model.set_query("")
    assert model.row_of(everyone[-1]) == len(everyone) - 1
    assert model.is_complete() and model.rowCount() == len(everyone)


def test_a_keystroke_reads_a_screenful_of_ids_and_scrolling_reads_the_rest(
        model: ClientListModel, monkeypatch: pytest.MonkeyPatch, db) -> None:
    """Issue 12: a search that matches one client in a hundred walks a hundred rows per id it
    reads, so a keystroke reads FIRST_CHUNK ids; fetchMore() goes on, each step as many as the
    list holds, at most ID_CHUNK."""
    seed.seed(60, rng_seed=5)
    everyone = client_ids()
    monkeypatch.setattr(ClientListModel, "FIRST_CHUNK", 7)
    monkeypatch.setattr(ClientListModel, "ID_CHUNK", 20)
    model.set_query("")
    assert model.rowCount() == 7 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 14
    model.fetchMore()
    assert model.rowCount() == 28
    model.fetchMore()
    assert model.rowCount() == 48
    while model.canFetchMore():
        model.fetchMore()
    assert [model.client_id_at(row) for row in range(model.rowCount())] == everyone


def test_every_cell_answers_from_the_row_built_once(model: ClientListModel, db, page_calls,
                                                    family) -> None:
    """The view asks about ten roles of each cell it paints: the page is read once, and a
    change of a client's row is shown after the cache forgets it."""
    model.set_query("", ClientFilter.ALL)
    for _ in range(3):
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                for role in range(0, 14):
                    model.index(row, column).data(role)
    assert len(page_calls) == 1
    assert model.index(0, ClientListModel.NAME).data(Qt.ItemDataRole.SizeHintRole) is None
    assert model.data(QModelIndex()) is None


def test_the_list_writes_a_number_as_display_phone_does() -> None:
    """The list's quick way with North American numbers gives what phonenumbers gives."""
    import random

    from models.phones import display_phone
    from ui.clients.client_list_model import shown_phone

    rng = random.Random(12)
    numbers = ["+1" + "".join(rng.choice("0123456789") for _ in range(10)) for _ in range(3000)]
    numbers += ["+12125550123", "+15555550123", "+442071838750", "+1212555012", None, ""]
    for number in numbers:
        assert shown_phone(number) == display_phone(number), number


def _comparable(value: object) -> object:
    """A value as a test compares it: an icon by its cache key (QIcon has no ==)."""
    from PySide6.QtGui import QIcon

    return ("icon", value.cacheKey()) if isinstance(value, QIcon) else value


def test_r7_a_painted_cell_answers_as_data_does(model: ClientListModel, family) -> None:
    """The view's delegate asks a cell's roles in one multiData() call (issue 12): each role
    answers as data() does, the STOP lock's word, icon and colour included (R7)."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    process_inbound("+15555550123", "STOP", sid="SM-stop")
    model.set_query("")
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
             Qt.ItemDataRole.CheckStateRole, ClientListModel.ClientIdRole)
    locked = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                item = QModelRoleData(role)
                item.setData("left over from another cell")
                index.multiData(QModelRoleDataSpan(item))
                assert _comparable(item.data()) == _comparable(index.data(role)), (row, column, role)
            locked += index.data() == "STOP"
    assert locked == 3  # Dana, Sam and Alex share the locked mobile
    assert model.index(model.rowCount(), 0).isValid() is False
