"""The words several screens share: channel, switch, role, status and filter labels,
Hailee's switches, and how the model layer's sentences are said (issue 14).

Every label is translated when it is read, never when this module is imported: a language
chosen under View ▸ Language then shows everywhere the next window is built. The channel
names are the rules' own (`models.rules.CHANNEL_LABELS`), so a reason such as "Phone calls All
is off" matches the row it is shown on, in English and in Spanish.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterator, Mapping, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QObject

from models.client_filter import ClientFilter
from models.rules import CHANNEL_LABELS, Channel, Switch
from models.staff import Role
from models.wording import CONTEXT as MODEL_CONTEXT
from models.wording import Phrase, message_of

_Key = TypeVar("_Key")


def spoken(text: object) -> str:
    """A sentence of the model layer (a `Phrase`, or an error raised with one) in the language
    the window speaks; any other text as it is."""
    if isinstance(text, BaseException):
        text = message_of(text)
    if not isinstance(text, Phrase):
        return str(text)
    template = QCoreApplication.translate(MODEL_CONTEXT, text.template)
    if text.capital:
        return _capitalized(_filled(template, text))
    return _filled(template, text)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _filled(template: str, text: Phrase) -> str:
    if not text.params:
        return template
    params = {name: _said(value) for name, value in text.params.items()}
    try:
        return template.format_map(params)
    except (KeyError, IndexError, ValueError):  # a translation with a wrong name in braces
        return text.template.format_map(params)


def _said(value: object) -> object:
    """A parameter of a Phrase as the window says it: a Phrase translated, a time of day (a
    `datetime`, or a text that carries one as `.moment`) in the language's own clock."""
    moment = value if isinstance(value, datetime) else getattr(value, "moment", None)
    if isinstance(moment, datetime):
        return clock(moment)
    return spoken(value) if isinstance(value, Phrase) else value


def clock(moment: datetime) -> str:
    """A time of day as the window's language writes it: "1:45 PM", "1:45 p.m." (QLocale)."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return QLocale().toString(QDateTime(local).time(), QLocale.FormatType.ShortFormat)


def one_line(text: object) -> str:
    """`spoken(text)` with its whitespace folded to single spaces (a status-bar line)."""
    return " ".join(spoken(text).split())


class _Labels(Mapping[_Key, str]):
    """A mapping of English labels, read out in the window's language. Each mapping has its
    own translation context ("switch"), so that the switch "All" and the filter
    "All" may be translated differently."""

    def __init__(self, context: str, english: Mapping[_Key, str]) -> None:
        self._context = context
        self._english = dict(english)

    def __getitem__(self, key: _Key) -> str:
        text = self._english[key]
        if isinstance(text, Phrase):
            return spoken(text)
        return QCoreApplication.translate(self._context, text)

    def __iter__(self) -> Iterator[_Key]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


#: What the screens call each channel (a row of the Opt-In section and of the grid).
CHANNEL_NAMES: Mapping[Channel, str] = _Labels(MODEL_CONTEXT, CHANNEL_LABELS)
SWITCH_NAMES: Mapping[Switch, str] = _Labels("switch", {
    Switch.MARKETING: QT_TRANSLATE_NOOP("switch", "Marketing"),
    Switch.ALL: QT_TRANSLATE_NOOP("switch", "All"),
})
#: A client's Hailee switches, by the name `models.consent.set_client_ai` takes.
AI_SWITCH_NAMES: Mapping[str, str] = _Labels("words", {
    "outreach": QT_TRANSLATE_NOOP("words", "Hailee outreach"),
    "replies": QT_TRANSLATE_NOOP("words", "Hailee replies"),
})
ROLE_LABELS: Mapping[Role, str] = _Labels("words", {
    Role.OWNER: QT_TRANSLATE_NOOP("words", "Owner"),
    Role.MANAGER: QT_TRANSLATE_NOOP("words", "Manager"),
    Role.EMPLOYEE: QT_TRANSLATE_NOOP("words", "Employee"),
})
STATUS_LABELS: Mapping[str, str] = _Labels("words", {
    "member": QT_TRANSLATE_NOOP("words", "Member"),
    "prospect": QT_TRANSLATE_NOOP("words", "Prospect"),
})
#: The client list's filters, in the filter bar and the View menu.
FILTER_LABELS: Mapping[ClientFilter, str] = _Labels("client filter", {
    ClientFilter.ALL: QT_TRANSLATE_NOOP("client filter", "All"),
    ClientFilter.MEMBERS: QT_TRANSLATE_NOOP("client filter", "Members"),
    ClientFilter.PROSPECTS: QT_TRANSLATE_NOOP("client filter", "Prospects"),
    ClientFilter.ANY_OPT_OUT: QT_TRANSLATE_NOOP("client filter", "Any opt-out"),
    ClientFilter.STOP_LOCKED: QT_TRANSLATE_NOOP("client filter", "STOP-locked"),
    ClientFilter.NEEDS_REVIEW: QT_TRANSLATE_NOOP("client filter", "Needs review"),
    ClientFilter.ARCHIVED: QT_TRANSLATE_NOOP("client filter", "Archived"),
})


def switch_name(channel: Channel, switch: Switch) -> str:
    """A compliance switch as staff read it: "SMS – All"."""
    return f"{CHANNEL_NAMES[channel]} – {SWITCH_NAMES[switch]}"


def status_label(status: str) -> str:
    """"Member" or "Prospect"."""
    return STATUS_LABELS[status] if status in STATUS_LABELS else status.title()


class _Counted(QObject):
    """Shared sentences with a count. (lupdate marks a plural only in `self.tr(text, "", n)`,
    so a plural outside a widget lives in a QObject like this one.)"""

    def review_banner(self, waiting: int, overdue: int) -> str:
        text = self.tr("%Ln text(s) need review", "", waiting)
        return self.tr("{waiting} — %Ln overdue", "", overdue).format(
            waiting=text) if overdue else text


def review_banner(waiting: int, overdue: int) -> str:
    """The main window's review banner: "3 texts need review — 1 overdue" (R19)."""
    return _Counted().review_banner(waiting, overdue)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """English only, on its way out: use `%Ln` in a translated text instead (issue 14)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"
