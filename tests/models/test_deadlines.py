"""R19: a text in Needs review is due 10 business days after it was received — weekends and
US federal holidays don't count, and the day is the studio's, not UTC's."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.deadlines import (
    add_business_days,
    business_days_between,
    is_business_day,
    overdue_before,
    review_due_by,
)

NEW_YORK = ZoneInfo("America/New_York")
THANKSGIVING = date(2026, 11, 26)
FEDERAL_2026 = {date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 16), date(2026, 5, 25),
                date(2026, 6, 19), date(2026, 7, 3), date(2026, 9, 7), date(2026, 10, 12),
                date(2026, 11, 11), THANKSGIVING, date(2026, 12, 25)}


def test_r19_the_friday_before_thanksgiving_week_skips_the_weekends_and_thanksgiving() -> None:
    friday = datetime(2026, 11, 20, 10, 30, tzinfo=NEW_YORK)
    # Mon 23, Tue 24, Wed 25, (Thanksgiving), Fri 27, Mon 30, Tue 1, Wed 2, Thu 3, Fri 4, Mon 7.
    assert review_due_by(friday, NEW_YORK) == date(2026, 12, 7)
    assert not is_business_day(THANKSGIVING)


def test_r19_a_text_received_on_a_saturday_counts_from_monday() -> None:
    saturday = datetime(2026, 11, 21, 9, 0, tzinfo=NEW_YORK)
    assert review_due_by(saturday, NEW_YORK) == date(2026, 12, 7)  # as if sent that Friday


def test_r19_a_text_received_on_a_holiday_counts_from_the_next_business_day() -> None:
    assert review_due_by(datetime(2026, 11, 26, 12, 0, tzinfo=NEW_YORK), NEW_YORK) == date(2026, 12, 10)
    # Christmas on a Friday, then a weekend and New Year's Day: Dec 28–31, Jan 4–8, Jan 11.
    assert review_due_by(datetime(2026, 12, 25, 12, 0, tzinfo=NEW_YORK), NEW_YORK) == date(2027, 1, 11)


def test_r19_late_evening_utc_is_still_the_previous_day_in_new_york() -> None:
    # 02:30 UTC on Saturday the 21st is 9:30 p.m. on Friday the 20th in New York.
    late = datetime(2026, 11, 21, 2, 30, tzinfo=timezone.utc)
    assert review_due_by(late, NEW_YORK) == date(2026, 12, 7)
    # Counted in UTC it would be Saturday's text: the same here; a Thursday night shows it.
    thursday_night = datetime(2026, 11, 20, 2, 30, tzinfo=timezone.utc)  # Thu 19th, 9:30 p.m.
    assert review_due_by(thursday_night, NEW_YORK) == date(2026, 12, 4)
    assert review_due_by(thursday_night, timezone.utc) == date(2026, 12, 7)


def test_r19_the_federal_calendar_not_a_states() -> None:
    for day in FEDERAL_2026:
        assert not is_business_day(day), day
    # Patriots' Day (Massachusetts) and Cesar Chavez Day (California) are business days.
    assert is_business_day(date(2026, 4, 20)) and is_business_day(date(2026, 3, 31))


def test_r19_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        review_due_by(datetime(2026, 11, 20, 10, 30), NEW_YORK)


ZONES = st.sampled_from([NEW_YORK, ZoneInfo("America/Los_Angeles"), ZoneInfo("Pacific/Honolulu"),
                         timezone.utc])
MOMENTS = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31),
                       timezones=st.just(timezone.utc))


@given(received=MOMENTS, zone=ZONES)
def test_r19_due_by_is_a_business_day_exactly_ten_business_days_after(received: datetime,
                                                                       zone: ZoneInfo) -> None:
    due = review_due_by(received, zone)
    local_day = received.astimezone(zone).date()
    assert due.weekday() < 5 and due not in FEDERAL_2026
    assert is_business_day(due)
    assert business_days_between(local_day, due) == 10
    assert business_days_between(local_day, due - timedelta(days=1)) == 9
    assert due == add_business_days(local_day, 10)


@given(received=MOMENTS, today=st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 2, 1)))
def test_r19_overdue_before_splits_the_texts_exactly_where_the_due_date_passes(
        received: datetime, today: date) -> None:
    overdue = review_due_by(received, NEW_YORK) < today
    assert overdue == (received < overdue_before(today, NEW_YORK))
