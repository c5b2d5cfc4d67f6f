"""Property tests (hypothesis) for the keyword parser (R9, R10), the STOP lock it drives (R6–R8),
can_send() (R1, R2, R12, R13, R17) and phone number normalization.

The oracles here are written from DESIGN.md, not copied from models/rules.py: the keyword lists
are DESIGN's, and the normalization an independent reading of R9.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from models.phones import normalize_phone
from models.keywords import classify_body
from models.rules import CHANNELS, MESSAGE_KINDS, Channel, ChannelConsent, ClientAI, Keyword, MessageKind, ResponseTime, StudioAI, can_send, held_until

#: R9, as DESIGN.md words them.
DESIGN_OPT_OUT = ("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT",
                  "OPT OUT", "OPT-OUT", "REVOKE")
DESIGN_OPT_IN = ("START", "UNSTOP")
DESIGN_HELP = ("HELP", "INFO")
DESIGN_KEYWORDS = {w.casefold() for w in DESIGN_OPT_OUT + DESIGN_OPT_IN + DESIGN_HELP}

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)
#: For the tests that open a fresh database per example (`fresh_studio`); the fixture itself
#: is only the opener, so sharing it between examples is right. A fresh PostgreSQL database is
#: a wipe and a migration (about 0.1 s), so that run draws fewer examples.
DB_SETTINGS = settings(max_examples=25 if os.environ.get("OPTIN_DESK_TEST_DATABASE_URL") else 60,
                       deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


#: R9's format characters, the ones DESIGN names and the rest of Unicode's category Cf.
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad", "\u200e", "\u200f",
              "\u202a", "\u202c", "\u202e", "\u2066", "\u2069", "\u180e")
CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def r9_normalize(body: str) -> str:
    """R9 read independently: NFKC, format characters out, curly quotes straight, case-fold,
    collapse whitespace, trim, drop trailing punctuation."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", body) if unicodedata.category(ch) != "Cf")
    text = " ".join(text.translate(CURLY).casefold().split())
    while text and not (text[-1].isalnum()):
        text = text[:-1].rstrip()
    return text


def letters_only(body: str) -> str:
    """A looser reading: every character that is not a letter or digit removed."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", body).casefold() if ch.isalnum())


def full_width(text: str) -> str:
    """ASCII letters, digits and punctuation as their full-width forms (NFKC folds them back)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else "\u3000" if ch == " " else ch
                   for ch in text)


# --- Strategies ----------------------------------------------------------------------------------

@st.composite
def dressed(draw, keyword: str) -> str:
    """A keyword as a client might type it: any case, spacing, trailing punctuation, full width."""
    flips = draw(st.lists(st.booleans(), min_size=1, max_size=12))
    text = "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(keyword, itertools.cycle(flips)))
    gaps = [draw(st.text(alphabet=" \t\u3000\u00a0", min_size=1, max_size=4)) for _ in text.split(" ")]
    text = "".join(part + (gaps[i] if i < len(gaps) - 1 else "") for i, part in enumerate(text.split(" ")))
    lead = draw(st.text(alphabet=" \t\n", max_size=3))
    trail = draw(st.text(alphabet=".!?,;:…)( -_'\"~*", max_size=4))
    space = draw(st.text(alphabet=" \t\n", max_size=3))
    text = lead + text + trail + space
    if draw(st.booleans()):
        text = full_width(text)
    return text


any_opt_out = st.sampled_from(DESIGN_OPT_OUT).flatmap(dressed)
any_opt_in = st.sampled_from(DESIGN_OPT_IN).flatmap(dressed)
yes_words = st.sampled_from(("YES", "Y", "YEP", "YEAH", "YES PLEASE", "YES!", "OK YES"))
any_yes = yes_words.flatmap(dressed)

any_help = st.sampled_from(DESIGN_HELP).flatmap(dressed)


@st.composite
def with_invisibles(draw, text: str) -> str:
    """`text` with format characters (zero-width space, BOM, word joiner…) anywhere in it."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(INVISIBLES)))
    return "".join(chars)


@st.composite
def spaced_out(draw, keyword: str) -> str:
    """A keyword's letters with spaces, dots or hyphens between every one: "S T O P", "s.t.o.p"."""
    letters = [ch for ch in keyword if ch.isalpha()]
    seps = [draw(st.sampled_from((" ", ".", "-", ". ", " - ", "  "))) for _ in letters[1:]]
    text = letters[0] + "".join(sep + letter for sep, letter in zip(seps, letters[1:]))
    return text.upper() if draw(st.booleans()) else text


