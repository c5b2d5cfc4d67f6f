"""R10: a text that contains an opt-out word but is not exactly a keyword goes to Needs review."""

import pytest

from models.keywords import OPT_OUT_KEYWORDS, classify_body, may_mean_appointment
from models.rules import Keyword
from tests.models.test_keywords_property import DESIGN_OPT_OUT

#: R10's words that carriers do not block, as DESIGN.md lists them: review alone or in a sentence.
DESIGN_REVIEW_WORDS = ["ALTO", "PARAR", "BAJA", "CANCELAR", "no más mensajes", "no mas mensajes",
                       "REMOVE", "no more text", "no more texts", "don't text me", "don\u2019t text me"]


# Over DESIGN R9's opt-out words and the implementation's table: neither may lose one.
@pytest.mark.parametrize("word", sorted({w.casefold() for w in DESIGN_OPT_OUT} | OPT_OUT_KEYWORDS))
def test_r10_every_opt_out_word_in_a_sentence_goes_to_review(word):
    assert classify_body(f"please {word} these texts") is Keyword.REVIEW
    assert classify_body(f"{word.upper()} IT") is Keyword.REVIEW


@pytest.mark.parametrize("words", DESIGN_REVIEW_WORDS)
def test_r10_designs_review_words_go_to_review_alone_or_in_a_sentence(words):
    assert classify_body(words) is Keyword.REVIEW
    assert classify_body(f"Hi, {words.lower()} please") is Keyword.REVIEW


@pytest.mark.parametrize("text", ["opt me out", "take me off your list", "don't text me again",
                                  "I already unsubscribed", "stopped wanting these"])
def test_r10_opt_outs_in_a_clients_own_words_go_to_review(text):
    assert classify_body(text) is Keyword.REVIEW


@pytest.mark.parametrize("text", ["See you at the weekend", "YES", "Thanks!", "endorsement"])
def test_r10_ordinary_replies_are_not_review(text):
    assert classify_body(text) is Keyword.NONE


@pytest.mark.parametrize("text", ["Cancelar mi cita", "¡ALTO!", "Baja, por favor", "favor de parar",
                                  "No más mensajes.", "Please REMOVE", "Don\u2019t text me anymore",
                                  "baja california trip?"])
def test_r10_spanish_and_carrier_unblocked_words_are_review_as_whole_words(text):
    # "Baja California" goes to review too: R10 says any reasonable means counts, so a listed
    # word standing alone as a word is reviewed; staff dismiss a false alarm in a second.
    assert classify_body(text) is Keyword.REVIEW


@pytest.mark.parametrize("text", ["stopwatch", "See you the weekend", "altogether fine",
                                  "bajar de peso", "removed my card", "no more classes this week",
                                  "don't be late", "cancellation policy?", "Alton Towers"])
def test_r10_near_misses_of_review_words_stay_ordinary(text):
    assert classify_body(text) is Keyword.NONE


@pytest.mark.parametrize("text, flagged", [("CANCEL", True), ("cancel.", True), (" Cancel! ", True),
                                           ("\u200bCANCEL", True), ("STOP", False),
                                           ("cancel my 3pm", False), ("CANCELAR", False)])
def test_r10_a_bare_cancel_locks_and_may_have_meant_an_appointment(text, flagged):
    assert may_mean_appointment(text) is flagged
    if flagged:
        assert classify_body(text) is Keyword.OPT_OUT  # R9: carriers block CANCEL, so it locks
