"""Addresses: phone numbers to E.164 and their time zones, email addresses to one spelling.

Built on the `phonenumbers` and `email-validator` libraries; nothing here is hand-rolled.
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import timezone as phone_timezone

from .errors import InvalidAddress

_LETTERS = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=65536)  # a message log repeats its numbers: parse each once
def normalize_phone(raw: str, region: str = "US") -> str:
    """Return `raw` as E.164 (`+15555550123`), or raise InvalidAddress naming the problem.

    Numbers typed the way people type them are accepted ("(555) 555-0123", "555.555.0123",
    "+1 555 555 0123"). Fictional 555 numbers are possible numbers, so they are accepted too.
    """
    text = raw.strip()
    if not text:
        raise InvalidAddress("phone number is empty")
    if _LETTERS.search(text):
        raise InvalidAddress(f"phone number {raw!r} contains letters")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidAddress(f"phone number {raw!r} is not a phone number") from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        problem = {
            phonenumbers.ValidationResult.TOO_SHORT: "is too short",
            phonenumbers.ValidationResult.TOO_LONG: "is too long",
            phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "has no area code",
            phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "has an unknown country code",
        }.get(reason, "is not a possible phone number")
        raise InvalidAddress(f"phone number {raw!r} {problem}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_optional_phone(raw: str | None, region: str = "US") -> str | None:
    """`normalize_phone`, with a blank cell meaning no number."""
    if raw is None or not raw.strip():
        return None
    return normalize_phone(raw, region)


def normalize_email(raw: str) -> str:
    """Return the address in one spelling (lower case), or raise InvalidAddress."""
    text = raw.strip()
    if not text:
        raise InvalidAddress("email address is empty")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidAddress(f"email address {raw!r} is not valid: {error}") from None
    return result.normalized.lower()


def normalize_optional_email(raw: str | None) -> str | None:
    """`normalize_email`, with a blank cell meaning no address."""
    if raw is None or not raw.strip():
        return None
    return normalize_email(raw)


@lru_cache(maxsize=1)
def _nanp_area_zones() -> dict[str, tuple[str, ...]]:
    """Every time zone each North American area code spans, from phonenumbers' time-zone data
    (which it keys by prefixes of the number: "1212", or "1208457" where an area is split)."""
    from phonenumbers.tzdata import TIMEZONE_DATA

    areas: dict[str, set[str]] = {}
    for prefix, names in TIMEZONE_DATA.items():
        if prefix.startswith("1") and len(prefix) >= 4:
            areas.setdefault(prefix[1:4], set()).update(names)
    return {area: tuple(sorted(names - {phone_timezone.UNKNOWN_TIMEZONE})) for area, names in areas.items()}


@lru_cache(maxsize=4096)
def zones_for_number(e164: str) -> tuple[ZoneInfo, ...]:
    """The time zones of a number's area code; empty where the data does not know (R17).

    A North American area code that spans two zones gives both, so quiet hours hold a message
    until it is 8 a.m. in each of them.
    """
    if e164.startswith("+1"):
        names: tuple[str, ...] = _nanp_area_zones().get(e164[2:5], ())
    else:
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            return ()
        names = tuple(n for n in phone_timezone.time_zones_for_number(number)
                      if n != phone_timezone.UNKNOWN_TIMEZONE)
    zones = []
    for name in names:
        try:
            zones.append(ZoneInfo(name))
        except ZoneInfoNotFoundError:
            continue
    return tuple(zones)


def display_phone(e164: str | None) -> str:
    """A number as people read it: national format at home, international abroad."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 1
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, fmt)


def digits(text: str) -> str:
    """The digits of a search text, for matching phone numbers typed in any format."""
    return re.sub(r"\D", "", text)
