"""Who shares an address with a client (R18)."""

from __future__ import annotations

import pytest

from models.clients import archive_client
from models.consent import load_consent
from models.errors import NotFound
from models.households import housemates
from models.inbound import process_inbound
from models.rules import Channel

NUMBER = "+15555550123"


def sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


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
