"""The import's progress dialog: busy until the texts are counted, then done of total; no
Cancel; shown only for an import that lasts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.messages.import_progress_dialog import SHOW_AFTER_MS, ImportProgressDialog


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_after_a_moment_busy_then_counts(qtbot: QtBot, parent: QWidget) -> None:
    dialog = ImportProgressDialog("messages.csv", parent)
    assert not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=SHOW_AFTER_MS + 2000)
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    assert dialog.findChild(QPushButton) is None  # no Cancel
    bar = dialog.findChild(QProgressBar, "importProgressBar")
    assert (bar.minimum(), bar.maximum()) == (0, 0)  # busy while the file is read
    assert dialog.labelText() == "Importing message log…\nReading messages.csv"
    dialog.show_progress(5000, 120000)
    assert (bar.value(), bar.maximum()) == (5000, 120000)
    assert dialog.labelText() == ("Importing message log…\n"
                                  "5,000 of 120,000 inbound texts from messages.csv")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()  # an import cannot stop half-way through a chunk
    dialog.finish()
    assert not dialog.isVisible()


def test_a_quick_import_never_shows_it(qtbot: QtBot, parent: QWidget) -> None:
    dialog = ImportProgressDialog("messages.csv", parent)
    dialog.show_progress(3, 3)
    dialog.finish()
    qtbot.wait(SHOW_AFTER_MS + 300)
    assert not dialog.isVisible()


def test_a_long_file_name_is_shortened_in_the_middle(parent: QWidget) -> None:
    name = "twilio-message-log-export-" + "x" * 120 + "-2026-11.csv"
    dialog = ImportProgressDialog(name, parent)
    label = dialog.labelText().splitlines()[1]
    assert "…" in label and label.endswith("-2026-11.csv")
    dialog.finish()
