"""A LIKE condition with the user's text taken literally: searches type anything, and a `%`,
`_` or backslash in it matches itself, never a wildcard (DESIGN §7)."""

from __future__ import annotations

import peewee


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards and the escape character escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like(column: peewee.ColumnBase, pattern: str) -> peewee.ColumnBase:
    """`column LIKE pattern ESCAPE '\\'`, spelled out: peewee turns its own LIKE into GLOB on SQLite.
    Both sides are already case-folded, so SQLite's and PostgreSQL's LIKE agree."""
    return peewee.NodeList((column, peewee.SQL("LIKE"), pattern, peewee.SQL("ESCAPE '\\'")))
