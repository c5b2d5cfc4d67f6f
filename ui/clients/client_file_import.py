"""File ▸ Import clients: choose a file, see a preview of it, import it on a worker thread
with progress and Cancel, and read what to fix, row by row (DESIGN §3 Clients; R22 holds in
`models.client_import`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Slot
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
from ui.words import one_line, spoken

#: The dialogs' title and the file chooser's filters, in English (translated where shown).
TITLE = QT_TRANSLATE_NOOP("ClientFileImport", "Import clients")
FILE_FILTERS = QT_TRANSLATE_NOOP("ClientFileImport", "Client files (*.csv *.txt);;All files (*)")


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
        filters = QCoreApplication.translate("ClientFileImport", FILE_FILTERS)
        path = self.window().ask_open_file(self.window(), self._title(), filters)
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
            self.window().show_warning(self.window(), self._title(), one_line(error))
            return None
        dialog = ClientImportPreviewDialog(path.name, preview, self.window())
        dialog.accepted.connect(lambda: self.start(path))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def start(self, path: Path) -> ClientImportWorker | None:
        """Import `path` now, with progress and Cancel; None while another import runs."""
        progress = ImportProgressDialog(path.name, self.window(), title=self._title(),
                                        doing=self.tr("Importing clients…"), noun="row",
                                        cancellable=True)
        started = self._run(ClientImportWorker(path, signed_in()), progress)
        return started if isinstance(started, ClientImportWorker) else None

    # --- slots ---------------------------------------------------------------------------------

    @Slot(object, object)
    def _on_finished(self, path: Path, summary: ImportSummary) -> None:
        app_events().data_changed.emit(summary.change().asked_by(self.window()))
        app_events().status_message.emit(
            self.tr("Imported %Ln client(s) from {file}", "", summary.imported).format(
                file=path.name))
        problems = [{**item, "reason": spoken(item["reason"])} for item in summary.problems()]
        dialog = ImportResultDialog(self._title(), result_text(path, summary), problems,
                                    self.window())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(object, str)
    def _on_failed(self, _path: Path, message: str) -> None:
        self.window().show_warning(self.window(), self._title(), one_line(message))

    # --- private -------------------------------------------------------------------------------

    def _title(self) -> str:
        return QCoreApplication.translate("ClientFileImport", TITLE)


class ClientImportReport(QObject):
    """What a client import did, in the window's language (a QObject for its plurals)."""

    def text(self, path: Path, summary: ImportSummary) -> str:
        """A few plain lines."""
        lines = [self.tr("{file}: %Ln client(s) imported.", "", summary.imported).format(
            file=path.name)]
        if summary.already_on_file:
            lines.append(self.tr("%Ln row(s) skipped: already on file (nothing to fix).", "",
                                 len(summary.already_on_file)))
        if summary.not_reached:
            lines.append(self.tr("Cancelled: %Ln row(s) not imported. Import the file again to "
                                 "add them; rows already imported are skipped.", "",
                                 summary.not_reached))
        if not summary.problems():
            lines.append(self.tr("Nothing to fix."))
        return "\n".join(lines)


def result_text(path: Path, summary: ImportSummary) -> str:
    """What a client import did, in a few plain lines."""
    return ClientImportReport().text(path, summary)
