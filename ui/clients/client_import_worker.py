"""A client-file import off the GUI thread (File ▸ Import clients): `models.client_import`
in batches, with progress, and a cancel that keeps the batches already saved."""

from __future__ import annotations

from pathlib import Path

from models.client_import import ImportSummary, import_clients
from models.staff import SignedIn
from ui.messages.import_worker import ImportWorker


class ClientImportWorker(ImportWorker):
    """Imports one client file as the signed-in staff member (R15: an employee at least)."""

    def __init__(self, path: Path, who: SignedIn | None) -> None:
        super().__init__(path)
        self._who = who

    def _work(self) -> ImportSummary:
        return import_clients(self._path, who=self._who, progress=self.progress.emit,
                              cancelled=self.cancelled)
