"""File ▸ Import clients, before anything is imported: the file's first rows as they will be
read, its encoding and separator as detected, and which columns are read, missing or ignored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.client_import import ClientFilePreview
from ui.widgets.remembered_size import remember_size
from ui.words import spoken

MINIMUM_SIZE = (560, 380)
PREFERRED_SIZE = (820, 480)


class ClientImportPreviewDialog(QDialog):
    """The first rows of a client file and what the import makes of them; Import or Cancel."""

    def __init__(self, file_name: str, preview: ClientFilePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._file_name = file_name
        self._preview = preview
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("clientImportPreview")
        remember_size(self)
        self.setWindowTitle(self.tr("Import clients — preview"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self._format = QLabel(self._format_text(), self)
        self._format.setObjectName("previewFormat")
        self._format.setWordWrap(True)
        layout.addWidget(self._format)
        self._columns = QLabel(self._columns_text(), self)
        self._columns.setObjectName("previewColumns")
        self._columns.setWordWrap(True)
        layout.addWidget(self._columns)
        self._table = self._rows_table()
        layout.addWidget(self._table, 1)
        shown = len(self._preview.csv.rows)
        note = QLabel(self.tr("The first %Ln row(s) of the file. Rows with a problem are listed "
                              "after the import, with what to fix; nothing already on file is "
                              "changed.", "", shown), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel, self)
        self._import = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._import.setText(self.tr("&Import"))
        self._import.setObjectName("importButton")
        self._import.setEnabled(not self._preview.missing)
        layout.addWidget(self._buttons)
        # Enter imports, as the default button says: the keyboard starts on the choice, not in
        # the table (which Tab reaches, and which would keep Enter to itself).
        (self._import if self._import.isEnabled() else self._buttons.button(
            QDialogButtonBox.StandardButton.Cancel)).setFocus()
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*self._fitting_size())

    def _format_text(self) -> str:
        """"<b>clients.csv</b> — UTF-8, cells separated by commas."."""
        found = self._preview.csv.csv_format
        separated = {",": self.tr("cells separated by commas"),
                     ";": self.tr("cells separated by semicolons"),
                     "\t": self.tr("cells separated by tabs")}.get(found.separator)
        if separated is None:
            separated = self.tr("cells separated by {separator}").format(
                separator=spoken(found.separator_name()))
        return self.tr("<b>{file}</b> — {encoding}, {separated}.").format(
            file=self._file_name, encoding=spoken(found.encoding_name()), separated=separated)

    def _columns_text(self) -> str:
        preview = self._preview
        read = ", ".join(preview.recognised) or self.tr("none", "no columns")
        parts = [self.tr("Columns read: {columns}.").format(columns=read)]
        if preview.unknown:
            parts.append(self.tr("Not read (not a column this import knows): {columns}.").format(
                columns=", ".join(preview.unknown)))
        if preview.missing:
            parts.append(self.tr("<b>Missing: {columns}</b> — add these columns to the file "
                                 "(their cells may be empty), then import it again.").format(
                columns=", ".join(preview.missing)))
        return "<br>".join(parts)

    def _rows_table(self) -> QTableWidget:
        header = self._preview.csv.header
        rows = self._preview.csv.rows
        width = max([len(header), *(len(row) for row in rows)], default=0)
        table = QTableWidget(len(rows), width, self)
        table.setObjectName("previewRows")
        table.setHorizontalHeaderLabels(
            [name or self.tr("(column {number})").format(number=n + 1)
             for n, name in enumerate(header)] + [""] * (width - len(header)))
        table.setVerticalHeaderLabels([f"{n + 2}" for n in range(len(rows))])  # as a spreadsheet
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        ignored = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for column, name in enumerate(header):
            if name in self._preview.unknown:
                table.horizontalHeaderItem(column).setForeground(ignored)
        for row, cells in enumerate(rows):
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value[:200])
                if column < len(header) and header[column] in self._preview.unknown:
                    item.setForeground(ignored)
                table.setItem(row, column, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        for column in range(width):
            table.setColumnWidth(column, min(table.columnWidth(column), 220))
        return table

    def _connect_signals(self) -> None:
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

    def _fitting_size(self) -> tuple[int, int]:
        parent = self.parentWidget()
        if parent is None:
            return PREFERRED_SIZE
        return (max(MINIMUM_SIZE[0], min(PREFERRED_SIZE[0], parent.width() - 40)),
                max(MINIMUM_SIZE[1], min(PREFERRED_SIZE[1], parent.height() - 40)))

