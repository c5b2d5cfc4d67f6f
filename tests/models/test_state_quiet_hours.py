"""R17: the stricter quiet hours of a number's state, by weekday, in every zone of its area code;
the grid, the audience and `status` (tests/test_cli.py) ask the same table."""

from __future__ import annotations

import itertools
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.consent import audience, load_consent, set_switch
from models.phones import state_for_number, zones_for_number
from models.quiet_hours import CLOSED, STATE_HOURS, hours_for, week
from models.rules import (
    CHANNELS,
    FEDERAL_HOURS,
    MESSAGE_KINDS,
    Channel,
    ChannelConsent,
    ClientAI,
    MessageKind,
    StudioAI,
    Switch,
    can_send,
    held_until,
)

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
DENVER = ZoneInfo("America/Denver")

#: R17's state table as DESIGN.md words it: (from, until) in whole hours, Monday first.
EVERY_DAY_8_TO_8 = ((8, 20),) * 7
DESIGN_STATE_WINDOWS = {
    "FL": EVERY_DAY_8_TO_8, "MD": EVERY_DAY_8_TO_8, "MS": EVERY_DAY_8_TO_8,
    "NJ": EVERY_DAY_8_TO_8, "OK": EVERY_DAY_8_TO_8,
    "CT": ((9, 20),) * 7,
    "RI": ((9, 18),) * 5 + ((10, 17),) * 2,
    "TX": ((9, 21),) * 6 + ((12, 21),),
}
#: A number in each state of the table, and New York's and Canada's for the federal window only.
NUMBERS = {"FL": "+13055550101", "FL panhandle": "+18505550102", "MD": "+14105550103",
           "MS": "+16015550104", "NJ": "+12015550105", "OK": "+14055550106", "CT": "+12035550107",
           "RI": "+14015550108", "TX": "+12145550109", "TX El Paso": "+19155550110",
           "NY": "+12125550111", "ON": "+14165550112", "no area": "+15555550113"}


def local(zone: ZoneInfo, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026: the 26th is a Thursday, the 28th a Saturday, the 29th a Sunday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=zone)


def campaign(number: str, now: datetime):
    consent = ChannelConsent(Channel.SMS, number, True, True)
    return can_send(consent, MessageKind.CAMPAIGN, studio_ai=StudioAI(), client_ai=ClientAI(),
                    is_member=True, now=now, zones=zones_for_number(number), hours=hours_for(number))


def test_r17_the_state_table_is_designs():
    as_hours = {state: tuple((start.hour, end.hour) for start, end in days)
                for state, days in STATE_HOURS.items()}
    assert as_hours == DESIGN_STATE_WINDOWS
    assert all(start.minute == end.minute == 0 for days in STATE_HOURS.values()
               for start, end in days)


def test_r17_florida_held_at_830pm_local_new_york_allowed():
    now = local(NEW_YORK, 26, 20, 30)
    florida, new_york = campaign(NUMBERS["FL"], now), campaign(NUMBERS["NY"], now)
    assert florida.held and florida.reason == "held until 8:00 a.m. local time"
    assert florida.held_until == local(NEW_YORK, 27, 8)
    assert new_york.allowed


@pytest.mark.parametrize("state", ["FL", "MD", "MS", "NJ", "OK"])
def test_r17_eight_to_eight_states(state):
    zone = CHICAGO if state in ("MS", "OK") else NEW_YORK
    assert campaign(NUMBERS[state], local(zone, 26, 19, 59)).allowed
    assert campaign(NUMBERS[state], local(zone, 26, 20, 0)).held_until == local(zone, 27, 8)
    assert campaign(NUMBERS[state], local(zone, 26, 7, 59)).held_until == local(zone, 26, 8)


def test_r17_connecticut_nine_to_eight():
    assert campaign(NUMBERS["CT"], local(NEW_YORK, 26, 8, 30)).reason == "held until 9:00 a.m. local time"
    assert campaign(NUMBERS["CT"], local(NEW_YORK, 26, 9)).allowed
    assert campaign(NUMBERS["CT"], local(NEW_YORK, 26, 20, 15)).held_until == local(NEW_YORK, 27, 9)


@pytest.mark.parametrize("now, release", [
    (local(NEW_YORK, 28, 17, 30), local(NEW_YORK, 29, 10)),   # Saturday after 5 p.m.: Sunday 10 a.m.
    (local(NEW_YORK, 27, 18, 30), local(NEW_YORK, 28, 10)),   # Friday after 6 p.m.: Saturday 10 a.m.
    (local(NEW_YORK, 29, 17, 0), local(NEW_YORK, 30, 9)),     # Sunday 5 p.m.: Monday 9 a.m.
    (local(NEW_YORK, 29, 9, 30), local(NEW_YORK, 29, 10)),    # Sunday 9:30: 10 a.m.
    (local(NEW_YORK, 30, 9, 30), None), (local(NEW_YORK, 28, 16, 59), None)])
