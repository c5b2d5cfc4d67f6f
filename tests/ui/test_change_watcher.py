"""ChangeWatcher (R16): changes made elsewhere become one app-wide data_changed; this window's
own changes do not come back; a database that cannot be reached is said, not crashed on."""

from __future__ import annotations

from typing import Iterator

import peewee
import pytest
import shiboken6
from pytestqt.qtbot import QtBot

import models.ui_queries as ui_queries
from models.changes import Change
from models.consent import set_switch
from models.inbound import process_inbound
from models.rules import Channel, Switch
from ui.app_events import app_events
from ui.change_watcher import RESTORED_MESSAGE, UNAVAILABLE_MESSAGE, ChangeWatcher



@pytest.fixture
def watcher(qtbot: QtBot, db) -> Iterator[ChangeWatcher]:
    instance = ChangeWatcher(interval_ms=50)
    instance.start()
    yield instance
    instance.stop()
    shiboken6.delete(instance)


@pytest.fixture
def emitted() -> Iterator[list[Change]]:
    changes: list[Change] = []
    app_events().data_changed.connect(changes.append)
    yield changes
    app_events().data_changed.disconnect(changes.append)


@pytest.fixture
def messages() -> Iterator[list[str]]:
    said: list[str] = []
    app_events().status_message.connect(said.append)
    yield said
    app_events().status_message.disconnect(said.append)


def test_r16_a_change_made_elsewhere_is_emitted_as_external(watcher: ChangeWatcher, add_client,
                                                            staff, emitted) -> None:
    client = add_client()
    other = add_client("Sam", "Reyes", mobile=None, email="sam@example.com")
    watcher.check_now()
    emitted.clear()
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.MARKETING, False)  # elsewhere
    change = watcher.check_now()
    assert change == Change(what="external", client_ids=(client,))
    assert emitted == [change]
    assert other not in change.client_ids
    assert watcher.check_now() is None  # nothing new since


def test_own_changes_are_not_emitted_again(watcher: ChangeWatcher, add_client, staff,
                                           emitted) -> None:
    client = add_client()
    watcher.check_now()
    change = set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False)
    app_events().data_changed.emit(change)  # as the profile does
    emitted.clear()
    assert watcher.check_now() is None
    assert emitted == []


def test_r10_a_review_text_from_elsewhere_marks_the_queue_and_its_clients(
        watcher: ChangeWatcher, add_client, emitted) -> None:
    client = add_client()
    watcher.check_now()
    process_inbound("(555) 555-0123", "please stop texting me", sid="SM-r")  # no consent event
    change = watcher.check_now()
    assert change is not None and change.review and change.client_ids == (client,)


def test_chatter_from_elsewhere_redraws_nothing(watcher: ChangeWatcher, add_client,
                                                emitted) -> None:
    add_client()
    watcher.check_now()
    emitted.clear()
    process_inbound("(555) 555-0123", "See you at 6!", sid="SM-c")
    assert watcher.check_now() is None and emitted == []


def test_a_bulk_change_elsewhere_says_everything_changed(watcher: ChangeWatcher, add_client, staff,
                                                         emitted, monkeypatch) -> None:
    client = add_client()
    watcher.check_now()
    monkeypatch.setattr(ui_queries, "MAX_EVENTS_TO_LIST", 0)
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.ALL, False)
    change = watcher.check_now()
    assert change == Change(what="external", studio=True, review=True)


def test_polls_by_itself(qtbot: QtBot, watcher: ChangeWatcher, add_client, staff,
                         emitted) -> None:
    client = add_client()
    qtbot.wait(120)
    emitted.clear()
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.ALL, False)
    qtbot.waitUntil(lambda: any(c.what == "external" and client in c.client_ids
                                for c in emitted), timeout=1000)


def test_database_trouble_is_said_and_polling_goes_on(qtbot: QtBot, watcher: ChangeWatcher,
                                                      add_client, staff, emitted, messages,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    client = add_client()
    watcher.check_now()

    def unavailable(cls, *args, **kwargs):
        raise peewee.OperationalError("unable to open database file")

    with monkeypatch.context() as patch:
        patch.setattr(ui_queries.AuditHead, "get_by_id", classmethod(unavailable))
        qtbot.waitUntil(lambda: messages.count(UNAVAILABLE_MESSAGE) >= 2, timeout=1000)
        assert watcher.is_active() and watcher.database_unavailable()
        set_switch(staff["manager"], client, Channel.EMAIL, Switch.ALL, False)  # meanwhile
    qtbot.waitUntil(lambda: RESTORED_MESSAGE in messages, timeout=1000)
    assert not watcher.database_unavailable()
    qtbot.waitUntil(lambda: any(client in c.client_ids for c in emitted), timeout=1000)
