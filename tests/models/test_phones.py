"""A number's state, for the state quiet hours of R17: phones.py keeps each area code's state,
taken from phonenumbers' geocoder; these tests hold it to the installed geocoder."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import phonenumbers
import pytest
from phonenumbers import geocoder

from models.phones import AREA_CODES_BY_STATE, state_for_number, zones_for_number

#: The names the geocoder gives US states (and DC) where it names no town.
US_STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK",
    "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC",
    "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT",
    "Virginia": "VA", "Washington State": "WA", "Washington D.C.": "DC", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY"}


def state_of_description(description: str) -> str | None:
    """"Florida" → FL, "Miami, FL" → FL, "Etobicoke, ON" (Canada) → None."""
    if description in US_STATES:
        return US_STATES[description]
    match = re.search(r", ([A-Z]{2})$", description)
    return match.group(1) if match and match.group(1) in US_STATES.values() else None


def test_r17_area_code_states_agree_with_the_installed_geocoder():
    from phonenumbers.geodata import GEOCODE_DATA  # the world's place names: tests only

    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for prefix, names in GEOCODE_DATA.items():
        if prefix.startswith("1") and len(prefix) >= 4 and "en" in names:
            state = state_of_description(names["en"])
            if state:
                votes[prefix[1:4]][state] += 1
    expected: defaultdict[str, list[str]] = defaultdict(list)
    for area, counted in sorted(votes.items()):
        expected[counted.most_common(1)[0][0]].append(area)
    expected_table = {state: " ".join(areas) for state, areas in sorted(expected.items())}
    stored = {state: " ".join(areas.split()) for state, areas in AREA_CODES_BY_STATE.items()}
    assert stored == expected_table, "phonenumbers changed: update phones.AREA_CODES_BY_STATE to\n" + \
        "\n".join(f'    "{state}": "{areas}",' for state, areas in expected_table.items())


@pytest.mark.parametrize("number, state", [
    ("+13055550123", "FL"), ("+18505550123", "FL"), ("+12125550123", "NY"), ("+12035550123", "CT"),
    ("+14015550123", "RI"), ("+12145550123", "TX"), ("+19155550123", "TX"), ("+14105550123", "MD"),
    ("+16015550123", "MS"), ("+12015550123", "NJ"), ("+14055550123", "OK"), ("+12025550123", "DC")])
def test_r17_state_for_number_names_the_area_codes_state(number, state):
    assert state_for_number(number) == state
    assert state_for_number(number[:5]) == state  # the "+1NPA" key the audience groups by
    real = phonenumbers.parse(number[:5] + "2345678")
    assert state_of_description(geocoder.description_for_number(real, "en")) == state


@pytest.mark.parametrize("number", ["+15555550123", "+14165550123", "+442071234567", "", None])
def test_r17_no_state_outside_the_us_or_without_an_area(number):
    assert state_for_number(number) is None


def test_r17_a_state_spanning_two_zones_keeps_both():
    # The Florida panhandle (+1 850) is in Chicago's and New York's zones.
    assert {zone.key for zone in zones_for_number("+18505550123")} == {"America/Chicago", "America/New_York"}
