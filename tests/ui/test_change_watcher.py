"""ChangeWatcher (R16): changes made elsewhere become one app-wide data_changed; this window's
own changes do not come back; a database that cannot be reached is said, not crashed on."""

from __future__ import annotations

from typing import Iterator

import peewee
import pytest
import shiboken6
from pytestqt.qtbot import QtBot

import models.record_marks as record_marks
from models.changes import Change, Touched
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
    assert change is not None and change.client_ids == (client,) and change.initiator is watcher
    assert change.touches_client(client, Touched.SWITCHES) and not change.touches(Touched.STUDIO)
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
    assert change is not None and change.touches(Touched.REVIEW) and change.client_ids == (client,)


def test_chatter_from_elsewhere_touches_only_the_messages(watcher: ChangeWatcher, add_client,
                                                         emitted) -> None:
    client = add_client()
    watcher.check_now()
    emitted.clear()
    process_inbound("(555) 555-0123", "See you at 6!", sid="SM-c")
    change = watcher.check_now()
    assert emitted == [change] and change.touched is Touched.MESSAGES
    assert not change.touches_client(client)  # no list, count or profile redraws for it


def test_a_bulk_change_elsewhere_says_everything_changed(watcher: ChangeWatcher, add_client, staff,
                                                         emitted, monkeypatch) -> None:
    client = add_client()
    watcher.check_now()
    monkeypatch.setattr(record_marks, "MAX_EVENTS_TO_LIST", 0)
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.ALL, False)
    change = watcher.check_now()
    assert change == Change.everything() and change.every_client


def test_polls_by_itself(qtbot: QtBot, watcher: ChangeWatcher, add_client, staff,
                         emitted) -> None:
    client = add_client()
    qtbot.wait(120)
    emitted.clear()
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.ALL, False)
    qtbot.waitUntil(lambda: any(c.initiator is watcher and client in c.client_ids
                                for c in emitted), timeout=1000)


def test_database_trouble_is_said_and_polling_goes_on(qtbot: QtBot, watcher: ChangeWatcher,
                                                      add_client, staff, emitted, messages,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    client = add_client()
    watcher.check_now()

    execute_sql = peewee.Database.execute_sql

    def unavailable(db: peewee.Database, sql: str, params=None):
        # The watcher's read of the marks fails as the driver fails when the file has gone;
        # other statements, such as the change made meanwhile, still get through.
        if 'FROM "audit_head"' in sql and not db.in_transaction():
            raise peewee.OperationalError("unable to open database file")
        return execute_sql(db, sql, params)

    with monkeypatch.context() as patch:
        patch.setattr(peewee.Database, "execute_sql", unavailable)
        qtbot.waitUntil(lambda: messages.count(UNAVAILABLE_MESSAGE) >= 2, timeout=1000)
        assert watcher.is_active() and watcher.database_unavailable()
        set_switch(staff["manager"], client, Channel.EMAIL, Switch.ALL, False)  # meanwhile
    qtbot.waitUntil(lambda: RESTORED_MESSAGE in messages, timeout=1000)
    assert not watcher.database_unavailable()
    qtbot.waitUntil(lambda: any(client in c.client_ids for c in emitted), timeout=1000)
