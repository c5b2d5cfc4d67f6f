"""How a CSV file is written: its encoding and separator, found before a row is read.

Spreadsheets save CSV files in more ways than one. Excel on Windows writes its "CSV" in the
computer's code page (Windows-1252 in the Americas and Western Europe: é, ñ and curly quotes
are single bytes), "CSV UTF-8" with a byte-order mark, and separates cells with a semicolon
where the comma is the decimal mark (most of Europe and Latin America); "Unicode Text" is
UTF-16 with tabs. The encoding is read from a byte-order mark, else the file is UTF-8 if all
of it decodes as such, else `charset-normalizer` picks among the code pages spreadsheets save
in; the separator is what `csv.Sniffer` finds in the first lines, checked against the header.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from .errors import InvalidInput
from .wording import say

#: Separators a spreadsheet writes: comma, semicolon (where the comma is the decimal mark), tab.
SEPARATORS = (",", ";", "\t")
SEPARATOR_NAMES = {",": say("comma"), ";": say("semicolon"), "\t": say("tab")}
#: Code pages a spreadsheet saves CSV in, most likely first: Excel's "CSV" on Windows, its
#: "CSV (Macintosh)" and "CSV (MS-DOS)". Short files of names fit several of the world's code
#: pages equally well; among those that fit best, the first of these is taken.
CODE_PAGES = ("cp1252", "mac_roman", "cp850")
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": say("UTF-8 (with byte-order mark)"),
                  "utf-16": say("UTF-16 (Unicode Text)"), "cp1252": say("Windows-1252 (Western)"),
                  "mac_roman": "Mac Roman", "cp850": "DOS Latin 1 (850)"}
#: How much less "chaos" (charset-normalizer's measure of how garbled a decoding reads) a
#: less likely code page must show to be taken over Windows-1252.
CLEARLY_BETTER = 0.1
#: Bytes of lines with non-ASCII characters below which the detector is not asked.
MIN_EVIDENCE = 512
#: Bytes read to find the separator, and non-ASCII lines kept as evidence of a code page.
SAMPLE_BYTES = 64 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_WORKBOOK = b"PK\x03\x04"  # an .xlsx (a zip file), chosen instead of a CSV export


@dataclass(frozen=True)
class CsvFormat:
    """A CSV file's encoding (a Python codec name) and separator."""

    encoding: str = "utf-8-sig"
    separator: str = ","

    def encoding_name(self) -> str:
        """The encoding in words a person knows from a spreadsheet's Save As."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)

    def separator_name(self) -> str:
        """The separator in words: comma, semicolon or tab."""
        return SEPARATOR_NAMES.get(self.separator, repr(self.separator))


#: The C1 control characters, U+0080–U+009F: in "UTF-8" text, the sign of a code page.
_C1_CONTROLS = re.compile("[\x80-\x9f]")


def detect_format(path: Path) -> CsvFormat:
    """The encoding and separator of the CSV file at `path`.

    Raises InvalidInput, one line, for a missing file, a folder, a workbook or a file that is
    not text in any encoding a spreadsheet writes.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(SAMPLE_BYTES)
            if head.startswith(_WORKBOOK):
                raise InvalidInput(say("{path}: is an Excel workbook, not a CSV file (in Excel, "
                                       "use File ▸ Save As ▸ CSV)", path=str(path)))
            encoding = _encoding(handle, head, path)
    except FileNotFoundError:
        raise InvalidInput(say("{path}: no such file", path=str(path))) from None
    except IsADirectoryError:
        raise InvalidInput(say("{path}: is a folder, not a CSV file", path=str(path))) from None
    except PermissionError:
        raise InvalidInput(say("{path}: cannot be read (no permission)", path=str(path))) from None
    text = head.decode(encoding, errors="ignore")
    return CsvFormat(encoding, _separator(text))


def _encoding(handle: BinaryIO, head: bytes, path: Path) -> str:
    """The encoding of an open file whose first bytes are `head`; reads it to its end."""
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    evidence: list[bytes] = []
    size = 0
    utf8 = True
    while chunk := handle.read(1024 * 1024):
        if utf8:
            try:
                # Bytes that are UTF-8 only as C1 control characters ("Â" + "Œ" written by
                # Windows-1252 reads as U+008C) are a code page: no spreadsheet writes those.
                utf8 = _C1_CONTROLS.search(decoder.decode(chunk)) is None
            except UnicodeDecodeError:
                utf8 = False
        if not utf8:
            for line in chunk.splitlines():
                if size < SAMPLE_BYTES and any(byte > 127 for byte in line):
                    evidence.append(line)
                    size += len(line)
            if size >= SAMPLE_BYTES:
                break
    if utf8:
        try:
            if _C1_CONTROLS.search(decoder.decode(b"", final=True)) is None:
                return "utf-8"
        except UnicodeDecodeError:
            pass
    return _code_page(head, b"\n".join(evidence), path)


def _code_page(head: bytes, evidence: bytes, path: Path) -> str:
    """The code page, of CODE_PAGES, that reads a non-UTF-8 file best: `head` is its start,
    `evidence` its lines with non-ASCII bytes.

    A few names tell code pages apart poorly (a lone À or µ reads as well in Mac Roman): with
    less than MIN_EVIDENCE bytes of such lines, Windows-1252 — what Excel writes on Windows —
    is taken if it reads the file at all; and it is kept unless another code page reads the
    text clearly better."""
    if len(evidence) < MIN_EVIDENCE:
        try:
            (head + evidence).decode(CODE_PAGES[0])
            return CODE_PAGES[0]
        except UnicodeDecodeError:
            pass
    chaos = {match.encoding: match.chaos for match in
             from_bytes(head + evidence, cp_isolation=list(CODE_PAGES), threshold=1.0)}
    fits = [name for name in CODE_PAGES if name in chaos]
    if not fits:
        raise InvalidInput(say("{path}: is not a text file in any encoding a spreadsheet writes "
                               "(save it as CSV UTF-8)", path=str(path)))
    least = min(chaos[name] for name in fits)
    return next(name for name in fits if chaos[name] <= least + CLEARLY_BETTER)


def _separator(text: str) -> str:
    """The separator of a CSV file that begins with `text`: csv.Sniffer's guess, unless the
    header row splits into more columns by another separator (a header is required)."""
    lines = text.splitlines()
    if len(text) >= SAMPLE_BYTES - 4 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    sample = "\n".join(lines[:50])
    header = lines[0] if lines else ""
    counts = {sep: _columns(header, sep) for sep in SEPARATORS}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        sniffed = ","
    widest = max(SEPARATORS, key=lambda sep: counts[sep])
    if counts[sniffed] < counts[widest]:
        return widest
    return sniffed


def _columns(header: str, separator: str) -> int:
    try:
        return len(next(csv.reader([header], delimiter=separator), []))
    except csv.Error:
        return 0
