"""The keywords clients text (R9, R10), in pure Python: what a text's body means for consent.

Like `models.rules`, nothing here touches the database or Qt; inbound texts, message logs and
the review queue all ask `classify_body()`, so a keyword is recognised in one place.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .rules import Keyword

OPT_OUT_KEYWORDS = frozenset(
    {"stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit", "optout", "opt out",
     "opt-out", "revoke"}
)
OPT_IN_KEYWORDS = frozenset({"start", "unstop"})
HELP_KEYWORDS = frozenset({"help", "info"})
ALL_KEYWORDS = OPT_OUT_KEYWORDS | OPT_IN_KEYWORDS | HELP_KEYWORDS


def _as_word(keyword: str) -> str:
    """A keyword as a word of a longer text: "opt-out" also as "opt out", "stop" also as
    "stopped" or "stopping"."""
    stem = r"[\s-]?".join(re.escape(part) for part in re.split(r"[\s-]+", keyword))
    return stem + r"(?:s|d|ed|ing|ping|ped|led|ling|ting)?"


#: Every opt-out keyword as a word (R10), plus the ways people ask in their own words, and the
#: opt-out words carriers do not block (Spanish, REMOVE…): whole words only, so "stopwatch" and
#: "weekend" stay ordinary, while "Baja California trip?" goes to review — a person dismisses a
#: false alarm in a second, a missed opt-out costs the studio per text.
_REVIEW_PATTERN = re.compile(
    r"\b(?:" + "|".join(_as_word(word) for word in sorted(OPT_OUT_KEYWORDS | {"unsub", "opt me out"}))
    + r"|remove|take me off|leave me alone|do not (?:text|contact|call|message)"
    r"|don'?t (?:text|contact|call|message)|no more (?:texts?|messages?|calls?|emails?)"
    r"|alto|parar|baja|cancelar|no m[aá]s mensajes?)\b"
)
_TRAILING_PUNCTUATION = re.compile(r"[\W_]+$")
_WHITESPACE = re.compile(r"\s+")
#: Curly and look-alike quotes typed by phones, as the straight ones R9 compares.
_QUOTES = str.maketrans("\u2018\u2019\u201a\u201b\u02bc\u2032`\u00b4\u201c\u201d\u201e\u201f\u2033",
                        "'" * 8 + '"' * 5)
#: Letters of other scripts that look like the Latin letters of the keywords (R9), as they read
#: after case-folding: Cyrillic "ЅТОР" is "stop" to the eye. Only the common Cyrillic (first
#: line) and Greek (second) look-alikes: Unicode's full confusables table is not in the standard
#: library, and this only decides between review and "none" (R10), never a change of consent.
_LOOKALIKES = str.maketrans("авеёѕіїјкмнорстухԁԛԝӏүһ" "αβεζηικμνορτυχ",
                            "abeesiijkmhopctyxdqwlyh" "abezhikmnoptyx")
_SQUASHED_KEYWORDS = frozenset(re.sub(r"[\s-]", "", word) for word in ALL_KEYWORDS)
_LONGEST_KEYWORD = max(map(len, _SQUASHED_KEYWORDS))
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize_body(body: str) -> str:
    """Return a text's body as R9 compares it: NFKC, format characters (zero-width space and
    joiners, byte-order mark, word joiner, soft hyphen, direction marks) removed, curly quotes
    straight, case-folded, inner whitespace collapsed, trimmed, no trailing punctuation."""
    text = unicodedata.normalize("NFKC", body)
    if not text.isascii():  # ASCII has no format characters: most texts skip the walk
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # soft hyphen is Cf
    text = text.translate(_QUOTES).casefold()
    text = _WHITESPACE.sub(" ", text).strip()
    return _TRAILING_PUNCTUATION.sub("", text).strip()


def _reads_as_keyword(text: str) -> bool:
    """Whether a person would read a normalized text as a keyword that it does not match
    exactly (R9): its letters spaced out or dotted ("s t o p", "S-T-O-P"), or written with
    look-alike letters of another script — with those, one letter off still counts, since
    Cyrillic "СТОР" (its С reads as a C) is someone typing STOP on a Cyrillic keyboard."""
    if len(text) - text.count(" ") > 3 * _LONGEST_KEYWORD:  # a sentence: skip the work below
        return False
    squashed = _NOT_ALNUM.sub("", text)
    if squashed in _SQUASHED_KEYWORDS:
        return True
    latin = squashed.translate(_LOOKALIKES)
    if len(latin) > _LONGEST_KEYWORD or latin == squashed:
        return False
    return any(len(word) == len(latin) and sum(a != b for a, b in zip(word, latin)) <= 1
               for word in _SQUASHED_KEYWORDS)


#: How many distinct bodies `classify_body` remembers: a provider's log repeats its texts
#: ("STOP", "Thanks!", "Yes") thousands of times, and a pure function need not read them again.
CLASSIFIED_BODIES = 65_536


@lru_cache(maxsize=CLASSIFIED_BODIES)
def classify_body(body: str) -> Keyword:
    """Classify an inbound text (R9, R10).

    Only an exact keyword changes consent. "YES" is never an opt-in: clients answer YES to
    appointment confirmations. A text that merely contains an opt-out word, or that reads as a
    keyword without being one, goes to review. (Remembered for the last CLASSIFIED_BODIES
    bodies: the same body always means the same.)
    """
    text = normalize_body(body)
    if text in OPT_OUT_KEYWORDS:
        return Keyword.OPT_OUT
    if text in OPT_IN_KEYWORDS:
        return Keyword.OPT_IN
    if text in HELP_KEYWORDS:
        return Keyword.HELP
    latin = text if text.isascii() else text.translate(_LOOKALIKES)
    if _reads_as_keyword(text) or _REVIEW_PATTERN.search(latin):
        return Keyword.REVIEW
    return Keyword.NONE


def may_mean_appointment(body: str) -> bool:
    """Whether an opt-out may have meant an appointment: a bare CANCEL locks (R9, carriers
    block it) but salon clients text it to cancel a booking, so staff should call (R10)."""
    return normalize_body(body) == "cancel"


@lru_cache(maxsize=CLASSIFIED_BODIES)
def meaning_of(body: str) -> tuple[Keyword, bool]:
    """A body's keyword, and whether the text waits in Needs review: one that looks like an
    opt-out (R10), or a bare CANCEL, which locks its number (R9) but is flagged for a call:
    salon clients text CANCEL to cancel an appointment (models.review)."""
    keyword = classify_body(body)
    return keyword, keyword is Keyword.REVIEW or (keyword is Keyword.OPT_OUT and may_mean_appointment(body))
