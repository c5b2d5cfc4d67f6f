"""A first end-to-end check of the model layer: add, STOP, refuse, START (R6, R7, R8)."""

import pytest

from models.consent import load_consent, set_switch
from models.errors import ConsentLocked
from models.inbound import process_inbound
from models.rules import Channel, Switch


def test_r7_stop_then_start_round_trip(staff, add_client):
    client = add_client()
    assert load_consent(client).channels[Channel.SMS].effective_all
    process_inbound("(555) 555-0123", "STOP", sid="SM1")
    with pytest.raises(ConsentLocked):
        set_switch(staff["owner"], client, Channel.SMS, Switch.ALL, True, method="in_person")
    assert not load_consent(client).channels[Channel.SMS].effective_all
    process_inbound("+15555550123", "start", sid="SM2")
    assert load_consent(client).channels[Channel.SMS].effective_all
