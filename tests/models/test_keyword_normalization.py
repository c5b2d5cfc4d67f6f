"""R9: a keyword is compared after normalization, and a text that a person would read as a keyword
without matching it exactly goes to review (R10), never to "none"."""

import pytest

from models.keywords import classify_body, normalize_body
from models.rules import Keyword

#: Unicode format characters phones and copy-paste put into texts (DESIGN R9's list).
INVISIBLE = {"zero-width space": "\u200b", "zero-width non-joiner": "\u200c",
             "zero-width joiner": "\u200d", "byte-order mark": "\ufeff", "word joiner": "\u2060",
             "soft hyphen": "\u00ad", "left-to-right mark": "\u200e", "right-to-left mark": "\u200f"}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_r9_stop_with_an_invisible_character_in_front_locks(char):
    assert classify_body(f"{char}STOP") is Keyword.OPT_OUT
    assert classify_body(f"STOP{char}") is Keyword.OPT_OUT
    assert classify_body(f"S{char}T{char}O{char}P") is Keyword.OPT_OUT  # removed, so exact
    assert classify_body(f"{char}START") is Keyword.OPT_IN


def test_r9_curly_quotes_count_as_straight_ones():
    assert normalize_body("Don\u2019t text me") == normalize_body("don't text me") == "don't text me"
    assert normalize_body("\u201cSTOP\u201d") == normalize_body('"stop"')


@pytest.mark.parametrize("text", ["S T O P", "s.t.o.p", "S-T-O-P", "S. T. O. P.", "s t o p a l l",
                                  "U N S U B S C R I B E", "o-p-t o-u-t", "C A N C E L", "Q.U.I.T"])
def test_r9_letters_spaced_out_go_to_review(text):
    assert classify_body(text) is Keyword.REVIEW


@pytest.mark.parametrize("text", ["\u0421\u0422\u041e\u0420",  # СТОР, all Cyrillic
                                  "\u0405\u0422\u041e\u0420",  # ЅТОР, all Cyrillic
                                  "ST\u041eP", "\u0391LL STOP", "ST\u039fP",
                                  "\u039f\u03a1\u03a4 \u039fU\u03a4",  # OPT OUT, Greek O, P, T
                                  "\u0415ND", "QU\u0406T", "\u0405TART", "\u0405 T O P"])
def test_r9_look_alike_letters_from_other_scripts_go_to_review(text):
    assert classify_body(text) is Keyword.REVIEW


@pytest.mark.parametrize("text", ["\u0441\u043f\u0430\u0441\u0438\u0431\u043e",  # спасибо
                                  "\u0434\u0430", "\u039d\u03b1\u03b9", "\u043d\u0435\u0442"])
def test_r9_other_scripts_without_a_keyword_stay_ordinary(text):
    assert classify_body(text) is Keyword.NONE


@pytest.mark.parametrize("text", ["YES", "Y E S", "\u0423\u0415\u0405", "yes\u200b"])
def test_r9_yes_is_never_an_opt_in_however_it_is_written(text):
    assert classify_body(text) is Keyword.NONE
