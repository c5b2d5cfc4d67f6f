"""Times as the record keeps them: timezone-aware UTC, written as ISO 8601 with a Z."""

from __future__ import annotations

from datetime import datetime, timezone

from .errors import InvalidInput

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def iso(moment: datetime) -> str:
    """`moment` in UTC, in the fixed-width form stored in the database (sorts as text)."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime(ISO_FORMAT)


def iso_now() -> str:
    """Now, as stored."""
    return iso(datetime.now(timezone.utc))


def parse_iso(text: str) -> datetime:
    """A stored time back to an aware datetime."""
    return datetime.strptime(text, ISO_FORMAT).replace(tzinfo=timezone.utc)


def short_iso(text: str | None) -> str | None:
    """A stored time as the JSON interface shows it: to the second, with a Z."""
    if text is None:
        return None
    return parse_iso(text).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_user_time(text: str) -> datetime:
    """A time a person or a provider wrote (`--at`, a CSV's SentDate), as aware UTC.

    ISO 8601 is accepted; a time without an offset is taken as UTC. Raises InvalidInput
    naming the text otherwise.
    """
    value = text.strip()
    if not value:
        raise InvalidInput("time is empty")
    candidate = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        moment = _parse_provider_time(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


_PROVIDER_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",   # Twilio console export: 2026-11-26 09:14:00 +0000
    "%Y-%m-%d %H:%M:%S%z",
    "%a, %d %b %Y %H:%M:%S %z",  # Twilio API: Thu, 26 Nov 2026 09:14:00 +0000
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
)


def _parse_provider_time(value: str) -> datetime:
    for fmt in _PROVIDER_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise InvalidInput(f"time {value!r} is not an ISO 8601 time")
