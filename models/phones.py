"""Addresses: phone numbers to E.164 and their time zones, email addresses to one spelling.

Built on the `phonenumbers` and `email-validator` libraries; nothing here is hand-rolled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any, Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidAddress
from .wording import Phrase, message_of, say


class _OnFirstUse:
    """A library module imported when first used: a message log of numbers already in E.164
    (the fast path below) needs neither `phonenumbers` nor `email-validator`, 40 ms of the
    command's start-up (issue 12)."""

    def __init__(self, load: Callable[[], ModuleType]) -> None:
        self._load = load

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._load(), attribute)
        setattr(self, attribute, value)  # a module's functions and constants: looked up once
        return value


# Written as import statements, not imported by name: the built app's bundler (PyInstaller)
# finds a module by the imports it reads in the code, and left email_validator out.
def _phonenumbers() -> ModuleType:
    import phonenumbers as module
    return module


def _phone_timezone() -> ModuleType:
    from phonenumbers import timezone as module
    return module


def _email_validator() -> ModuleType:
    import email_validator as module
    return module


phonenumbers: Any = _OnFirstUse(_phonenumbers)
phone_timezone: Any = _OnFirstUse(_phone_timezone)
_email: Any = _OnFirstUse(_email_validator)

_LETTERS = re.compile(r"[A-Za-z]")
#: A North American number in one of the ways people type it most: "(212) 555-0123",
#: "212.555.0123", "1-212-555-0123", "+1 212 555 0123", "+12125550123". ASCII digits only, an
#: area code and exchange that start with 2-9. For these `phonenumbers` always says "+1" and
#: the ten digits (tests/models/test_phone_fast_path.py holds the two to the same answers); it
#: decides every other spelling, and every refusal.
_NANP = re.compile(r"(?P<plus>\+)?(?P<one>1[ .-]?)?(?:\((?P<a1>[2-9][0-9]{2})\)|(?P<a2>[2-9][0-9]{2}))"
                   r"[ .-]?(?P<exchange>[2-9][0-9]{2})[ .-]?(?P<line>[0-9]{4})")


def _typed_nanp(text: str, region: str) -> str | None:
    """`text` (stripped) as E.164 when it is a plain North American number, else None."""
    found = _NANP.fullmatch(text)
    if found is None or (found["plus"] and not found["one"]):
        return None
    if not found["plus"] and region != "US":
        return None  # without "+1", what the digits mean depends on the region
    return f"+1{found['a1'] or found['a2']}{found['exchange']}{found['line']}"


@lru_cache(maxsize=65536)  # a message log repeats its numbers: parse each once
def normalize_phone(raw: str, region: str = "US") -> str:
    """Return `raw` as E.164 (`+15555550123`), or raise InvalidAddress naming the problem.

    Numbers typed the way people type them are accepted ("(555) 555-0123", "555.555.0123",
    "+1 555 555 0123"). Fictional 555 numbers are possible numbers, so they are accepted too.
    """
    text = raw.strip()
    typed = _typed_nanp(text, region)
    if typed is not None:
        return typed
    if not text:
        raise InvalidAddress(say("phone number is empty"))
    if _LETTERS.search(text):
        raise InvalidAddress(say("phone number {raw!r} contains letters", raw=raw))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidAddress(say("phone number {raw!r} is not a phone number", raw=raw)) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        problem = {
            phonenumbers.ValidationResult.TOO_SHORT: say("phone number {raw!r} is too short",
                                                         raw=raw),
            phonenumbers.ValidationResult.TOO_LONG: say("phone number {raw!r} is too long",
                                                        raw=raw),
            phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: say(
                "phone number {raw!r} has no area code", raw=raw),
            phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: say(
                "phone number {raw!r} has an unknown country code", raw=raw),
        }.get(reason) or say("phone number {raw!r} is not a possible phone number", raw=raw)
        raise InvalidAddress(problem)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_optional_phone(raw: str | None, region: str = "US") -> str | None:
    """`normalize_phone`, with a blank cell meaning no number."""
    if raw is None or not raw.strip():
        return None
    return normalize_phone(raw, region)


@dataclass(frozen=True, slots=True)
class AddressCheck:
    """A typed address checked as the person types: its one spelling, or the problem."""

    #: E.164 or the email's one spelling; None when blank or not valid.
    value: str | None
    #: What is wrong, in one line ("Phone number '555' is too short"); None when valid or blank.
    problem: str | None = None
    #: How a valid phone number reads, with where it is: "(212) 555-0123 · NY".
    shown: str = ""


def check_phone(text: str, region: str = "US") -> AddressCheck:
    """`normalize_optional_phone` for a field being typed: never raises."""
    try:
        value = normalize_optional_phone(text, region)
    except InvalidAddress as error:
        return AddressCheck(None, _sentence(message_of(error)))
    if value is None:
        return AddressCheck(None)
    where = state_for_number(value) or _country_of(value)
    return AddressCheck(value, None, " · ".join(part for part in (display_phone(value), where) if part))


def check_email(text: str) -> AddressCheck:
    """`normalize_optional_email` for a field being typed: never raises."""
    try:
        value = normalize_optional_email(text)
    except InvalidAddress as error:
        return AddressCheck(None, _sentence(message_of(error)))
    return AddressCheck(value, None, value or "")


def _sentence(text: str) -> str:
    if isinstance(text, Phrase):
        return text.as_sentence()
    return text[:1].upper() + text[1:]