#: Cyrillic and Greek letters that look like Latin ones, read from the glyphs, not from rules.py
#: (and none that NFKC turns into another letter: Greek lunate sigma Ϲ becomes Σ).
LOOKALIKE_OF = {"A": "\u0410\u0391", "B": "\u0412\u0392", "C": "\u0421", "E": "\u0415\u0395",
                "H": "\u041d\u0397", "I": "\u0406\u0399", "J": "\u0408", "K": "\u041a\u039a",
                "M": "\u041c\u039c", "N": "\u039d", "O": "\u041e\u039f", "P": "\u0420\u03a1",
                "S": "\u0405", "T": "\u0422\u03a4", "X": "\u0425\u03a7", "Y": "\u04ae\u03a5",
                "a": "\u0430", "c": "\u0441", "e": "\u0435", "i": "\u0456", "o": "\u043e\u03bf",
                "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443"}


@st.composite
def look_alike(draw, keyword: str) -> str:
    """A keyword, upper or lower case, with at least one letter from another script."""
    text = keyword.upper() if draw(st.booleans()) else keyword.lower()
    spots = [i for i, ch in enumerate(text) if ch in LOOKALIKE_OF]
    assume(spots)
    chosen = draw(st.lists(st.sampled_from(spots), min_size=1, unique=True))
    return "".join(draw(st.sampled_from(LOOKALIKE_OF[ch])) if i in chosen else ch
                   for i, ch in enumerate(text))

#: Text of any kind, and text built around keyword words to stress the near misses.
keyword_words = st.sampled_from(sorted({w for k in DESIGN_OPT_OUT + DESIGN_OPT_IN + DESIGN_HELP
                                        for w in re.split(r"[ -]", k.lower())} | {"yes", "please"}))
near_misses = st.lists(st.one_of(keyword_words, st.text(max_size=6)), min_size=1, max_size=5).map(
    lambda parts: " ".join(parts))
#: Every outcome of classify_body comes up often (see test_any_body_reaches_every_outcome):
#: random text alone reaches opt-in about once in a thousand bodies.
opt_out_in_a_sentence = st.builds(
    lambda prefix, word, suffix: f"{prefix} {word.lower()} {suffix}",
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
    st.sampled_from(DESIGN_OPT_OUT), st.text(max_size=12))
any_body = st.one_of(st.text(max_size=40), near_misses, opt_out_in_a_sentence, any_opt_out, any_opt_in,
                     any_help, any_yes)

#: Words with no opt-out word in them (R10), some of them close: keyword letters inside longer
#: words, opt-in and help words in a sentence, confirmations.
ORDINARY_WORDS = ("see", "you", "at", "6", "can", "i", "move", "my", "class", "thanks", "weekend",
                  "friend", "stopwatch", "endorsement", "quite", "quiet", "backend", "trending",
                  "cancellation", "information", "restart", "started", "helpful", "start", "help",
                  "info", "yes", "please", "no", "more", "classes", "don't", "be", "late")
ordinary_text = st.lists(st.sampled_from(ORDINARY_WORDS), min_size=2, max_size=6).map(" ".join)


# --- Keyword parser (R9, R10) ---------------------------------------------------------------------

@PROPERTY_SETTINGS
@given(any_body)
def test_r8_only_an_opt_in_keyword_classifies_as_opt_in(body):
    kind = classify_body(body)
    event(f"classified {kind}")  # pytest --hypothesis-show-statistics shows how often each came up
    if kind is Keyword.OPT_IN:
        assert letters_only(body) in ("start", "unstop")
        assert r9_normalize(body) in ("start", "unstop")


@PROPERTY_SETTINGS
@given(any_opt_out)
def test_r9_every_opt_out_keyword_in_any_dress_is_an_opt_out(body):
    assert classify_body(body) is Keyword.OPT_OUT


@PROPERTY_SETTINGS
@given(any_opt_in)
def test_r9_every_opt_in_keyword_in_any_dress_is_an_opt_in(body):
    assert classify_body(body) is Keyword.OPT_IN


@PROPERTY_SETTINGS
@given(st.sampled_from(DESIGN_OPT_OUT + DESIGN_OPT_IN + DESIGN_HELP).flatmap(
    lambda word: st.tuples(st.just(word), dressed(word).flatmap(with_invisibles))))
