"""Free text as the record keeps it: what a client texted, a name, a staff member's note."""

from __future__ import annotations

import re

#: Control characters other than tab and line breaks. PostgreSQL refuses NUL in text, and none
#: of them means anything in a name, a note or a text message shown at the front desk.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storable(text: str) -> str:
    """`text` without control characters, so every database stores it as it reads."""
    return _CONTROL.sub("", text)


def note_or_none(note: str | None) -> str | None:
    """A staff member's note, trimmed; None when there is nothing to keep."""
    if note is None:
        return None
    return storable(note).strip() or None
