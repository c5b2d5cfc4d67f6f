"""Business days and the review deadline (R19): an opt-out is honoured within 10 business days.

Weekends and US federal holidays (the `holidays` package's federal calendar, not a state's)
do not count. Days are counted in the studio's time zone: a text received at 11 p.m. in New
York on a Friday is Friday's text, though it is Saturday in UTC.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
import threading
from functools import lru_cache

#: How many business days a studio has to honour an opt-out (47 CFR 64.1200(a)(10)).
REVIEW_BUSINESS_DAYS = 10


#: One computation of a year's holidays at a time: a caller that comes while `warm_up()`
#: computes this year's waits for it instead of doing the same work again.
_CALENDAR_LOCK = threading.Lock()


@lru_cache(maxsize=None)
def _federal_holidays(year: int) -> frozenset[date]:
    # Imported on first use, not with the model layer: the package and a year's calendar take
    # about 0.15 s, which the window's start (DESIGN §6) should not pay. Cached per year.
    with _CALENDAR_LOCK:
        import holidays

        return frozenset(holidays.US(years=year))


def warm_up(today: date | None = None) -> None:
    """Compute this year's holidays now (from a background thread while staff sign in), so
    the first review count does not stall the window for it."""
    is_business_day(today or date.today())


def is_business_day(day: date) -> bool:
    """A weekday that is not a US federal holiday (an observed holiday counts as one)."""
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def add_business_days(day: date, count: int) -> date:
    """The business day `count` business days after `day` (`day` itself never counts)."""
    if count < 0:
        raise ValueError("count must not be negative")
    while count:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """How many business days fall after `start`, up to and including `end`."""
    return sum(1 for offset in range(1, (end - start).days + 1)
               if is_business_day(start + timedelta(days=offset)))


def due_by_for_day(day: date) -> date:
    """The due date of a text received on `day`, the studio's local date."""
    return add_business_days(day, REVIEW_BUSINESS_DAYS)


def review_due_by(received_at: datetime, zone: tzinfo) -> date:
    """The day by which a text received at `received_at` must be decided: 10 business days
    after the day it was received in the studio's time zone (R19)."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    return due_by_for_day(received_at.astimezone(zone).date())


def overdue_before(today: date, zone: tzinfo) -> datetime:
    """The moment before which a received text is overdue on `today` (its due date has passed).

    The due date never goes back as the received day goes forward, so the overdue texts are
    exactly those received before the first day whose due date is `today` or later: one
    comparison in SQL counts them.
    """
    day = today
    while due_by_for_day(day - timedelta(days=1)) >= today:
        day -= timedelta(days=1)
    return datetime.combine(day, datetime.min.time(), tzinfo=zone)
