"""An inbound text as the model layer takes it, and a message log's chunk prepared for
`models.inbound.apply_texts` outside its transaction (issue 12). Pure Python: no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence

from .keywords import meaning_of
from .rules import Keyword


@dataclass(frozen=True, slots=True)
class InboundText:
    """One inbound text, its number already in E.164."""

    sid: str
    number: str
    body: str
    at: datetime
    to: str | None = None


@dataclass(frozen=True, slots=True)
class PreparedTexts:
    """A message log's chunk with what needs no database worked out (`prepare_texts`), so the
    transaction that applies it holds the write lock for the database's part alone."""

    texts: Sequence[InboundText]
    #: Each text's time as stored (`fast_iso`), and its body's meaning (`meaning_of`).
    times: list[str]
    meanings: list[tuple[Keyword, bool]]


def prepare_texts(texts: Sequence[InboundText]) -> PreparedTexts:
    """What `apply_texts` needs of `texts` that no other writer can change: outside the
    transaction. A log's texts share their seconds and bodies: each is worked out once."""
    iso_of: dict[datetime, str] = {}
    times = []
    for text in texts:
        at = iso_of.get(text.at)
        if at is None:
            at = iso_of[text.at] = fast_iso(text.at)
        times.append(at)
    return PreparedTexts(texts, times, [meaning_of(text.body) for text in texts])


def fast_iso(moment: datetime) -> str:
    """`timeutil.iso(moment)`: the same text, without strftime (a log's every text has one)."""
    if moment.tzinfo is not timezone.utc:
        if moment.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        moment = moment.astimezone(timezone.utc)
    return moment.isoformat(timespec="microseconds")[:-6] + "Z"  # "+00:00" written as "Z"
