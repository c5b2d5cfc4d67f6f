"""The profile speaks Spanish (issue 14): a STOP-locked client's notice, switch tooltips and
History, the consent dialog, and a layout that still holds at 1024×600 with longer words."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QLabel, QLineEdit, QScrollArea, QSplitter, QWidget,
)
from pytestqt.qtbot import QtBot

from models.inbound import process_inbound
from models.record import client_record
from models.rules import Channel, Switch
from ui.formatting import age_text, due_date_text, when_text
from ui.profile.client_profile_view import ClientProfileView
from ui.profile.consent_dialog import ConsentDialog
from ui.record_pdf import record_html
from ui.session import set_current_staff
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.toggle_switch import ToggleSwitch

DAYTIME = datetime(2026, 11, 26, 16, 0, tzinfo=timezone.utc)
SWITCHES = [f"switch_{channel}_{switch}" for channel in ("email", "sms", "voice", "home")
            for switch in ("marketing", "all")] + ["switch_ai_outreach", "switch_ai_replies"]


@pytest.fixture
def dana(add_client) -> int:
    """Dana Reyes, whose mobile texted STOP."""
    client = add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana.reyes@example.com",
                        home_phone="(212) 555-0100")
    process_inbound("+15555550123", "STOP", sid="SM-es-1")
    return client


@pytest.fixture
def profile(qtbot: QtBot, staff, spanish, dana: int) -> ClientProfileView:
    set_current_staff(staff["employee"])
    view = ClientProfileView(clock=lambda: DAYTIME)
    qtbot.addWidget(view)
    view.resize(900, 1400)
    view.show()
    view.show_client(dana)
    yield view
    set_current_staff(None)


def test_a_stop_locked_profile_speaks_spanish(profile: ClientProfileView) -> None:
    notice = profile.opt_in_section().stop_notice_text()
    assert notice.startswith("Envió STOP el ") and "Solo el cliente puede volver a activarlo" in notice
    assert "START" in notice  # the keyword clients text stays as it is
    texts = {label.text() for label in profile.findChildren(QLabel)}
    assert {"Opt-In", "Hailee (asistente de IA)", "Lo que recibe este cliente", "Historial",
            "Celular (SMS + llamadas)", "Teléfono de casa", "Todo"} <= texts
    sms_all = profile.opt_in_section().switch(Channel.SMS, Switch.ALL)
    assert "no detiene a Hailee" in sms_all.toolTip()  # a consent record, not a Hailee control
    assert "Consentimiento legal para todos los mensajes de texto" in sms_all.toolTip()
    outreach = profile.ai_controls().switch("outreach")
    assert "no cambia el consentimiento legal del cliente" in outreach.toolTip()
    assert profile.record_printer().button().text() == "Imprimir / Guardar PDF…"


def test_the_history_speaks_spanish(profile: ClientProfileView) -> None:
    model = profile.history_view().model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Cuándo", "Quién", "Qué", "Por qué"]
    whats = [model.index(row, 2).data() for row in range(model.rowCount())]
    whys = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert "Bloqueo por STOP: activado" in whats
    assert any(why.startswith("El cliente envió") and "STOP" in why for why in whys)
    when = model.index(0, 0).data()
    assert not when.endswith(("AM", "PM")) and any(
        month in when for month in ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago",
                                    "sept", "oct", "nov", "dic"))


def test_the_consent_dialog_speaks_spanish(qtbot: QtBot, spanish) -> None:
    dialog = ConsentDialog("Dana Reyes", "SMS – Marketing",
                           warning="Este celular envió STOP el 23 nov 2026, 7:14 a.m.")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Registrar consentimiento"
    assert dialog.record_button().text() == "Registrar consentimiento"
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Activar SMS – Marketing para Dana Reyes" in labels
    assert "&Nota (opcional)" in labels
    assert dialog.findChild(QLineEdit, "consentNote").placeholderText().startswith("p. ej.")
    dialog.show()
    qtbot.waitExposed(dialog)
    for button in dialog.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        assert button.fontMetrics().horizontalAdvance(text) <= button.width(), text


def test_the_consent_record_is_in_the_windows_language(spanish, dana: int) -> None:
    page = record_html(client_record(dana))
    for words in ("Registro de consentimiento: Dana Reyes", "Estado actual por canal",
                  "Bloqueo por STOP", "Verificación",
                  "La cadena de hashes del registro está íntegra",
                  "Todos los eventos de consentimiento ("):
        assert words in page, words
    assert "optin-desk verify-audit --checkpoint" in page  # a command stays a command


def test_dates_and_ages_in_spanish(spanish) -> None:
    from datetime import date, timedelta

    assert due_date_text(date(2026, 12, 7), today=date(2026, 11, 30)) == "lun 7 dic"
    assert due_date_text(date(2027, 1, 4), today=date(2026, 11, 30)) == "lun 4 ene 2027"
    assert age_text(timedelta(minutes=40)) == "hace 40 minutos"
    assert age_text(timedelta(hours=1, minutes=5)) == "hace 1 hora"
    assert age_text(timedelta(days=1204)) == "hace 1,204 días"
    now = datetime(2026, 11, 30, 18, 0).astimezone()
    assert when_text("2026-11-30T15:00:00.000000Z", now=now).startswith("Hoy ")
    assert when_text("2026-11-23T15:00:00.000000Z", now=now).startswith("23 nov, ")
    assert when_text("2025-11-23T15:00:00.000000Z", now=now) == "23 nov 2025"


def _fits(widget: QWidget) -> bool:
    """Whether a button's or label's words fit in its width."""
    text = widget.text().replace("&", "")
    return widget.fontMetrics().horizontalAdvance(text) <= widget.width()


@pytest.mark.parametrize("size", [(1024, 600), (800, 560)])
def test_the_spanish_profile_holds_on_small_screens(window_for, spanish, dana: int,
                                                    qtbot: QtBot, size: tuple[int, int]) -> None:
    window = window_for(size=size)
    search = window.findChild(QLineEdit, "clientSearch")
    qtbot.keyClicks(search, "Dana")
    qtbot.waitUntil(lambda: window.panel().model().rowCount() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.profile().client_id() is not None)
    # The list's side dragged as wide as it goes: the profile at the least width it is given.
    splitter = window.findChild(QSplitter, "mainSplitter")
    splitter.setSizes([size[0], 1])
    scroll = window.findChild(QScrollArea, "profileScroll")
    qtbot.wait(50)
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.horizontalScrollBar().maximum() == 0
    viewport = scroll.viewport()
    visible = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
    for name in SWITCHES:
        toggle = window.findChild(ToggleSwitch, name)
        assert toggle is not None and toggle.isVisible(), name
        scroll.ensureWidgetVisible(toggle)
        qtbot.wait(10)
        place = QRect(toggle.mapTo(window, QPoint(0, 0)), toggle.size())
        assert visible.contains(place), (name, place, visible)
    profile = window.profile()
    buttons = [b for b in profile.findChildren(QAbstractButton)
               if b.isVisible() and not isinstance(b, ToggleSwitch) and b.text()]
    assert buttons, "the profile shows its buttons"
    assert [b.text() for b in buttons if not _fits(b)] == []
    # Every one-line label shows whole: a switch column's heading ("Marketing", "Todo"), a
    # channel's name, a badge. (An address elides its middle on purpose.)
    labels = [label for label in profile.findChildren(QLabel)
              if label.isVisible() and label.text() and not label.wordWrap()
              and not isinstance(label, ElidedLabel) and "<" not in label.text()]
    assert {"Marketing", "Todo"} <= {label.text() for label in labels}
    assert [label.text() for label in labels if not _fits(label)] == []
