"""File ▸ Import clients in the window (issue 10 part 2): the shortcut opens a file, the
preview shows its first rows with the detected encoding, separator and columns, Import runs
on a worker thread with progress and Cancel, and the result lists what to fix by row and
column and saves it as a CSV. R22 holds: an import never resubscribes."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from models import client_import
from models.consent import set_switch
from models.rules import Channel, Switch
from models.schema import Client
from ui.clients import client_import_worker
from ui.clients.client_import_preview_dialog import ClientImportPreviewDialog
from ui.main_window import MainWindow
from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.widgets.import_result_dialog import ImportResultDialog

HEADER = ["first_name", "last_name", "email", "mobile", "home_phone", "status"]


@pytest.fixture
def window(window_for) -> MainWindow:
    return window_for("employee")


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(MainWindow, "show_warning",
                        classmethod(lambda cls, parent, title, text: shown.append(text)))
    return shown


def _excel_file(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """A file as Excel saves "CSV" on a European Windows: Windows-1252, semicolons."""
    with path.open("w", newline="", encoding="cp1252") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    return path


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(MainWindow, "ask_open_file", classmethod(lambda *args: str(path)))


def _open_preview(qtbot: QtBot, window: MainWindow) -> ClientImportPreviewDialog:
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _visible(window, ClientImportPreviewDialog) is not None, timeout=5000)
    return _visible(window, ClientImportPreviewDialog)


def _visible(window: MainWindow, kind: type):
    for dialog in window.findChildren(kind):
        if dialog.isVisible():
            return dialog
    return None


def _result(qtbot: QtBot, window: MainWindow) -> ImportResultDialog:
    qtbot.waitUntil(lambda: _visible(window, ImportResultDialog) is not None, timeout=10000)
    return _visible(window, ImportResultDialog)


def test_r22_shortcut_preview_import_and_what_to_fix(qtbot: QtBot, window: MainWindow, staff,
                                                      add_client, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    dana = add_client("Dana", "Peña", email="dana@example.com", mobile="(555) 555-0123")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    path = _excel_file(tmp_path / "clientes.csv", [
        ["Dana", "Peña", "dana@example.com", "(555) 555-0123", "", "member", "yes", "signed_form", "VIP"],
        ["José", "O’Brien", "jose@example.com", "", "", "member", "", "", ""],
        ["Zoë", "Muñoz", "not an email", "", "", "prospect", "", "", ""]],
        header=HEADER + ["email_marketing", "consent_method", "Notes"])
    _choose(monkeypatch, path)
    preview = _open_preview(qtbot, window)
    assert "Windows-1252" in preview.findChild(QLabel, "previewFormat").text()
    assert "semicolons" in preview.findChild(QLabel, "previewFormat").text()
    columns = preview.findChild(QLabel, "previewColumns").text()
    assert "email_marketing" in columns and "Not read" in columns and "Notes" in columns
    table = preview.findChild(QTableWidget, "previewRows")
    assert table.rowCount() == 3 and table.item(1, 1).text() == "O’Brien"
    qtbot.mouseClick(preview.findChild(QPushButton, "importButton"), Qt.MouseButton.LeftButton)

    result = _result(qtbot, window)
    assert "1 client imported" in result.text() and "already on file" in result.text()
    assert [(p["row"], p["column"]) for p in result.problems()] == [(4, "email")]
    problems = result.findChild(QTableWidget, "importProblems")
    assert problems.item(0, 0).text() == "4" and problems.item(0, 1).text() == "email"
    assert Client.get_by_id(dana).email_marketing is False  # R22: never resubscribed
    assert Client.select().where(Client.first_name == "José").count() == 1
    assert window.statusBar().currentMessage() == "Imported 1 client from clientes.csv"

    target = tmp_path / "to fix.csv"
    monkeypatch.setattr(ImportResultDialog, "ask_save_file", classmethod(lambda *a: str(target)))
    qtbot.mouseClick(result.findChild(QPushButton, "saveProblemsButton"), Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.reader(handle))
    assert saved[0] == ["row", "column", "what to fix"] and saved[1][:2] == ["4", "email"]
    qtbot.keyClick(result, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _visible(window, ImportResultDialog) is None, timeout=2000)


def test_a_file_missing_columns_cannot_be_imported_and_says_which(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _choose(monkeypatch, _excel_file(tmp_path / "c.csv", [["Ana", "Silva"]], header=["first_name", "last_name"]))
    preview = _open_preview(qtbot, window)
    assert not preview.findChild(QPushButton, "importButton").isEnabled()
    assert "Missing: email, mobile, home_phone, status" in preview.findChild(QLabel, "previewColumns").text()
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert Client.select().count() == 0


def test_a_file_that_is_no_csv_is_one_line(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                           warnings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "clients.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    _choose(monkeypatch, path)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert len(warnings) == 1 and "\n" not in warnings[0] and "Excel workbook" in warnings[0]
    assert _visible(window, ClientImportPreviewDialog) is None


def test_cancel_stops_after_the_batch_and_keeps_it(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_import, "IMPORT_CHUNK", 2)
    monkeypatch.setattr(client_import, "BATCH_PAUSE", 0)
    release = threading.Event()
    real = client_import.import_clients

    def held(path, **kwargs):
        progress = kwargs["progress"]

        def slow(done: int, total: int) -> None:
            progress(done, total)
            if done == 2:
                release.wait(10)  # the first batch is saved; the person presses Cancel now
        return real(path, **{**kwargs, "progress": slow})

    monkeypatch.setattr(client_import_worker, "import_clients", held)
    _choose(monkeypatch, _excel_file(tmp_path / "c.csv", [[f"Ana{n}", "Silva", "", "", "", "member"]
                                                         for n in range(6)]))
    preview = _open_preview(qtbot, window)
    qtbot.mouseClick(preview.findChild(QPushButton, "importButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _visible(window, ImportProgressDialog) is not None, timeout=5000)
    progress = _visible(window, ImportProgressDialog)
    qtbot.waitUntil(lambda: "2 of 6 rows" in progress.labelText(), timeout=5000)
    action = window.findChild(QAction, "importClientsAction")
    assert not action.isEnabled()  # one import at a time: the menu says so while one runs
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    assert progress.isVisible() and progress.labelText().startswith("Stopping after")
    release.set()
    result = _result(qtbot, window)
    assert "2 clients imported" in result.text() and "Cancelled: 4 rows not imported" in result.text()
    assert Client.select().count() == 2
    qtbot.keyClick(result, Qt.Key.Key_Escape)
    assert QApplication.activeModalWidget() is None or not QApplication.activeModalWidget().isVisible()
    assert action.isEnabled()
