"""CSV files with a header row, read a row at a time: client imports and message logs."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .csv_format import CsvFormat, detect_format
from .errors import InvalidInput
from .wording import say

#: The most characters a cell may hold; a row with a longer cell is a bad row, listed. A text
#: message is at most 1,600 characters (Twilio joins no more than ten segments), and a name,
#: an address or a status a few hundred: a longer cell is damage — most often a quote left
#: open, which swallows the rows after it into one cell — not something to store.
MAX_CELL = 100_000
#: The largest cell read at all (Python's csv module stops at 128 KiB by default, which made one
#: long cell refuse the whole file). A cell up to this size is read whole, so the rows after
#: it are read as rows, and listed as a bad row; a larger one refuses the file, naming its row.
READ_LIMIT = 64 * 1024 * 1024


def read_csv(path: Path, required: Sequence[str], *,
             csv_format: CsvFormat | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with a header row, one at a time, numbered as a spreadsheet
    shows them; a row that does not fit the header, or holds a cell over MAX_CELL characters
    or a NUL byte, comes as {"__error__": reason}. The file's encoding and separator are
    detected (`models.csv_format`) unless `csv_format` gives them.

    Raises InvalidInput for a missing, unreadable or malformed file, missing columns or a
    column named twice — while iterating, so callers read the whole file before they change
    anything. Rows are not kept: a provider's log of hundreds of thousands of texts is read,
    not held.
    """
    if csv.field_size_limit() < READ_LIMIT:
        csv.field_size_limit(READ_LIMIT)
    try:
        found = csv_format or detect_format(path)
        with path.open(newline="", encoding=found.encoding) as handle:
            reader = csv.reader(handle, delimiter=found.separator)
            header = _header(path, _next_row(reader, path, 1) or [], required)
            # Rows are numbered as a spreadsheet shows them (the header is row 1), which is not
            # the line number when a quoted cell holds a line break.
            number = 1
            while (cells := _next_row(reader, path, number + 1)) is not None:
                if not cells:
                    continue  # a blank line
                number += 1
                yield number, _row(header, cells)
    except FileNotFoundError:
        raise InvalidInput(say("{path}: no such file", path=str(path))) from None
    except IsADirectoryError:
        raise InvalidInput(say("{path}: is a folder, not a CSV file", path=str(path))) from None
    except UnicodeDecodeError:
        raise _not_text(path, found) from None
    except csv.Error as error:
        raise _not_csv(path, error) from None


def _not_text(path: Path, found: CsvFormat) -> InvalidInput:
    return InvalidInput(say("{path}: is not {encoding} text throughout (save it as CSV UTF-8)",
                            path=str(path), encoding=found.encoding_name()))


def _not_csv(path: Path, error: csv.Error) -> InvalidInput:
    return InvalidInput(say("{path}: not a readable CSV file ({error})", path=str(path),
                            error=str(error)))


@dataclass(frozen=True)
class CsvPreview:
    """The first rows of a CSV file, as a preview shows them before an import."""

    csv_format: CsvFormat
    header: tuple[str, ...]
    #: The first rows' cells, as read (a bad row's cells too: the preview shows the file).
    rows: tuple[tuple[str, ...], ...]


def preview_csv(path: Path, limit: int = 10) -> CsvPreview:
    """The header and first `limit` rows of a CSV file, with its detected encoding and
    separator. Raises InvalidInput, one line, for a file that cannot be read as CSV."""
    found = detect_format(path)
    rows: list[tuple[str, ...]] = []
    header: list[str] = []
    try:
        with path.open(newline="", encoding=found.encoding) as handle:
            reader = csv.reader(handle, delimiter=found.separator)
            header = _header(path, _next_row(reader, path, 1) or [], ())
            while len(rows) < limit and (cells := _next_row(reader, path, len(rows) + 2)) is not None:
                if any(cells):
                    rows.append(tuple(cell[:MAX_CELL] for cell in cells))
    except UnicodeDecodeError:
        raise _not_text(path, found) from None
    except csv.Error as error:
        raise _not_csv(path, error) from None
    return CsvPreview(found, tuple(header), tuple(rows))


def _next_row(reader: Iterator[list[str]], path: Path, number: int) -> list[str] | None:
    """The next row's cells, or None at the end of the file."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        if "field limit" in str(error):
            raise InvalidInput(say("{path}: row {row} has a cell larger than {size} MB; not a "
                                   "CSV file to import", path=str(path), row=number,
                                   size=READ_LIMIT // (1024 * 1024))) from None
        raise


def _header(path: Path, cells: list[str], required: Sequence[str]) -> list[str]:
    """The column names, if the file can be read by them: none missing, none twice."""
    header = [name.strip() for name in cells]
    if not header:
        raise InvalidInput(say("{path}: the file is empty", path=str(path)))
    if any("\x00" in name for name in header):
        raise InvalidInput(say("{path}: holds NUL bytes, so it is not UTF-8 text (save it as CSV "
                               "UTF-8)", path=str(path)))
    seen: set[str] = set()
    for name in header:
        # A column named twice would let one cell hide the other (a second Body hiding a STOP).
        # Unnamed columns (a spreadsheet's empty ones at the right) are never read.
        if name and name in seen:
            raise InvalidInput(say("{path}: column {name} appears twice", path=str(path), name=name))
        seen.add(name)
    missing = [name for name in required if name not in header]
    if missing:
        if len(missing) > 1:
            raise InvalidInput(say("{path}: missing columns {columns}", path=str(path),
                                   columns=", ".join(missing)))
        raise InvalidInput(say("{path}: missing column {columns}", path=str(path),
                               columns=missing[0]))
    return header


def _row(header: list[str], cells: list[str]) -> dict[str, str]:
    """A row by column name, or {"__error__": reason} for one that cannot be read safely."""
    joined = "".join(cells)
    if len(cells) == len(header) and len(joined) <= MAX_CELL and "\x00" not in joined:
        return dict(zip(header, cells))  # most rows: nothing to name, no Phrase made per cell
    for index, value in enumerate(cells):
        column = (say("column {name}", name=header[index] or index + 1) if index < len(header)
                  else say("a cell"))
        if len(value) > MAX_CELL:
            lines = value.count("\n") + 1
            if lines > 1:
                return {"__error__": say("{column} holds {count} characters (at most {most}) over "
                                         "{lines} lines: a quote left open?", column=column,
                                         count=f"{len(value):,}", most=f"{MAX_CELL:,}",
                                         lines=f"{lines:,}")}
            return {"__error__": say("{column} holds {count} characters (at most {most})",
                                     column=column, count=f"{len(value):,}", most=f"{MAX_CELL:,}")}
        if "\x00" in value:
            return {"__error__": say("{column} holds a NUL byte: the file may be damaged",
                                     column=column)}
    if len(cells) > len(header):
        return {"__error__": say("more cells than the header has")}
    if len(cells) < len(header):
        if any(cells):
            return {"__error__": say("fewer cells than the header has")}
        cells = cells + [""] * (len(header) - len(cells))
    return dict(zip(header, cells))
