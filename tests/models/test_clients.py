"""Clients in the model layer: validating and adding them (R4a), importing them (R4a, R7),
changing their addresses (R3, R6, R7), who shares an address (R18), search, filters and list
rows, and archiving.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models.clients import (
    ClientFilter,
    add_client,
    archive_client,
    client_ids,
    client_rows,
    filter_counts,
    housemates,
    import_clients,
    make_draft,
    update_addresses,
)
from models.consent import load_consent, set_switch
from models.errors import (
    ConsentLocked,
    InvalidAddress,
    InvalidInput,
    NotFound,
    StaleData,
)
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client, ConsentEvent, StopLock

NUMBER = "+15555550123"
HEADER = "first_name,last_name,email,mobile,home_phone,status"


def write_csv(path: Path, lines: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


def events() -> int:
    return ConsentEvent.select().count()


# --- Drafts and adding ---------------------------------------------------------------------------

def test_make_draft_normalizes_addresses():
    draft = make_draft(" Dana ", " Reyes", status="Member", email="Dana.Reyes@Example.COM",
                       mobile="(555) 555-0123", home_phone="212.555.0100")
    assert (draft.first_name, draft.last_name, draft.status) == ("Dana", "Reyes", "member")
    assert (draft.email, draft.mobile, draft.home_phone) == ("dana.reyes@example.com", NUMBER, "+12125550100")
    assert make_draft("Solo", "", email=" ", mobile="").mobile is None


@pytest.mark.parametrize("kwargs, words", [
    ({"first_name": "", "last_name": " "}, "name"),
    ({"email": "dana@@example"}, "email"),
    ({"mobile": "555-CALL-NOW"}, "mobile"),
    ({"mobile": "12345"}, "mobile"),
    ({"home_phone": "+1 555 555 0123 4567"}, "home_phone"),
    ({"status": "vip"}, "status"),
    ({"first_name": "x" * 121}, "longer"),
    ({"marketing": {Channel.SMS: True}}, "consent_method"),
])
def test_make_draft_refuses_bad_fields_naming_them(kwargs, words):
    fields = {"first_name": "Dana", "last_name": "Reyes", **kwargs}
    with pytest.raises(InvalidInput, match=words):
        make_draft(fields.pop("first_name"), fields.pop("last_name"), **fields)


def test_r4a_adding_a_client_records_the_switches_it_starts_with(staff):
    before = events()
    change = add_client(staff["employee"], make_draft("Dana", "Reyes", email="dana@example.com",
                                                      mobile=NUMBER))
    client = change.client_ids[0]
    new = list(ConsentEvent.select().where(ConsentEvent.id > before))
    assert [(e.channel, e.switch, e.new, e.method) for e in new] == [
        (None, "client", "added (prospect)", None),
        ("email", "all", "on", "studio_default"), ("email", "marketing", "on", "studio_default"),
        ("sms", "all", "on", "studio_default"), ("voice", "all", "on", "studio_default")]
    assert all(e.client_id == client and e.actor == "Eli Employee" for e in new)
    assert set(change.event_ids) == {e.id for e in new}


def test_r7_client_added_with_a_locked_mobile_starts_locked(staff):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(staff["owner"], make_draft("Sam", "Reyes", mobile="555 555 0123")).client_ids[0]
    assert Client.get_by_id(client).sms_all is False and sms(client).stop_locked
    assert load_consent(client).channels[Channel.VOICE].effective_all  # the lock is SMS only


# --- Import ------------------------------------------------------------------------------------------

def test_import_applies_good_rows_and_lists_bad_ones_by_row(db, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Dana,Reyes,dana@example.com,(555) 555-0123,,member",
        "Sam,Reyes,sam@@example.com,555-555-0124,,member",
        ",,,,,",
        "Ana,Silva,,call me,,prospect",
        "Lee,Kim,lee@example.com,,(212) 555-0100,alumni",
        "Omar,Haddad,omar@example.com,,,",
        "Too,Many,x@example.com,,,member,extra",
    ])
    summary = import_clients(path)
    assert summary.imported == 2
    assert [(s["row"], s["reason"].split(":")[0]) for s in summary.skipped] == [
        (3, "email"), (5, "mobile"), (6, "status 'alumni' is not member or prospect"),
        (8, "more cells than the header has")]
    names = {(c.first_name, c.status) for c in Client.select()}
    assert names == {("Dana", "member"), ("Omar", "prospect")}
    assert all(e.source == "import" and e.actor == "client import"
               for e in ConsentEvent.select().where(ConsentEvent.client.is_null(False)))


def test_import_twice_is_safe(db, tmp_path):
    path = write_csv(tmp_path / "clients.csv", ["Dana,Reyes,dana@example.com,(555) 555-0123,,member",
                                                "Dana,Reyes,dana@example.com,+15555550123,,member"])
    first = import_clients(path)
    assert first.imported == 1 and first.skipped[0]["row"] == 3  # the same person twice in one file
    before = events()
    again = import_clients(path)
    assert again.imported == 0 and [s["row"] for s in again.skipped] == [2, 3]
    assert all("already on file" in s["reason"] for s in again.skipped)
    assert Client.select().count() == 1 and events() == before


def test_r7_import_of_a_client_with_a_locked_mobile_starts_with_sms_all_off(db, tmp_path):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    path = write_csv(tmp_path / "clients.csv",
                     ["Sam,Reyes,,(555) 555-0123,,member,yes,signed_form"],
                     header=HEADER + ",sms_marketing,consent_method")
    summary = import_clients(path)
    client = summary.client_ids[0]
    stored = Client.get_by_id(client)
    assert stored.sms_all is False and stored.voice_all is True
    assert sms(client).stop_locked and not sms(client).effective_marketing
    assert not ConsentEvent.select().where((ConsentEvent.client == client) & (ConsentEvent.channel == "sms")
                                           & (ConsentEvent.switch == "all")).exists()


def test_r4a_import_records_marketing_with_its_consent_method(db, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Dana,Reyes,dana@example.com,(555) 555-0123,,member,yes,no,signed_form",
        "Sam,Reyes,sam@example.com,(555) 555-0124,,member,yes,,",
        "Ana,Silva,ana@example.com,,,member,,,telepathy",
    ], header=HEADER + ",sms_marketing,email_marketing,consent_method")
    summary = import_clients(path)
    assert summary.imported == 1
    assert [s["row"] for s in summary.skipped] == [3, 4]
    assert "consent_method" in summary.skipped[0]["reason"]
    dana = load_consent(summary.client_ids[0])
    assert dana.channels[Channel.SMS].effective_marketing  # recorded consent
    assert not dana.channels[Channel.EMAIL].marketing  # recorded opt-out beats the default
    event = ConsentEvent.get((ConsentEvent.channel == "sms") & (ConsentEvent.switch == "marketing"))
    assert event.method == "signed_form" and event.source == "import"


def test_import_refuses_a_file_it_cannot_use_and_changes_nothing(db, tmp_path):
    missing_columns = tmp_path / "short.csv"
    missing_columns.write_text("first_name,last_name,email\nDana,Reyes,d@example.com\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="missing columns mobile, home_phone, status"):
        import_clients(missing_columns)
    with pytest.raises(InvalidInput, match="no such file"):
        import_clients(tmp_path / "nothere.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InvalidInput):
        import_clients(binary)
    with pytest.raises(InvalidInput, match="folder"):
        import_clients(tmp_path)
    assert Client.select().count() == 0


# --- Addresses (R6: the lock belongs to the number) -----------------------------------------------

def test_r6_mobile_changed_to_a_locked_number_is_locked(staff, add_client):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(mobile="+12125550199")
    assert sms(client).effective_all
    update_addresses(staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None)
    stored = Client.get_by_id(client)
    assert stored.mobile == NUMBER and stored.sms_all is False and sms(client).stop_locked
    event = ConsentEvent.select().order_by(ConsentEvent.id.desc()).get()
    assert (event.channel, event.switch, event.old, event.new) == ("sms", "all", "on", "off")


def test_r7_mobile_typed_in_another_format_cannot_dodge_the_lock(staff, add_client):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(mobile="+12125550199")
    update_addresses(staff["employee"], client, email=None, mobile="(555) 555-0123", home_phone=None)
    assert Client.get_by_id(client).mobile == NUMBER
    assert sms(client).stop_locked and Client.get_by_id(client).sms_all is False
    with pytest.raises(ConsentLocked):
        set_switch(staff["owner"], client, Channel.SMS, Switch.ALL, True, method="in_person")
    assert Client.get_by_id(client).sms_all is False


def test_update_addresses_refuses_malformed_addresses_and_changes_nothing(staff, add_client):
    client = add_client()
    before = Client.select().where(Client.id == client).dicts().get()
    for bad in ({"email": "dana@example.com", "mobile": "call me", "home_phone": None},
                {"email": "not an email", "mobile": NUMBER, "home_phone": None},
                {"email": "dana@example.com", "mobile": NUMBER, "home_phone": "12"}):
        with pytest.raises(InvalidAddress):
            update_addresses(staff["employee"], client, **bad)
    assert Client.select().where(Client.id == client).dicts().get() == before


def test_r6_mobile_changed_away_is_unlocked_and_the_old_number_stays_locked(staff, add_client):
    dana, sam = add_client("Dana", "Reyes"), add_client("Sam", "Reyes")
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    update_addresses(staff["employee"], sam, email=None, mobile="+12125550199", home_phone=None)
    assert not sms(sam).stop_locked
    set_switch(staff["employee"], sam, Channel.SMS, Switch.ALL, True, method="in_person")  # no longer refused
    assert sms(sam).effective_all
    assert StopLock.get_or_none(StopLock.number == NUMBER) is not None
    assert sms(dana).stop_locked and not sms(dana).effective_all


def test_r4a_first_address_starts_from_the_studio_defaults(staff, add_client):
    client = add_client(email=None, mobile=None)
    update_addresses(staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None)
    state = load_consent(client)
    assert state.channels[Channel.EMAIL].effective_all and state.channels[Channel.EMAIL].effective_marketing
    assert state.channels[Channel.SMS].effective_all and not state.channels[Channel.SMS].marketing


def test_r3_an_opt_out_survives_the_address_being_removed_and_given_again(staff, add_client):
    client = add_client()
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False, note="no email, ever")
    set_switch(staff["employee"], client, Channel.VOICE, Switch.ALL, False, note="no calls")
    update_addresses(staff["employee"], client, email=None, mobile=None, home_phone=None)
    update_addresses(staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None)
    state = load_consent(client)
    assert not state.channels[Channel.EMAIL].effective_all  # only the client can turn it back on
    assert not state.channels[Channel.VOICE].effective_all
    assert state.channels[Channel.SMS].effective_all  # kept as it was: on


def test_update_addresses_refuses_stale_versions(staff, add_client):
    client = add_client()
    shown = load_consent(client).version
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.MARKETING, False)
    with pytest.raises(StaleData):
        update_addresses(staff["employee"], client, email="new@example.com", mobile=NUMBER,
                         home_phone=None, expected_version=shown)
    assert Client.get_by_id(client).email == "dana@example.com"
    with pytest.raises(NotFound):
        update_addresses(staff["employee"], 999, email=None, mobile=None, home_phone=None)


# --- R18: who shares an address --------------------------------------------------------------------

def test_r18_housemates_lists_who_shares_the_mobile_or_email(staff, add_client):
    dana = add_client("Dana", "Reyes", email="family@example.com", mobile="(555) 555-0123")
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile="+1 555 555 0123")
    alex = add_client("Alex", "Reyes", email="family@example.com", mobile="+12125550199")
    archived = add_client("Old", "Reyes", email="family@example.com", mobile=NUMBER)
    add_client("Ana", "Silva", email="ana@example.com", mobile="+12125550198")
    archive_client(staff["manager"], archived)
    assert [(h.client_id, h.name, h.shares) for h in housemates(dana)] == [
        (sam, "Sam Reyes", "mobile"), (alex, "Alex Reyes", "email")]
    assert [(h.name, h.shares) for h in housemates(sam)] == [("Dana Reyes", "mobile")]
    # A STOP from the shared number reaches everyone housemates() named for it (R6).
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    assert sms(dana).stop_locked and sms(sam).stop_locked and not sms(alex).stop_locked
    with pytest.raises(NotFound):
        housemates(999)


def test_r18_no_housemates_without_shared_addresses(add_client):
    assert housemates(add_client(email=None, mobile=None)) == []
    assert housemates(add_client("Ana", "Silva", email="ana@example.com", mobile="+12125550198")) == []


# --- Finding and listing ---------------------------------------------------------------------------

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
