"""Issue 14: the manager and owner windows speak Spanish under `spanish`, and their layouts
hold at 1024×600 in Spanish: every button's text fits the button, and no list or table needs a
horizontal scroll bar it did not need in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from models.consent import set_switch
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.staff import Role
from ui.language import use_language
from ui.manage.ai_settings_dialog import AiSettingsDialog
from ui.manage.audit_log_dialog import AuditLogDialog
from ui.manage.reports_dialog import ReportsDialog
from ui.manage.staff_accounts_dialog import StaffAccountsDialog
from ui.manage.staff_form_dialog import StaffFormDialog
from ui.manage.studio_settings_dialog import StudioSettingsDialog

#: Each window and who opens it.
WINDOWS = [(AiSettingsDialog, "manager"), (ReportsDialog, "manager"),
           (AuditLogDialog, "manager"), (StaffAccountsDialog, "owner")]


@pytest.fixture
def record(staff, add_client) -> None:
    """Two clients, staff changes and a STOP: every window has something to show."""
    dana = add_client("Dana", "Reyes", mobile="+12125550101")
    leah = add_client("Leah", "Nguyen", email="leah@example.com", mobile="+12125550102")
    set_switch(staff["manager"], leah, Channel.SMS, Switch.MARKETING, True,
               method="signed_form", note="signed at the desk")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    process_inbound("+12125550101", "STOP", sid="SM-1")


def test_ai_settings_speak_spanish(open_as, record, spanish) -> None:
    dialog = open_as(AiSettingsDialog, "manager")
    assert dialog.windowTitle() == "Configuración de IA del estudio — Opt-In Desk"
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"Asistente de IA activado", "Responder mensajes", "Tiempo de respuesta"} <= texts
    for name in ("ai_enabled", "ai_outreach", "ai_reply_all", "ai_reply_members"):
        # The AI switches never change consent, and say so (R13).
        tip = dialog.switch(name).toolTip()
        assert "Solo controla a Hailee y no cambia el consentimiento legal" in tip, tip
    box = dialog.findChild(QComboBox, "responseTime")
    assert [box.itemText(i) for i in range(box.count())] == ["Dinámico", "Inmediato", "Fijo"]
    assert dialog.findChild(QPushButton, "saveAiSettings").text() == "Guardar"


def test_reports_speak_spanish(open_as, record, spanish) -> None:
    dialog = open_as(ReportsDialog, "manager")
    assert dialog.windowTitle() == "Informes — Opt-In Desk"
    table = dialog.findChild(QTableWidget, "channelStateTable")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[:3] == ["Canal", "Sin dirección", "Todo\ndesactivado"]
    assert "START" in table.horizontalHeaderItem(3).toolTip()  # the keyword stays (R6)
    assert table.horizontalHeaderItem(3).toolTip().startswith("El celular envió STOP")
    assert dialog.findChild(QPushButton, "refreshReports").text() == "&Actualizar"
    total = dialog.findChild(QLabel, "reportsTotal").text()
    assert total.startswith("2 clientes activos (no se cuentan")
    summary = dialog.findChild(QLabel, "optOutSummary").text()
    assert summary.startswith("2 bajas en los últimos 12 meses") and "1 bloqueo por STOP" in summary
    assert dialog.texts_after_stop().count == 0
    assert "No se encontró ninguno" in dialog.findChild(QLabel, "afterStopEmpty").text()


def test_audit_log_speaks_spanish(open_as, record, spanish) -> None:
    dialog = open_as(AuditLogDialog, "manager")
    assert dialog.windowTitle() == "Registro de auditoría — Opt-In Desk"
    model = dialog.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == \
        ["Cuándo", "Cliente", "Quién", "Qué", "Por qué"]
    verify = dialog.findChild(QPushButton, "verifyRecord")
    assert verify.text() == "&Verificar registro"
    assert verify.toolTip().startswith("Vuelve a calcular el hash de cada evento")
    assert dialog.summary_text() == f"{model.rowCount()} eventos en el registro."
    assert dialog.verify_record().ok
    assert dialog.result_text().startswith(f"Intacto: {model.rowCount()} eventos.")
    dialog.set_client(1, "Dana Reyes")
    assert dialog.findChild(QLabel, "auditClient").text() == "Cliente: Dana Reyes"


def test_staff_accounts_speak_spanish(open_as, record, spanish) -> None:
    dialog = open_as(StaffAccountsDialog, "owner")
    assert dialog.windowTitle() == "Cuentas del personal — Opt-In Desk"
    tree = dialog.findChild(QWidget, "staffList")
    header = tree.headerItem()
    assert [header.text(c) for c in range(4)] == ["Nombre", "Rol", "Estado", "Inicio de sesión"]
    add = dialog.findChild(QPushButton, "addStaff")
    assert add.text() == "&Agregar personal…"
    assert add.toolTip() == "Agregar un miembro del personal con su rol y PIN"
    assert {row[2] for row in dialog.rows()} == {"Activa"}
    assert {row[3] for row in dialog.rows()} == {"Puede iniciar sesión"}


def _at_1024_by_600(qtbot: QtBot, open_as, window: type, role: str,
                    size: QSize | None = None) -> QWidget:
    """The window opened at `size`, or at its own size cut to fit a 1024×600 screen."""
    dialog = open_as(window, role)
    dialog.resize(size or QSize(min(dialog.width(), 1024), min(dialog.height(), 600)))
    qtbot.wait(20)
    return dialog


def _scrolled_sideways(dialog: QWidget) -> set[str]:
    return {area.objectName() for area in dialog.findChildren(QAbstractScrollArea)
            if area.isVisible() and area.horizontalScrollBar().isVisible()}


@pytest.mark.parametrize("window,role", WINDOWS, ids=[w.__name__ for w, _ in WINDOWS])
def test_spanish_layout_holds_at_1024_by_600(qtbot: QtBot, open_as, record, window: type,
                                             role: str) -> None:
    english = _at_1024_by_600(qtbot, open_as, window, role)
    scrolled_in_english = _scrolled_sideways(english)
    size = english.size()
    english.close()
    use_language("es")
    dialog = _at_1024_by_600(qtbot, open_as, window, role, size)
    # Longer words may make a window taller (wrapped lines), never wider, nor taller than
    # the screen.
    assert dialog.width() == size.width() and dialog.height() <= 600
    cramped = []
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            text = button.text().replace("&", "")
            needed = button.fontMetrics().horizontalAdvance(text)
            if not button.icon().isNull():
                needed += button.iconSize().width()
            if needed > button.width():
                cramped.append(f"{text!r}: {needed} > {button.width()}")
    assert cramped == []
    assert _scrolled_sideways(dialog) <= scrolled_in_english
    for view in dialog.findChildren(QTableView):
        assert not view.horizontalScrollBar().isVisible() or view.objectName() in \
            scrolled_in_english


def test_staff_form_and_studio_settings_speak_spanish(open_as, record, spanish) -> None:
    form = open_as(StaffFormDialog, "owner")
    assert form.windowTitle() == "Agregar miembro del personal"
    form.fill("Ana Ruiz", Role.MANAGER, "1234", "9999")
    form.findChild(QDialogButtonBox).accepted.emit()
    assert form.error() == "Los dos PIN no coinciden. Escriba el PIN de nuevo."
    settings = open_as(StudioSettingsDialog, "owner")
    minutes = settings.findChild(QSpinBox, "idleLockMinutes")
    assert minutes.specialValueText() == "Nunca" and minutes.suffix() == " min"
    assert settings.windowTitle() == "Configuración del estudio — Opt-In Desk"
