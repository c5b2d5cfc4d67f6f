"""The Messages search (issue 10): by a number typed in any format, or by words of the text,
in SQL with the typed text taken literally (DESIGN §7)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.inbound import process_inbound, recent_messages


def _bodies(search: str) -> list[str]:
    return [m.body for m in recent_messages(50, search=search)]


def test_number_in_any_format_and_words_in_any_order_and_case(db) -> None:
    process_inbound("(555) 555-0123", "Please STOP texting me", sid="SM1")
    process_inbound("(212) 555-0100", "See you at 6!", sid="SM2")
    for typed in ("555-0123", "+1 555 555 0123", "(555) 555", "15555550123"):
        assert _bodies(typed) == ["Please STOP texting me"], typed
    assert _bodies("texting stop") == ["Please STOP texting me"]
    assert _bodies("stop 6") == []  # every word must be in the text
    assert _bodies("") == ["See you at 6!", "Please STOP texting me"]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="%_\\'\";-– abcSTOP0123", max_size=12))
def test_any_search_text_is_taken_literally(db, search: str) -> None:
    if not recent_messages(1):
        process_inbound("(555) 555-0123", "Please STOP texting me", sid="SM1")
    found = _bodies(search)
    words = search.casefold().split()
    assert found in ([], ["Please STOP texting me"])
    if found and any(ch.isalpha() for ch in search):
        assert all(word in "please stop texting me" for word in words)
