"""The client list, its filter bar and the client editor in Spanish (issue 14), and a list
that holds its longer words at 1024×600."""

from __future__ import annotations

from typing import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
)
from pytestqt.qtbot import QtBot

import ui.clients.client_editor as editor_module
from models.client_list import ClientFilter
from models.inbound import process_inbound
from models.phones import AddressCheck
from models.wording import CONTEXT, say
from ui.clients.client_editor import ClientEditor
from ui.clients.client_list_model import ClientListModel
from ui.clients.client_list_panel import ClientListPanel
from ui.words import FILTER_LABELS

TOO_SHORT = "Phone number '{number}' is too short"


@pytest.fixture
def clients(add_client) -> None:
    """The Reyes family on one mobile, and a prospect; one of them texted something that
    needs review."""
    add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana@example.com")
    add_client("Sam", "Reyes", mobile="555-555-0123", email="sam@example.com")
    add_client("Omar", "Haddad", status="prospect", email="omar@example.com", mobile=None)
    process_inbound("(555) 555-0123", "please stop texting me about promos", sid="SM-es")


@pytest.fixture
def panel(qtbot: QtBot, spanish, clients) -> Iterator[ClientListPanel]:
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.resize(480, 520)
    widget.load()
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: len(widget.filter_counts()) == len(ClientFilter), timeout=3000)
    yield widget
    widget.close()
    shiboken6.delete(widget)


def _filter_button(parent, which: ClientFilter) -> QToolButton:
    return parent.findChild(QToolButton, f"filter_{which.value}")


def test_the_list_and_its_filters_speak_spanish(qtbot: QtBot, panel: ClientListPanel) -> None:
    assert panel.findChild(QLineEdit, "clientSearch").placeholderText() == (
        "Buscar nombre, teléfono o correo")
    model = panel.model()
    headers = [model.headerData(column, Qt.Orientation.Horizontal)
               for column in range(model.columnCount())]
    assert headers == ["", "Nombre", "Estado", "Celular", "Correo"]
    assert model.headerData(ClientListModel.FLAGS, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole).startswith("Bloqueo por STOP")
    assert panel.findChild(QLabel, "clientCount").text() == "3 clientes"
    flags = [model.index(row, ClientListModel.FLAGS).data() for row in range(model.rowCount())]
    assert flags.count("Revisar") == 2  # the Reyes family's mobile needs review
    everyone = _filter_button(panel, ClientFilter.ALL)
    assert everyone.text() == f"{FILTER_LABELS[ClientFilter.ALL]} (3)"
    assert everyone.toolTip() == f"Mostrar: {everyone.text()} (Ctrl+1)"
    assert panel.findChild(QPushButton, "openReviewQueue").text() == "Abrir cola de revisión"
    _type = panel.findChild(QLineEdit, "clientSearch")
    qtbot.keyClicks(_type, "Omar")
    qtbot.waitUntil(lambda: panel.findChild(QLabel, "clientCount").text() == "1 cliente",
                    timeout=2000)


def test_the_list_holds_its_spanish_words_at_1024_by_600(qtbot: QtBot, spanish, clients,
                                                          window_for) -> None:
    window = window_for(size=(1024, 600))
    panel = window.panel()
    qtbot.waitUntil(lambda: len(panel.filter_counts()) == len(ClientFilter), timeout=3000)
    for which in ClientFilter:
        button = _filter_button(panel, which)
        words = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= words + button.iconSize().width(), button.text()
    table = panel.findChild(QTableView, "clientList")
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    for column in (ClientListModel.FLAGS, ClientListModel.STATUS):
        words = max(header.fontMetrics().horizontalAdvance(str(
            table.model().index(row, column).data() or "")) for row in range(3))
        assert header.sectionSize(column) >= words, column
    # The review notice's button keeps its words beside the notice.
    review = panel.findChild(QPushButton, "openReviewQueue")
    assert review.width() >= review.fontMetrics().horizontalAdvance(review.text())


class _SpanishPhone(QTranslator):
    """The model layer's phone message in Spanish, as the merged translation will have it."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 (Qt's)
        if context == CONTEXT and source == TOO_SHORT:
            return "El número de teléfono '{number}' es demasiado corto"
        return None


@pytest.fixture
def spanish_phone(spanish, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A phone that is too short is reported with a `say()` Phrase, translated above."""
    real = editor_module.check_phone

    def check(text: str, region: str = "US") -> AddressCheck:
        if text.strip() == "555 01":
            return AddressCheck(None, say(TOO_SHORT, number=text))
        return real(text, region)

    monkeypatch.setattr(editor_module, "check_phone", check)
    translator = _SpanishPhone()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_client_editor_speaks_spanish(qtbot: QtBot, spanish_phone, open_as) -> None:
    editor = open_as(ClientEditor, "employee")
    assert editor.windowTitle() == "Agregar cliente"
    labels = {label.text() for label in editor.findChildren(QLabel)}
    assert {"&Nombre", "&Apellido", "&Estado", "&Correo electrónico", "Ce&lular",
            "&Teléfono de casa"} <= labels
    buttons = editor.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Agregar cliente"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancelar"
    assert editor.findChild(QLineEdit, "homePhoneInput").placeholderText() == "opcional"

    first = editor.findChild(QLineEdit, "firstNameInput")
    qtbot.keyClicks(first, "J")
    qtbot.keyClick(first, Qt.Key.Key_Backspace)
    names = editor.findChild(QLabel, "namesMessage")
    assert names.isVisible() and names.text() == "Un cliente necesita un nombre o un apellido"

    qtbot.keyClicks(first, "Jo")
    qtbot.keyClicks(editor.findChild(QLineEdit, "mobileInput"), "555 01")
    assert editor.field_message("mobileInput") == (
        "El número de teléfono '555 01' es demasiado corto")
    mobile = editor.findChild(QLineEdit, "mobileInput")
    assert mobile.accessibleDescription() == editor.field_message("mobileInput")

    mobile.clear()
    qtbot.keyClicks(editor.findChild(QLineEdit, "emailInput"), "jo@example.com")
    steps = editor.findChild(QLabel, "consentPreviewSwitches")
    qtbot.waitUntil(lambda: steps.isVisible() and steps.text().startswith("Empieza con "),
                    timeout=2000)
    assert " activado" in steps.text() or "desactivados" in steps.text()