def test_r9_invisible_characters_anywhere_in_a_keyword_leave_the_keyword(case):
    word, body = case
    expected = (Keyword.OPT_OUT if word in DESIGN_OPT_OUT else
                Keyword.OPT_IN if word in DESIGN_OPT_IN else Keyword.HELP)
    assert classify_body(body) is expected


@PROPERTY_SETTINGS
@given(st.sampled_from(DESIGN_OPT_OUT + DESIGN_OPT_IN + DESIGN_HELP).flatmap(spaced_out))
def test_r9_a_keyword_with_its_letters_spaced_out_goes_to_review(body):
    assert classify_body(body) is Keyword.REVIEW


@PROPERTY_SETTINGS
@given(st.sampled_from(DESIGN_OPT_OUT + DESIGN_OPT_IN + DESIGN_HELP).flatmap(look_alike)
       .flatmap(lambda text: st.one_of(st.just(text), dressed(text), spaced_out(text))))
def test_r9_a_keyword_in_look_alike_letters_goes_to_review(body):
    assert classify_body(body) is Keyword.REVIEW


@PROPERTY_SETTINGS
@given(any_yes)
def test_r9_yes_variants_never_opt_in(body):
    assert classify_body(body) not in (Keyword.OPT_IN, Keyword.OPT_OUT)


@PROPERTY_SETTINGS
@given(prefix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
       word=st.sampled_from(DESIGN_OPT_OUT), suffix=st.text(max_size=12))
def test_r10_text_containing_an_opt_out_word_is_never_an_opt_out(prefix, word, suffix):
    body = f"{prefix} {word.lower()} {suffix}"
    assume(r9_normalize(body) not in DESIGN_KEYWORDS)
    assert classify_body(body) is Keyword.REVIEW


@PROPERTY_SETTINGS
@given(ordinary_text)
def test_r10_text_without_an_opt_out_word_is_not_review(body):
    assert classify_body(body) is Keyword.NONE


@PROPERTY_SETTINGS
@given(any_body)
def test_r9_only_exact_keywords_change_consent(body):
    kind = classify_body(body)
    if kind is Keyword.OPT_OUT:
        assert r9_normalize(body) in {w.casefold() for w in DESIGN_OPT_OUT}
    if kind in (Keyword.OPT_OUT, Keyword.OPT_IN, Keyword.HELP):
        assert r9_normalize(body) in DESIGN_KEYWORDS


def test_any_body_reaches_every_outcome():
    """The properties over `any_body` are only as good as the bodies it draws: each outcome,
    opt-in included, must come up in at least one body in twenty (deterministic: derandomized)."""
    seen: Counter[Keyword] = Counter()

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(any_body)
    def draw(body: str) -> None:
        seen[classify_body(body)] += 1

    draw()
    for kind in Keyword:
        assert seen[kind] * 20 >= seen.total(), seen


# --- The same, end to end on a database (R6, R7, R8, R10) ------------------------------------------

MOBILE = "+15555550123"


@DB_SETTINGS
@given(body=any_body)
def test_r8_no_body_but_an_opt_in_keyword_lifts_a_lock(fresh_studio, body):
    from models.consent import load_consent
    from models.inbound import process_inbound
    from models.schema import ConsentEvent, StopLock

    assume(letters_only(body) not in ("start", "unstop"))
    with fresh_studio() as studio:
        client = studio.add_client(mobile=MOBILE)
        process_inbound(MOBILE, "STOP", at=datetime.now(timezone.utc) - timedelta(days=1))
        events = ConsentEvent.select().count()

        result = process_inbound(MOBILE, body)

        assert result.action != "opt_in"
        assert StopLock.get_or_none(StopLock.number == MOBILE) is not None
        sms = load_consent(client).channels[Channel.SMS]
        assert sms.stop_locked and not sms.all and not sms.effective_all
        assert ConsentEvent.select().count() == events  # nothing changed, so nothing was recorded


@DB_SETTINGS
@given(prefix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
       word=st.sampled_from(DESIGN_OPT_OUT), suffix=st.text(max_size=12))
