"""What an operation changed, for the screen to decide what to redraw (STYLE 6)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    """A description of one committed operation."""

    what: str
    client_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()
    #: True when studio-wide settings changed (every grid may need a redraw).
    studio: bool = False
    #: True when the Needs review queue changed.
    review: bool = False