def test_r17_rhode_island_weekday_and_weekend_windows(now, release):
    decision = campaign(NUMBERS["RI"], now)
    assert decision.held_until == release
    if release is not None:
        assert decision.reason == f"held until {release.hour}:00 a.m. local time"


def test_r17_texas_sunday_from_noon_in_each_of_its_zones():
    sunday = campaign(NUMBERS["TX"], local(CHICAGO, 29, 10, 30))
    assert sunday.held_until == local(CHICAGO, 29, 12) and sunday.reason == "held until 12:00 p.m. local time"
    assert campaign(NUMBERS["TX"], local(CHICAGO, 28, 10, 30)).allowed  # Saturday
    assert campaign(NUMBERS["TX"], local(CHICAGO, 28, 8, 30)).held_until == local(CHICAGO, 28, 9)
    # El Paso keeps Mountain time: noon there is 1 p.m. in Dallas.
    assert campaign(NUMBERS["TX El Paso"], local(CHICAGO, 29, 12, 30)).held_until == local(DENVER, 29, 12)


def test_r17_state_window_across_the_zones_of_one_area_code():
    # +1 850 (Florida panhandle) is in New York's and Chicago's zones: at 8:30 p.m. in New York
    # (7:30 p.m. in Chicago) the New York part is past 8 p.m., and 8 a.m. New York is 7 a.m. in
    # Chicago, so the text waits for 8 a.m. Chicago.
    assert campaign(NUMBERS["FL panhandle"], local(NEW_YORK, 26, 20, 30)).held_until == local(CHICAGO, 27, 8)


def test_r17_a_closed_day_is_skipped_and_a_state_window_never_widens_the_federal_one():
    # The table is easy to correct: a state that allows nothing on Sundays is `sunday=CLOSED`.
    no_sundays = week((9, 18), saturday=(10, 17), sunday=CLOSED)
    assert no_sundays[6] is None
    assert held_until(local(NEW_YORK, 28, 17, 30), (NEW_YORK,), no_sundays) == local(NEW_YORK, 30, 9)
    assert week((7, 22))[0] == (time(8), time(21))


@pytest.mark.parametrize("name", ["NY", "ON", "no area"])
def test_r17_numbers_outside_the_table_keep_the_federal_window(name):
    assert hours_for(NUMBERS[name]) == FEDERAL_HOURS
    assert hours_for(None) == FEDERAL_HOURS


def in_design_window(state: str | None, moment: datetime, zone: ZoneInfo) -> bool:
    here = moment.astimezone(zone)
    start, end = DESIGN_STATE_WINDOWS[state][here.weekday()] if state in DESIGN_STATE_WINDOWS else (8, 21)
    return time(start) <= here.time() < time(end)


@settings(max_examples=300, deadline=None)
@given(now=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                        timezones=st.just(timezone.utc)),
       name=st.sampled_from(sorted(NUMBERS)))
def test_r17_held_until_is_the_first_moment_inside_the_states_window_everywhere(now, name):
    number = NUMBERS[name]
    state, zones = state_for_number(number), zones_for_number(number) or (NEW_YORK,)
    release = held_until(now, zones, hours_for(number))
    if release is None:
        assert all(in_design_window(state, now, zone) for zone in zones)
        return
    assert not all(in_design_window(state, now, zone) for zone in zones)
    assert now < release <= now + timedelta(days=2)
    assert all(in_design_window(state, release, zone) for zone in zones), (name, release)
    earlier = release - timedelta(minutes=1)
    assert earlier < now or not all(in_design_window(state, earlier, zone) for zone in zones)


# --- The audience counts what the grid shows (issue 7's agreement, with the states) ------------------

TIMES = [local(NEW_YORK, 26, 20, 30), local(NEW_YORK, 28, 17, 30), local(CHICAGO, 29, 10, 30),
         local(DENVER, 29, 11, 30), local(NEW_YORK, 30, 8, 30), local(NEW_YORK, 26, 15, 0)]


def test_r17_audience_agrees_with_the_grid_for_state_numbers(staff, add_client):
    employee = staff["employee"]
    clients = []
    for index, (name, number) in enumerate(NUMBERS.items()):
        client = add_client(name, "Client", email=f"c{index}@example.com", mobile=number,
                            home_phone=number[:-2] + "99")
        for channel in (Channel.SMS, Channel.VOICE, Channel.HOME):
            set_switch(employee, client, channel, Switch.MARKETING, True, method="signed_form")
        clients.append(client)
    held_somewhere = set()
    for now in TIMES:
        grids = [load_consent(client, now=now).receives for client in clients]
        for channel, kind in itertools.product(CHANNELS, MESSAGE_KINDS):
            decisions = [grid[channel][kind] for grid in grids]
            counted = audience(channel, kind, now)
            assert (counted.allowed, counted.held) == (sum(d.allowed for d in decisions),
                                                       sum(d.held for d in decisions)), (channel, kind, now)
        held_somewhere.add(sum(grid[Channel.SMS][MessageKind.CAMPAIGN].held for grid in grids))
    assert len(held_somewhere) > 2  # the times tell the states apart: not all held or all allowed
