"""The stricter quiet hours of some states (R17): the one table of them, and a number's window.

Federal quiet hours (8 a.m.–9 p.m. local, every day) are `rules.FEDERAL_HOURS`; a number whose
area code lies in a state below is held outside that state's window instead. Correct the table
here and everything follows: the grid, `status` and the campaign audience all ask `hours_for`.
"""

from __future__ import annotations

from datetime import time
from typing import Mapping

from .phones import state_for_number
from .rules import FEDERAL_HOURS, QUIET_END, QUIET_START, QuietHours

Hours = tuple[int, int]
#: A day on which nothing held may be sent: `sunday=CLOSED`.
CLOSED: Hours = (0, 0)


def week(weekdays: Hours, *, saturday: Hours | None = None, sunday: Hours | None = None) -> QuietHours:
    """A week of windows, from whole hours on the 24-hour clock, Monday first; Saturday and
    Sunday as weekdays unless given. A state's window never widens the federal one."""
    days = [weekdays] * 5 + [saturday or weekdays, sunday or weekdays]
    windows = [(max(time(start), QUIET_END), min(time(end), QUIET_START)) for start, end in days]
    return tuple(window if window[0] < window[1] else None for window in windows)


#: By the recipient's state (from the area code, `phones.state_for_number`): the hours in which
#: telephone solicitation is allowed, as DESIGN R17 lists them. Sources, to check against the
#: statute's current text before relying on a change (several are recent amendments):
#: FL Fla. Stat. §501.059(8)(a); MD Md. Code, Com. Law §14-4503 (Stop the Spam Calls Act);
#: MS Miss. Code §77-3-725; NJ N.J. Stat. §56:8-130; OK Okla. Stat. tit. 15 §775C.3;
#: CT Conn. Gen. Stat. §42-288a; RI R.I. Gen. Laws §5-61-3.4 (its text may also restrict
#: Sundays and holidays: `sunday=CLOSED` says so); TX Tex. Bus. & Com. Code
#: §301.051 (the hours; §305.053 is the state-law action for breaking the federal rules).
STATE_HOURS: Mapping[str, QuietHours] = {
    "FL": week((8, 20)),
    "MD": week((8, 20)),
    "MS": week((8, 20)),
    "NJ": week((8, 20)),
    "OK": week((8, 20)),
    "CT": week((9, 20)),
    "RI": week((9, 18), saturday=(10, 17), sunday=(10, 17)),
    "TX": week((9, 21), sunday=(12, 21)),
}


def hours_for(number: str | None) -> QuietHours:
    """The window in which held kinds may go to a number now: its state's, or the federal one.

    Takes an E.164 number or the "+1NPA" key the audience groups by: both give the area code.
    """
    return STATE_HOURS.get(state_for_number(number) or "", FEDERAL_HOURS)
