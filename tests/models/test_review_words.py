"""R10: a text that contains an opt-out word but is not exactly a keyword goes to Needs review."""

import pytest

from models.rules import OPT_OUT_KEYWORDS, Keyword, classify_body


@pytest.mark.parametrize("word", sorted(OPT_OUT_KEYWORDS))
def test_r10_every_opt_out_word_in_a_sentence_goes_to_review(word):
    assert classify_body(f"please {word} these texts") is Keyword.REVIEW
    assert classify_body(f"{word.upper()} IT") is Keyword.REVIEW


@pytest.mark.parametrize("text", ["opt me out", "take me off your list", "don't text me again",
                                  "I already unsubscribed", "stopped wanting these"])
def test_r10_opt_outs_in_a_clients_own_words_go_to_review(text):
    assert classify_body(text) is Keyword.REVIEW


@pytest.mark.parametrize("text", ["See you at the weekend", "YES", "Thanks!", "endorsement"])
def test_r10_ordinary_replies_are_not_review(text):
    assert classify_body(text) is Keyword.NONE
