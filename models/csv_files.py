"""CSV files with a header row, read a row at a time: client imports and message logs."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator, Sequence

from .errors import InvalidInput


def read_csv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with a header row, one at a time, numbered as a spreadsheet
    shows them; a row that does not fit the header comes as {"__error__": reason}.

    Raises InvalidInput for a missing, unreadable or malformed file, or missing columns — while
    iterating, so callers read the whole file before they change anything. Rows are not kept:
    a provider's log of hundreds of thousands of texts is read, not held.
    """
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in (reader.fieldnames or [])]
            missing = [name for name in required if name not in header]
            if not header:
                raise InvalidInput(f"{path}: the file is empty")
            if missing:
                raise InvalidInput(f"{path}: missing column{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(missing)}")
            reader.fieldnames = header
            # Rows are numbered as a spreadsheet shows them (the header is row 1), which is not
            # the line number when a quoted cell holds a line break.
            for number, row in enumerate(reader, start=2):
                if None in row:
                    yield number, {"__error__": "more cells than the header has"}
                elif any(value is None for value in row.values()) and any(row.values()):
                    yield number, {"__error__": "fewer cells than the header has"}
                else:
                    yield number, {k: (v or "") for k, v in row.items()}
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a UTF-8 text file") from None
    except csv.Error as error:
        raise InvalidInput(f"{path}: not a readable CSV file ({error})") from None
