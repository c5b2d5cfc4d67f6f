"""Free text is stored as it reads on every backend: PostgreSQL refuses NUL in text."""

from models.inbound import process_inbound
from models.schema import InboundMessage
from models.text import note_or_none, storable


def test_control_characters_are_dropped_but_line_breaks_kept():
    assert storable("ST\x00OP\x07\tnow\nplease\r\n") == "STOP\tnow\nplease\r\n"
    assert note_or_none("  \x00 ") is None
    assert note_or_none(" at the desk\x1b ") == "at the desk"


def test_a_text_with_a_nul_is_processed_and_stored_without_it(add_client):
    client = add_client()
    result = process_inbound("+15555550123", "STOP\x00", sid="SM-nul")
    assert result.action == "opt_out" and result.clients == (client,)
    assert InboundMessage.get(InboundMessage.sid == "SM-nul").body == "STOP"
