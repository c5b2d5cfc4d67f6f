"""The progress of an import (a message log, a client file), over the main window while it runs."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt, Signal, SIGNAL, SLOT
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget


#: Shorter imports end before the dialog would show: no flash for a small log.
SHOW_AFTER_MS = 400
MINIMUM_WIDTH = 420
#: A long file name is shortened in the middle, so the dialog keeps its width.
FILE_NAME_WIDTH = 260


class ImportProgressDialog(QProgressDialog):
    """Window-modal progress of one import; with Cancel only where the import can stop.

    An import commits a chunk at a time and cannot stop half-way through one: without Cancel
    (a message log: its STOPs should all be applied), Escape and the title bar's close button
    do nothing; with it (a client file), they ask the import to stop after the batch it is
    writing, and the dialog says so until it has. The window closes the dialog when the
    import ends.
    """

    #: Cancel, Escape or the close button: stop after the batch being written.
    cancel_requested = Signal()

    def __init__(self, file_name: str, parent: QWidget | None = None, *,
                 title: str | None = None, doing: str | None = None,
                 noun: str = "inbound text", cancellable: bool = False) -> None:
        """`title` and `doing` are already in the window's language (None: a message log's);
        `noun` is what is counted, "inbound text" or "row"."""
        super().__init__(parent)
        self._file_name = self.fontMetrics().elidedText(file_name, Qt.TextElideMode.ElideMiddle,
                                                        FILE_NAME_WIDTH)
        self._title = title if title is not None else self.tr("Import message log")
        self._doing = doing if doing is not None else self.tr("Importing message log…")
        self._rows = noun == "row"
        self._cancellable = cancellable
        self._stopping = False
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("importProgressDialog")
        self.setWindowTitle(self._title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if self._cancellable:
            # QProgressDialog hides itself on Cancel; this one stays until the batch is done.
            QObject.disconnect(self, SIGNAL("canceled()"), self, SLOT("cancel()"))
            self.canceled.connect(self._on_canceled)
        else:
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
        self.setLabelText(self.tr("{doing}\nReading {file}").format(doing=self._doing,
                                                                     file=self._file_name))
        self.setRange(0, 0)  # busy until the file is read and its texts counted
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setValue(0)  # starts the timer that shows the dialog after SHOW_AFTER_MS

    # --- public --------------------------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """`done` of `total` texts (or rows) are imported."""
        if self._stopping:
            return
        of = (self.tr("{done} of %Ln row(s) from {file}", "", total) if self._rows else
              self.tr("{done} of %Ln inbound text(s) from {file}", "", total))
        self.setLabelText(f"{self._doing}\n" + of.format(done=QLocale().toString(done),
                                                        file=self._file_name))
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(done)

    def finish(self) -> None:
        """Close for good: the import ended."""
        self.reset()  # stops the timer that would otherwise still show the dialog
        self.hide()

    # --- Qt overrides --------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape: the import goes on, or stops after its batch (see the class docstring)."""
        if self._cancellable:
            self._on_canceled()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        if self._cancellable and self.isVisible():
            self._on_canceled()

    # --- slots ---------------------------------------------------------------------------------

    def _on_canceled(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        self.setLabelText(self.tr("Stopping after the rows being saved…\n{file}").format(
            file=self._file_name))
        self.cancel_requested.emit()