def test_r10_body_containing_an_opt_out_word_never_changes_consent(fresh_studio, prefix, word, suffix):
    from models.consent import load_consent
    from models.inbound import process_inbound
    from models.schema import ConsentEvent, StopLock

    body = f"{prefix} {word.lower()} {suffix}"
    assume(r9_normalize(body) not in DESIGN_KEYWORDS)
    number = "+12125550199"
    with fresh_studio() as studio:
        client = studio.add_client(mobile=number)
        events = ConsentEvent.select().count()

        result = process_inbound(number, body)

        assert result.action == "review" and not result.changed
        assert StopLock.get_or_none(StopLock.number == number) is None
        assert load_consent(client).channels[Channel.SMS].effective_all
        assert ConsentEvent.select().count() == events


@DB_SETTINGS
@given(body=any_opt_out)
def test_r6_every_opt_out_keyword_in_any_dress_locks(fresh_studio, body):
    from models.consent import load_consent
    from models.inbound import process_inbound
    from models.schema import StopLock

    with fresh_studio() as studio:
        client = studio.add_client(mobile=MOBILE)
        assert StopLock.get_or_none(StopLock.number == MOBILE) is None
        result = process_inbound(MOBILE, body)
        assert result.action == "opt_out"
        assert client in result.clients
        assert StopLock.get_or_none(StopLock.number == MOBILE) is not None
        assert not load_consent(client).channels[Channel.SMS].effective_all


# --- can_send (R1, R2, R12, R13, R17) --------------------------------------------------------------

#: Zone sets a real number has: one zone, or neighbouring zones of one area code (phonenumbers
#: gives +1 850 Chicago and New York, +1 541 Denver and Los Angeles, +1 907 Adak and Anchorage).
ZONE_SETS = [(ZoneInfo(name),) for name in ("America/New_York", "America/Chicago", "America/Denver",
                                            "America/Los_Angeles", "Pacific/Honolulu", "Europe/London")]
ZONE_SETS += [tuple(ZoneInfo(name) for name in names) for names in (
    ("America/Chicago", "America/New_York"), ("America/Chicago", "America/Denver"),
    ("America/Denver", "America/Los_Angeles"), ("America/Adak", "America/Anchorage"),
    ("America/Boise", "America/Denver", "America/Los_Angeles"))]

channel_consents = st.builds(
    ChannelConsent,
    channel=st.sampled_from(CHANNELS),
    address=st.one_of(st.none(), st.just("+12125550199"), st.just("a@example.com")),
    all=st.booleans(), marketing=st.booleans(), stop_locked=st.booleans(),
    stop_locked_at=st.none())
studio_ais = st.builds(StudioAI, enabled=st.booleans(), outreach=st.booleans(),
                       reply_all=st.booleans(), reply_members=st.booleans(),
                       response_time=st.sampled_from(ResponseTime),
                       response_minutes=st.integers(1, 1440))
client_ais = st.builds(ClientAI, outreach=st.booleans(), replies=st.booleans())
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                       timezones=st.just(timezone.utc))
zone_sets = st.one_of(st.just(()), st.sampled_from(ZONE_SETS))


@PROPERTY_SETTINGS
@given(consent=channel_consents, kind=st.sampled_from(MESSAGE_KINDS), studio_ai=studio_ais,
       client_ai=client_ais, member=st.booleans(), now=moments, zones=zone_sets)
def test_r1_can_send_never_allows_a_channel_whose_effective_all_is_off(
        consent, kind, studio_ai, client_ai, member, now, zones):
    decision = can_send(consent, kind, studio_ai=studio_ai, client_ai=client_ai, is_member=member,
                        now=now, zones=zones)
    all_on = consent.address is not None and consent.all and not consent.stop_locked
    assert all_on == consent.effective_all
    if not all_on:
        assert not decision.allowed and not decision.held
        assert decision.reason
    if decision.allowed:
        assert all_on
        # R2: a marketing kind needs Marketing on too.
        if kind in (MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH):
            assert consent.marketing
        # R13: an AI message needs the AI settings too.
        if kind is MessageKind.AI_OUTREACH:
            assert studio_ai.enabled and studio_ai.outreach and client_ai.outreach
        if kind is MessageKind.AI_REPLY:
            assert studio_ai.enabled and client_ai.replies
            assert studio_ai.reply_all or (studio_ai.reply_members and member)
    else:
        assert decision.reason  # the grid always says why


