"""How the window writes times and senders: local time in the words of the grid, numbers as
people read them."""

from __future__ import annotations

from datetime import datetime
from typing import Sequence

from models.phones import display_phone
from models.rules import format_clock
from models.timeutil import parse_iso


def when_text(stored: str, now: datetime | None = None) -> str:
    """A stored UTC time as the front desk reads it, in this computer's time zone:
    "Today 9:14 a.m.", "Yesterday 6:02 p.m.", "Nov 23, 9:14 a.m.", "Nov 23, 2025"."""
    moment = parse_iso(stored).astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    days = (today - moment.date()).days
    clock = format_clock(moment)
    if days == 0:
        return f"Today {clock}"
    if days == 1:
        return f"Yesterday {clock}"
    day = f"{moment:%b} {moment.day}"
    if moment.year == today.year:
        return f"{day}, {clock}"
    return f"{day}, {moment.year}"


def sender_text(number: str, names: Sequence[str]) -> str:
    """"(617) 555-0133 · Leah Nguyen", or "… · not a client" when no client has the number."""
    who = ", ".join(names) if names else "not a client"
    return f"{display_phone(number)} · {who}"
