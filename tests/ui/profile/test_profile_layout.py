"""Showing another client lays the profile out once (issue 12): its sections get their new
heights in the first pass of the event loop, never squeezed into the old height for a frame."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from models.consent import set_switch
from ui.profile.client_profile_view import ClientProfileView

DAYTIME = datetime(2026, 11, 26, 16, 0, tzinfo=timezone.utc)


class Heights(QObject):
    """The heights a widget was given, in order."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.seen: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.seen.append(event.size().height())
        return False


@pytest.fixture
def view(qtbot: QtBot, db) -> ClientProfileView:
    widget = ClientProfileView(clock=lambda: DAYTIME)
    qtbot.addWidget(widget)
    widget.resize(780, 520)  # shorter than the profile: it scrolls
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_another_client_is_laid_out_in_one_pass(view: ClientProfileView, staff, add_client):
    short = add_client("Dana", "Reyes", email="dana@example.com", mobile="+12125550123")
    tall = add_client("Sam", "Reyes", email="sam@example.com", mobile="+12125550188")
    for switch in ("all", "marketing"):  # reasons in the grid: a taller grid and profile
        set_switch(staff["employee"], tall, "sms", switch, False)
    view.show_client(short)  # from the empty page: the scroll area is shown for the first time
    for _ in range(3):
        QApplication.processEvents()
    for client in (tall, short, tall, short):
        view.show_client(client)
        heights = Heights(view.opt_in_section())
        QApplication.processEvents()
        first = (view.opt_in_section().height(), view.receives_grid().height(),
                 view.history_view().parentWidget().y())
        for _ in range(3):
            QApplication.processEvents()
        settled = (view.opt_in_section().height(), view.receives_grid().height(),
                   view.history_view().parentWidget().y())
        assert first == settled, client
        assert all(h == settled[0] for h in heights.seen), (client, heights.seen)  # never squeezed
        heights.deleteLater()