def _country_of(e164: str) -> str:
    """The two-letter region of a number outside North America ("GB"); "" at home."""
    if e164.startswith("+1"):
        return ""
    return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) or ""


#: An address whose part before the @ is a plain dot-atom of ASCII letters, digits and the
#: usual signs, and whose domain is ASCII labels: `email-validator` takes such a part before
#: the @ as it is, so only its domain is asked of the library (`_plain_domain`), once per
#: domain. tests/models/test_phone_fast_path.py holds this to the library's answers.
_PLAIN_EMAIL = re.compile(r"(?P<local>[A-Za-z0-9_!#$%&'*+/=?^`{|}~-]{1,64}(?:\.[A-Za-z0-9_!#$%&'*+/=?^`{|}~-]+)*)"
                          r"@(?P<domain>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)")


@lru_cache(maxsize=4096)  # a client file names a few domains thousands of times
def _plain_domain(domain: str) -> bool:
    """Whether `email-validator` takes an address at `domain` (lower case) as it is."""
    try:
        result = _email.validate_email(f"a@{domain}", check_deliverability=False)
    except _email.EmailNotValidError:
        return False
    return result.normalized == f"a@{domain}"


def _plain_email(text: str) -> str | None:
    """`text` (stripped) in its one spelling when it is a plain ASCII address the library
    would take as it is; None for the library to decide."""
    if len(text) > 254:
        return None
    found = _PLAIN_EMAIL.fullmatch(text)
    if found is None or len(found["local"]) > 64:
        return None
    lowered = text.lower()
    return lowered if _plain_domain(found["domain"].lower()) else None


def normalize_email(raw: str) -> str:
    """Return the address in one spelling (lower case), or raise InvalidAddress."""
    text = raw.strip()
    if not text:
        raise InvalidAddress(say("email address is empty"))
    plain = _plain_email(text)
    if plain is not None:
        return plain
    try:
        result = _email.validate_email(text, check_deliverability=False)
    except _email.EmailNotValidError as error:
        raise InvalidAddress(say("email address {raw!r} is not valid: {error}", raw=raw,
                                  error=str(error))) from None
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


#: Each US state's (and DC's) area codes, as phonenumbers' geocoder names them ("Florida",
#: "Miami, FL"; the few prefixes of an area it places elsewhere are outvoted by the rest). Kept
#: here rather than asked of the geocoder at run time, because importing it loads the whole
#: world's place names, about 100 MB and half a second; tests/models/test_phones.py checks
#: this table against the installed geocoder, and prints the new one when a release adds codes.
AREA_CODES_BY_STATE: dict[str, str] = {
    "AK": "907",
    "AL": "205 251 256 334 659 938",
    "AR": "327 479 501 870",
    "AZ": "480 520 602 623 928",
    "CA": ("209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 "
           "661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951"),
    "CO": "303 719 720 748 970 983",
    "CT": "203 475 860 959",
    "DC": "202 771",
    "DE": "302",
    "FL": "239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954",
    "GA": "229 404 470 478 678 706 762 770 912 943",
    "HI": "808",
    "IA": "319 515 563 641 712",
    "ID": "208 986",
    "IL": "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872",
    "IN": "219 260 317 463 574 765 812 930",
    "KS": "316 620 785 913",
    "KY": "270 364 502 606 859",
    "LA": "225 318 337 504 985",
    "MA": "339 351 413 508 617 774 781 857 978",
    "MD": "227 240 301 410 443 667",
    "ME": "207",
    "MI": "231 248 269 313 517 586 616 734 810 906 947 989",
    "MN": "218 320 507 612 651 763 952",
    "MO": "235 314 417 557 573 636 660 816 975",
    "MS": "228 601 662 769",
    "MT": "406",
    "NC": "252 336 472 704 743 828 910 919 980 984",
    "ND": "701",
    "NE": "308 402 531",
    "NH": "603",
    "NJ": "201 551 609 640 732 848 856 862 908 973",
    "NM": "505 575",
    "NV": "702 725 775",
    "NY": "212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934",
    "OH": "216 220 234 283 326 330 380 419 440 513 567 614 740 937",
    "OK": "405 539 572 580 918",
    "OR": "458 503 541 971",
    "PA": "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878",
    "RI": "401",
    "SC": "803 821 839 843 854 864",
    "SD": "605",
    "TN": "423 615 629 731 865 901 931",
    "TX": ("210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 "
           "915 936 940 945 956 972 979"),
    "UT": "385 435 801",
    "VA": "276 434 540 571 686 703 757 804 826 948",
    "VT": "802",
    "WA": "206 253 360 425 509 564",
    "WI": "262 274 353 414 534 608 715 920",
    "WV": "304 681",
    "WY": "307",
}
_STATE_OF_AREA = {area: state for state, areas in AREA_CODES_BY_STATE.items() for area in areas.split()}


def state_for_number(e164: str | None) -> str | None:
    """The US state (two letters, "FL") of a number's area code, for the state quiet hours of
    R17; None outside the US, for a number without one (555) or without a number."""
    if not e164 or not e164.startswith("+1"):
        return None
    return _STATE_OF_AREA.get(e164[2:5])


@lru_cache(maxsize=4096)
def display_phone(e164: str | None) -> str:
    """A number as people read it: national format at home, international abroad.

    Remembered: parsing and formatting a number cost a profile ~0.1 ms each, several times
    over (issue 12)."""
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
