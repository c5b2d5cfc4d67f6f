"""The progress of a message-log import, over the main window while it runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

from ui.words import plural

#: Shorter imports end before the dialog would show: no flash for a small log.
SHOW_AFTER_MS = 400
MINIMUM_WIDTH = 420
#: A long file name is shortened in the middle, so the dialog keeps its width.
FILE_NAME_WIDTH = 260


class ImportProgressDialog(QProgressDialog):
    """Window-modal progress of one import, without Cancel.

    An import commits a chunk of texts at a time and cannot stop half-way through one, so
    Escape and the title bar's close button do nothing; the window closes the dialog when the
    import ends.
    """

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._file_name = self.fontMetrics().elidedText(file_name, Qt.TextElideMode.ElideMiddle,
                                                        FILE_NAME_WIDTH)
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("importProgressDialog")
        self.setWindowTitle("Import message log")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setCancelButton(None)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(MINIMUM_WIDTH)
        # Our own bar, set directly: QProgressDialog.setValue() runs processEvents() for a
        # modal dialog, and the updates already come from the event loop, so the end of the
        # import could otherwise arrive in the middle of a progress update.
        self._bar = QProgressBar(self)
        self._bar.setObjectName("importProgressBar")
        self.setBar(self._bar)
        self.setLabelText(f"Importing message log…\nReading {self._file_name}")
        self.setRange(0, 0)  # busy until the file is read and its texts counted
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setValue(0)  # starts the timer that shows the dialog after SHOW_AFTER_MS

    # --- public --------------------------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """`done` of `total` inbound texts are imported."""
        self.setLabelText(f"Importing message log…\n{done:,} of "
                          f"{plural(total, 'inbound text')} from {self._file_name}")
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(done)

    def finish(self) -> None:
        """Close for good: the import ended."""
        self.reset()  # stops the timer that would otherwise still show the dialog
        self.hide()

    # --- Qt overrides --------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape: the import goes on (see the class docstring)."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
