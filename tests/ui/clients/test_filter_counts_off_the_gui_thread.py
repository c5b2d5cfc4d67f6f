"""The filter bar's counts are counted on a worker thread (DESIGN §6, issue 12): the list
paints and takes keystrokes while they are counted, they appear when they arrive, and a count
that started before a change never shows in place of the count made after it."""

from __future__ import annotations

import threading
from typing import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QLineEdit, QTableView, QToolButton
from pytestqt.qtbot import QtBot

import ui.clients.filter_counter as counter_module
from models.client_list import ClientFilter, filter_counts
from models.consent import set_switch
from models.rules import Channel, Switch
from ui.app_events import app_events
from ui.clients.client_list_model import ClientListModel
from ui.clients.client_list_panel import ClientListPanel

WAIT_S = 10  # a blocked count gives up waiting after this long, so a failing test cannot hang


@pytest.fixture
def clients(add_client) -> dict[str, int]:
    return {
        "dana": add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana@example.com"),
        "priya": add_client("Priya", "Patel", mobile="(212) 555-0142", email="priya@example.com"),
        "omar": add_client("Omar", "Haddad", status="prospect", email="omar@example.com",
                           mobile=None),
    }


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set it to let a held count go on; set in any case when the test ends."""
    event = threading.Event()
    yield event
    event.set()


def _slow_counts(release: threading.Event, started: threading.Event,
                 first: Callable[[dict[ClientFilter, int]], dict[ClientFilter, int]] = dict,
                 ) -> Callable[[], dict[ClientFilter, int]]:
    """`filter_counts` whose first call waits for `release` (in the worker thread), then
    returns what `first` makes of the real counts; later calls count at once."""
    calls: list[int] = []

    def counts() -> dict[ClientFilter, int]:
        calls.append(1)
        if len(calls) == 1:
            started.set()
            release.wait(WAIT_S)
            return first(filter_counts())
        return filter_counts()

    return counts


def _panel(qtbot: QtBot) -> ClientListPanel:
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.resize(560, 600)
    widget.load()
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _button(panel: ClientListPanel, which: ClientFilter) -> QToolButton:
    return panel.findChild(QToolButton, f"filter_{which.value}")


def _names(panel: ClientListPanel) -> list[str]:
    model = panel.model()
    return [model.index(row, ClientListModel.NAME).data() for row in range(model.rowCount())]


def test_s6_the_list_paints_and_takes_keystrokes_before_the_counts_arrive(
        qtbot: QtBot, clients, release: threading.Event,
        monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()
    monkeypatch.setattr(counter_module, "filter_counts", _slow_counts(release, started))
    panel = _panel(qtbot)
    qtbot.waitUntil(started.is_set, timeout=2000)  # the count is running, and held
    assert _names(panel) == ["Omar Haddad", "Priya Patel", "Dana Reyes"]
    assert _button(panel, ClientFilter.ALL).text() == "All"  # no number yet
    search = panel.findChild(QLineEdit, "clientSearch")
    qtbot.keyClicks(search, "pri")
    qtbot.waitUntil(lambda: _names(panel) == ["Priya Patel"], timeout=2000)
    panel.findChild(QTableView, "clientList").viewport().repaint()  # paints now, not blocked
    assert panel.filter_counts() == {} and _button(panel, ClientFilter.ALL).text() == "All"
    release.set()
    qtbot.waitUntil(lambda: _button(panel, ClientFilter.ALL).text() == "All (3)", timeout=5000)
    assert _button(panel, ClientFilter.PROSPECTS).text() == "Prospects (1)"
    assert search.text() == "pri" and _names(panel) == ["Priya Patel"]
    panel.close()
    shiboken6.delete(panel)


def test_s6_a_count_started_before_a_change_never_shows_in_place_of_the_newer_one(
        qtbot: QtBot, clients, staff, release: threading.Event,
        monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()
    stale = {ClientFilter.ANY_OPT_OUT: 999}  # what the count held back would say
    monkeypatch.setattr(counter_module, "filter_counts",
                        _slow_counts(release, started, lambda counts: {**counts, **stale}))
    panel = _panel(qtbot)
    shown: list[dict[ClientFilter, int]] = []
    panel.counts_shown.connect(shown.append)
    qtbot.waitUntil(started.is_set, timeout=2000)
    # While the first count is held, a switch changes: "Any opt-out" is asked for again.
    app_events().data_changed.emit(set_switch(staff["employee"], clients["omar"], Channel.EMAIL,
                                              Switch.ALL, False))
    qtbot.wait(ClientListPanel.COUNTS_DELAY_MS + 200)
    release.set()
    expected = filter_counts()[ClientFilter.ANY_OPT_OUT]
    opt_out = _button(panel, ClientFilter.ANY_OPT_OUT)
    qtbot.waitUntil(lambda: opt_out.text() == f"Any opt-out ({expected})", timeout=5000)
    assert _button(panel, ClientFilter.ALL).text() == "All (3)"  # the held count's others show
    assert all(counts.get(ClientFilter.ANY_OPT_OUT) != 999 for counts in shown)
    assert ClientFilter.ANY_OPT_OUT not in shown[0] and shown[-1] == {
        ClientFilter.ANY_OPT_OUT: expected}
    panel.close()
    shiboken6.delete(panel)


def test_s6_a_count_that_fails_says_so_and_is_asked_for_again(
        qtbot: QtBot, clients, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.errors import StorageError

    attempts: list[int] = []

    def failing_once() -> dict[ClientFilter, int]:
        attempts.append(1)
        if len(attempts) == 1:
            raise StorageError("the database connection was lost: server closed the connection")
        return filter_counts()

    monkeypatch.setattr(counter_module, "filter_counts", failing_once)
    monkeypatch.setattr(ClientListPanel, "RETRY_COUNTS_MS", 100)
    said: list[str] = []
    app_events().status_message.connect(said.append)
    panel = _panel(qtbot)
    qtbot.waitUntil(lambda: _button(panel, ClientFilter.ALL).text() == "All (3)", timeout=5000)
    assert said[:1] == ["Could not count clients: the database connection was lost: server "
                        "closed the connection"]
    assert len(attempts) == 2
    app_events().status_message.disconnect(said.append)
    panel.close()
    shiboken6.delete(panel)


def test_s6_the_counts_pass_keeps_a_small_page_cache(qtbot: QtBot, clients,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """DESIGN §6 (250 MB at a million clients): the worker's pass over every client reads each
    page once, so its connection keeps a small page cache, not the window's 32 MB."""
    from models.db import ONE_PASS_CACHE_KIB, SQLITE_PRAGMAS, database

    seen: list[int] = []

    def counting() -> dict[ClientFilter, int]:
        seen.append(database.execute_sql("PRAGMA cache_size").fetchone()[0])
        return filter_counts()

    monkeypatch.setattr(counter_module, "filter_counts", counting)
    panel = _panel(qtbot)
    qtbot.waitUntil(lambda: _button(panel, ClientFilter.ALL).text() == "All (3)", timeout=5000)
    assert seen == [-ONE_PASS_CACHE_KIB]
    assert database.execute_sql("PRAGMA cache_size").fetchone()[0] == SQLITE_PRAGMAS["cache_size"]
    panel.close()
    shiboken6.delete(panel)
