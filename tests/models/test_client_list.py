"""The client list: search, filters and their counts, list rows, archived clients leaving it."""

from __future__ import annotations

import pytest

from models.client_list import ClientFilter, client_ids, client_rows, filter_counts
from models.clients import archive_client
from models.consent import set_switch
from models.errors import NotFound
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client

NUMBER = "+15555550123"


@pytest.fixture
def people(staff, add_client):
    ids = {
        "dana": add_client("Dana", "Reyes", email="dana@example.com", mobile="(555) 555-0123"),
        "sam": add_client("Sam", "Reyes", status="prospect", email="sam@example.com", mobile="+15555550124"),
        "mary": add_client("Mary Ann", "O'Brien", email="mob@example.com", mobile=None),
        "lee": add_client("Lee", "Kim", email=None, mobile="+12125550199", home_phone="+12125550100"),
    }
    return ids


@pytest.mark.parametrize("text, expected", [
    ("", ["lee", "mary", "dana", "sam"]),
    ("rey", ["dana", "sam"]),
    ("ann", ["mary"]),  # any word's start
    ("o'bri", ["mary"]),
    ("(555) 555-0123", ["dana"]),
    ("+1 555 555 0123", ["dana"]),
    ("555.555.01", ["dana", "sam"]),
    ("2125550100", ["lee"]),  # the home phone
    ("dana@", ["dana"]),
    ("example.com", ["mary", "dana", "sam"]),
    ("nobody", []),
    ("%", []),
    ("_", []),
    ("'; DROP TABLE client; --", []),
])
def test_search_by_name_phone_in_any_format_or_email(people, text, expected):
    assert client_ids(text) == [people[name] for name in expected]
    assert Client.select().count() == 4


def test_filters_and_counts(people, staff):
    process_inbound("+15555550124", "STOP", sid="SM-stop")
    process_inbound("+12125550199", "please stop", sid="SM-review")
    set_switch(staff["employee"], people["mary"], Channel.EMAIL, Switch.MARKETING, False)
    assert client_ids(which=ClientFilter.MEMBERS) == [people[n] for n in ("lee", "mary", "dana")]
    assert client_ids(which=ClientFilter.PROSPECTS) == [people["sam"]]
    assert client_ids(which=ClientFilter.STOP_LOCKED) == [people["sam"]]
    assert client_ids(which=ClientFilter.NEEDS_REVIEW) == [people["lee"]]
    # An opt-out is a refusal: Sam's STOP and Mary's email marketing turned off. SMS and voice
    # marketing that start off by default (R4a) were never on, so they are no opt-out.
    assert set(client_ids(which=ClientFilter.ANY_OPT_OUT)) == {people["sam"], people["mary"]}
    assert client_ids("rey", ClientFilter.STOP_LOCKED) == [people["sam"]]
    counts = filter_counts()
    assert counts[ClientFilter.ALL] == 4 and counts[ClientFilter.STOP_LOCKED] == 1
    assert counts[ClientFilter.NEEDS_REVIEW] == 1 and counts[ClientFilter.PROSPECTS] == 1
    rows = client_rows(client_ids())
    assert rows[people["sam"]].stop_locked and rows[people["sam"]].opted_out
    assert rows[people["lee"]].needs_review and not rows[people["lee"]].stop_locked
    assert rows[people["dana"]].name == "Dana Reyes" and rows[people["dana"]].mobile == NUMBER
    assert client_rows([]) == {}


def test_r14_archived_clients_leave_the_list_but_not_the_database(people, staff):
    archive_client(staff["manager"], people["dana"])
    assert people["dana"] not in client_ids()
    assert people["dana"] in client_ids(include_archived=True)
    archive_client(staff["owner"], people["dana"], archived=False)
    assert people["dana"] in client_ids()
    with pytest.raises(NotFound):
        archive_client(staff["owner"], 999)


def test_any_opt_out_filter_agrees_with_the_rule(db):
    """The filter's SQL and rules.is_opted_out() describe one rule: they select the same clients."""
    from models.consent import load_consent
    from models.rules import is_opted_out
    from models.seed import seed
    from models.settings import load_studio

    seed(300, rng_seed=3)
    defaults = load_studio().marketing_defaults
    by_rule = set()
    for client in Client.select(Client.id).where(Client.archived == False):  # noqa: E712
        channels = load_consent(client.id).channels
        if any(is_opted_out(consent, defaults[channel]) for channel, consent in channels.items()):
            by_rule.add(client.id)
    assert 0 < len(by_rule) < 300
    assert set(client_ids(which=ClientFilter.ANY_OPT_OUT)) == by_rule
    assert filter_counts()[ClientFilter.ANY_OPT_OUT] == len(by_rule)
