"""File ▸ Import clients: choose a file, see a preview of it, import it on a worker thread
with progress and Cancel, and read what to fix, row by row (DESIGN §3 Clients; R22 holds in
`models.client_import`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from models.client_import import ImportSummary, preview_clients
from models.errors import InvalidInput
from ui.app_events import app_events
from ui.clients.client_import_preview_dialog import ClientImportPreviewDialog
from ui.clients.client_import_worker import ClientImportWorker
from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.messages.import_runner import ImportRunner
from ui.session import signed_in
from ui.widgets.import_result_dialog import ImportResultDialog
from ui.words import plural

TITLE = "Import clients"
FILE_FILTERS = "Client files (*.csv *.txt);;All files (*)"


class ClientFileImport(ImportRunner):
    """Runs client-file imports for a window (which offers ask_open_file and show_warning)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)

    # --- public --------------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        """Ask for a file, then preview it."""
        path = self.window().ask_open_file(self.window(), TITLE, FILE_FILTERS)
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> ClientImportPreviewDialog | None:
        """Open the preview of `path` (window-modal); Import there starts the import. None,
        with the reason shown in one line, for a file that cannot be read."""
        if self.is_running():
            return None
        try:
            preview = preview_clients(path)
        except InvalidInput as error:
            self.window().show_warning(self.window(), TITLE, " ".join(str(error).split()))
            return None
        dialog = ClientImportPreviewDialog(path.name, preview, self.window())
        dialog.accepted.connect(lambda: self.start(path))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def start(self, path: Path) -> ClientImportWorker | None:
        """Import `path` now, with progress and Cancel; None while another import runs."""
        progress = ImportProgressDialog(path.name, self.window(), title=TITLE,
                                        doing="Importing clients…", noun="row", cancellable=True)
        started = self._run(ClientImportWorker(path, signed_in()), progress)
        return started if isinstance(started, ClientImportWorker) else None

    # --- slots ---------------------------------------------------------------------------------

    @Slot(object, object)
    def _on_finished(self, path: Path, summary: ImportSummary) -> None:
        app_events().data_changed.emit(summary.change().asked_by(self.window()))
        app_events().status_message.emit(
            f"Imported {plural(summary.imported, 'client')} from {path.name}")
        dialog = ImportResultDialog(TITLE, result_text(path, summary), summary.problems(),
                                    self.window())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(object, str)
    def _on_failed(self, _path: Path, message: str) -> None:
        self.window().show_warning(self.window(), TITLE, message)


def result_text(path: Path, summary: ImportSummary) -> str:
    """What a client import did, in a few plain lines."""
    lines = [f"{path.name}: {plural(summary.imported, 'client')} imported."]
    if summary.already_on_file:
        lines.append(f"{plural(len(summary.already_on_file), 'row')} skipped: already on file "
                     "(nothing to fix).")
    if summary.not_reached:
        lines.append(f"Cancelled: {plural(summary.not_reached, 'row')} not imported. Import the "
                     "file again to add them; rows already imported are skipped.")
    if not summary.problems():
        lines.append("Nothing to fix.")
    return "\n".join(lines)