#: Random cases, and phone marketing on consent that blocks nothing, where quiet hours decide:
#: random cases alone are held in about one in 170 (see test_quiet_hour_strategies_reach_held).
phone_marketing_cases = st.fixed_dictionaries({
    "consent": st.builds(ChannelConsent, channel=st.sampled_from((Channel.SMS, Channel.VOICE, Channel.HOME)),
                         address=st.just("+12125550199"), all=st.just(True), marketing=st.just(True),
                         stop_locked=st.just(False), stop_locked_at=st.none()),
    "kind": st.sampled_from((MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH)),
    "now": moments, "zones": st.sampled_from(ZONE_SETS)})
quiet_hour_cases = st.one_of(
    st.fixed_dictionaries({"consent": channel_consents, "kind": st.sampled_from(MESSAGE_KINDS),
                           "now": moments, "zones": zone_sets}),
    phone_marketing_cases)


def _quiet_hours_decision(case):
    return can_send(case["consent"], case["kind"], studio_ai=StudioAI(), client_ai=ClientAI(),
                    is_member=True, now=case["now"], zones=case["zones"])


@PROPERTY_SETTINGS
@given(quiet_hour_cases)
def test_r17_only_phone_marketing_is_ever_held_and_only_at_night(case):
    consent, kind, now, zones = case["consent"], case["kind"], case["now"], case["zones"]
    decision = _quiet_hours_decision(case)
    event("held" if decision.held else "allowed" if decision.allowed else "blocked")
    if decision.held:
        assert not decision.allowed
        assert consent.channel is not Channel.EMAIL
        assert kind in (MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH)
        assert decision.held_until > now
        assert any(not 8 <= now.astimezone(zone).hour < 21 for zone in zones)
        assert all(8 <= decision.held_until.astimezone(zone).hour < 21 for zone in zones)
        assert decision.reason.startswith("held until ") and decision.reason.endswith(" local time")


def test_quiet_hour_strategies_reach_held():
    """The property above checks only held decisions: at least one case in twenty must be one."""
    seen: Counter[str] = Counter()

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(quiet_hour_cases)
    def draw(case) -> None:
        seen["held" if _quiet_hours_decision(case).held else "not held"] += 1

    draw()
    assert seen["held"] * 20 >= seen.total(), seen


# --- Phone numbers ---------------------------------------------------------------------------------

@st.composite
def us_number_spellings(draw) -> tuple[str, str]:
    area = f"{draw(st.integers(2, 9))}{draw(st.integers(0, 9))}{draw(st.integers(0, 9))}"
    exchange = f"{draw(st.integers(2, 9))}{draw(st.integers(0, 9))}{draw(st.integers(0, 9))}"
    line = f"{draw(st.integers(0, 9999)):04d}"
    prefix = draw(st.sampled_from(["", "+1", "+1 ", "1", "1 ", "1-", "+1-", "1.", "+1 ("]))
    area_part = f"({area})" if draw(st.booleans()) and not prefix.endswith("(") else area
    if prefix.endswith("("):
        area_part = area + ")"
    sep1 = draw(st.sampled_from(["", " ", "-", ".", "  "]))
    sep2 = draw(st.sampled_from(["", " ", "-", ".", "  "]))
    outer = draw(st.sampled_from(["", " ", "\t"]))
    return outer + prefix + area_part + sep1 + exchange + sep2 + line + outer, f"+1{area}{exchange}{line}"


@PROPERTY_SETTINGS
@given(us_number_spellings(), us_number_spellings())
def test_any_spelling_of_a_us_number_normalizes_to_the_same_e164(first, second):
    spelled, e164 = first
    assert normalize_phone(spelled) == e164
    assert normalize_phone(e164) == e164  # idempotent
    other_spelled, other_e164 = second
    assert (normalize_phone(spelled) == normalize_phone(other_spelled)) == (e164 == other_e164)


@settings(max_examples=400, deadline=None)
@given(now=moments, zones=st.sampled_from(ZONE_SETS))
def test_r17_held_until_is_8am_to_9pm_in_every_zone_of_the_number(now, zones):
    release = held_until(now, zones)
    in_window = [8 <= now.astimezone(zone).hour < 21 for zone in zones]
    if release is None:
        assert all(in_window)
    else:
        assert not all(in_window)
        assert now < release <= now + timedelta(hours=26)
        for zone in zones:
            local = release.astimezone(zone)
            assert 8 <= local.hour < 21, (zone, local)
        # …and no earlier: a minute before, some zone is still in its quiet hours.
        earlier = release - timedelta(minutes=1)
        assert earlier < now or any(not 8 <= earlier.astimezone(zone).hour < 21 for zone in zones)
