"""Times and months as the window's language writes them (issue 14): English keeps the grid's
"9:14 a.m."; Spanish follows QLocale (the default locale follows View ▸ Language)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime

from models.rules import format_clock


def clock_text(moment: datetime) -> str:
    """A time of day: "9:14 a.m." in English, the locale's short time otherwise."""
    locale = QLocale()
    if locale.language() == QLocale.Language.English:
        return format_clock(moment)
    return locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def month_text(month: str, pattern: str = "MMM yyyy") -> str:
    """"2026-01" in the window's language: "Jan 2026" ("MMM": "Jan"; Spanish "ene 2026")."""
    return QLocale().toString(QDate.fromString(month + "-01", "yyyy-MM-dd"), pattern)
