"""The fast paths of `models.phones` (issue 12: an import of 100,000 clients asked the libraries
200,000 times): a plain North American number and a plain ASCII email are read without
`phonenumbers` / `email-validator`, and for every text the fast path answers, its answer is the
library's. Anything else, and every refusal, is still the library's own."""

from __future__ import annotations

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from models import phones
from models.errors import InvalidAddress


def library_phone(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def library_email(text: str) -> str | None:
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


_digit = st.sampled_from("0123456789")
_sep = st.sampled_from(["", "", " ", ".", "-", "  ", "/"])


@st.composite
def typed_numbers(draw: st.DrawFn) -> str:
    """Numbers spelled as people spell them, and near misses (a 0/1 area code or exchange,
    a digit too many or too few, stray signs)."""
    area = "".join(draw(st.lists(_digit, min_size=3, max_size=3)))
    exchange = "".join(draw(st.lists(_digit, min_size=3, max_size=3)))
    line = "".join(draw(st.lists(_digit, min_size=3, max_size=5)))
    if draw(st.booleans()):
        area = f"({area})"
    prefix = draw(st.sampled_from(["", "", "1", "+1", "+", "+44", "011", "1 ", "+1 ", "0"]))
    return (prefix + draw(_sep) + area + draw(_sep) + exchange + draw(_sep) + line
            + draw(st.sampled_from(["", "", " ", "x12"])))


@settings(max_examples=600, deadline=None)
@given(text=st.one_of(typed_numbers(), st.text("0123456789 .-()+1", max_size=16)),
       region=st.sampled_from(["US", "US", "CA", "GB"]))
def test_a_number_the_fast_path_reads_is_read_as_phonenumbers_reads_it(text, region):
    fast = phones._typed_nanp(text.strip(), region)
    if fast is not None:
        assert fast == library_phone(text.strip(), region), (text, region)
    try:
        normalized = phones.normalize_phone(text, region)
    except InvalidAddress:
        normalized = None
    # A number with letters in it is refused before the library is asked (a typo, not a vanity number).
    expected = None if any(ch.isalpha() for ch in text) else library_phone(text.strip(), region)
    assert normalized == expected, (text, region)


def test_the_fast_path_reads_the_usual_spellings():
    for text in ("(212) 555-0123", "212.555.0123", "212-555-0123", "1-212-555-0123",
                 "+1 212 555 0123", "+12125550123", "2125550123", " 1 (212) 555-0123 "):
        assert phones._typed_nanp(text.strip(), "US") == "+12125550123", text
    assert phones._typed_nanp("2125550123", "GB") is None  # digits alone: the region decides


_local = st.text("abcXYZ09._-+'!#$%&*/=?^`{|}~\"é ", min_size=0, max_size=12)
_domain = st.one_of(
    st.sampled_from(["example.com", "Example.COM", "x.io", "mail.test", "localhost", "a.b",
                     "123.45", "xn--bcher-kva.example", "ex-ample.org", "-bad.com", "bad-.com",
                     "a..b.com", "b\u00fccher.de", "a.c0m", "sub.example.co.uk"]),
    st.text("abcXZ09.-", min_size=1, max_size=12))


@settings(max_examples=800, deadline=None)
@given(local=_local, domain=_domain, at=st.sampled_from(["@", "@", "@@", ""]))
def test_an_email_the_fast_path_reads_is_read_as_email_validator_reads_it(local, domain, at):
    text = f"{local}{at}{domain}"
    fast = phones._plain_email(text.strip())
    if fast is not None:
        assert fast == library_email(text.strip()), text
    if not text.strip():
        return
    try:
        normalized = phones.normalize_email(text)
    except InvalidAddress:
        normalized = None
    assert normalized == library_email(text.strip()), text


@pytest.mark.parametrize("text", ["a" * 64 + "@example.com", "a" * 65 + "@example.com",
                                  "a@" + ".".join(["b" * 63] * 4) + ".com", "x@example.com"])
def test_lengths_are_the_librarys_to_judge(text):
    try:
        normalized = phones.normalize_email(text)
    except InvalidAddress:
        normalized = None
    assert normalized == library_email(text)
