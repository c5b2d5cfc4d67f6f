"""Times as the record keeps them: timezone-aware UTC, written as ISO 8601 with a Z."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .errors import InvalidInput
from .wording import say

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
#: The times a person or a provider may give (`--at`, a log's SentDate).
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2100, 1, 1, tzinfo=timezone.utc)
#: How far ahead of this computer's clock a provider's time may be and still be believed to be
#: a clock or time-zone mistake (it is then recorded as received now, R11); further ahead it is
#: a typo — a wrong year, day and month swapped — and the row is refused.
CLOCK_SKEW = timedelta(days=1)


def now() -> datetime:
    """This computer's clock, in UTC: the moment the studio processes what it is given.

    The one clock of the model layer's times (tests replace it to move time)."""
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """`moment` in UTC, in the fixed-width form stored in the database (sorts as text)."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime(ISO_FORMAT)


def iso_now() -> str:
    """Now, as stored."""
    return iso(now())


def parse_iso(text: str) -> datetime:
    """A stored time back to an aware datetime."""
    return datetime.strptime(text, ISO_FORMAT).replace(tzinfo=timezone.utc)


def parse_user_time(text: str) -> datetime:
    """A time a person or a provider wrote (`--at`, a CSV's SentDate), as aware UTC.

    ISO 8601 is accepted; a time without an offset is taken as UTC. Raises InvalidInput
    naming the text otherwise.
    """
    value = text.strip()
    if not value:
        raise InvalidInput(say("time is empty"))
    candidate = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        moment = _parse_provider_time(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        moment = moment.astimezone(timezone.utc)
    except OverflowError:
        raise InvalidInput(say("time {value} is out of range", value=repr(value))) from None
    return in_record_range(moment, say("time {value}", value=repr(value)))


def received_time(moment: datetime, what: str, *, processing: datetime | None = None) -> datetime:
    """A provider's time for a text, if it is believable: in the record's range and not more
    than a day ahead of this computer's clock (`processing`: now by default).

    A time up to a day ahead is a clock or time-zone mistake: it is kept as given, so a log's
    texts keep the provider's order among themselves, and `models.inbound.apply_batch` records
    it as received when the studio processed it (R11: a keyword dated in the future would
    outrank every real one after it). Further ahead it is a typo — a wrong year, day and month
    swapped — and is refused as bad input, naming it, rather than quietly taken as now.
    """
    in_record_range(moment, what)
    if moment > (processing or now()) + CLOCK_SKEW:
        raise InvalidInput(say("{what} {time}Z is more than a day in the future", what=what,
                               time=iso(moment)[:19]))
    return moment


def in_record_range(moment: datetime, what: str) -> datetime:
    """`moment`, if the record can hold it: aware, and from 2000 to 2099.

    Times are stored as fixed-width text that sorts by time; a year outside that range is a
    typo, not a date, and would sort wrongly.
    """
    if moment.tzinfo is None:
        raise InvalidInput(say("{what} has no time zone", what=what))
    if not EARLIEST <= moment < LATEST:
        raise InvalidInput(say("{what} is not between {first} and {last}", what=what,
                               first=EARLIEST.year, last=LATEST.year - 1))
    return moment


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
    raise InvalidInput(say("time {value} is not a date and time like 2026-11-30 14:05",
                           value=repr(value)))
