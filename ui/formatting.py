"""How the window writes times, senders and consent events: local time in the words of the
grid, numbers as people read them, an event as "SMS – All: on → off".

Everything is said in the window's language (issue 14): words through Qt's translation
(context "formatting"), dates through `QLocale()` with a date format the translation may
reorder ("MMM d" is "d MMM" in Spanish: "23 nov"). English keeps the grid's clock, "9:14 a.m.".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Iterator, Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QObject, QTime

from models.audit import EventRecord
from models.consent import RECORD_METHODS
from models.outbound import STOP_CONFIRMATION
from models.phones import display_phone
from models.rules import Channel, Switch, format_clock
from models.settings import AI_SETTING_LABELS
from models.timeutil import parse_iso
from ui.words import AI_SWITCH_NAMES, CHANNEL_NAMES, SWITCH_NAMES, spoken, status_label


def _tr(text: str) -> str:
    """A text of this module in the window's language (for texts kept in constants)."""
    return QCoreApplication.translate("formatting", text)


def clock_text(moment: datetime) -> str:
    """A time of day: "9:14 a.m." in English (the grid's style), the locale's own in Spanish."""
    locale = QLocale()
    if locale.language() == QLocale.Language.English:
        return format_clock(moment)
    text = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return text.replace("\u202f", " ")  # a narrow space some fonts lack


def day_text(moment: date, *, year: bool = False, weekday: bool = False) -> str:
    """A day in the window's language: "Nov 23", "Nov 23, 2026", "Mon, Nov 23", "Mon, Nov 23,
    2026" (Spanish "23 nov", "23 nov 2026", "lun 23 nov", "lun 23 nov 2026")."""
    if weekday and year:
        pattern = QCoreApplication.translate(
            "formatting", "ddd, MMM d, yyyy", "Qt date format: a weekday, a day and its year "
            "(Mon, Nov 23, 2026)")
    elif weekday:
        pattern = QCoreApplication.translate(
            "formatting", "ddd, MMM d", "Qt date format: a weekday and a day (Mon, Nov 23)")
    elif year:
        pattern = QCoreApplication.translate(
            "formatting", "MMM d, yyyy", "Qt date format: a day with its year (Nov 23, 2026)")
    else:
        pattern = QCoreApplication.translate(
            "formatting", "MMM d", "Qt date format: a day of this year (Nov 23)")
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), pattern)


def when_text(stored: str, now: datetime | None = None) -> str:
    """A stored UTC time as the front desk reads it, in this computer's time zone:
    "Today 9:14 a.m.", "Yesterday 6:02 p.m.", "Nov 23, 9:14 a.m.", "Nov 23, 2025"."""
    moment = parse_iso(stored).astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    days = (today - moment.date()).days
    clock = clock_text(moment)
    if days == 0:
        return QCoreApplication.translate("formatting", "Today {clock}").format(clock=clock)
    if days == 1:
        return QCoreApplication.translate("formatting", "Yesterday {clock}").format(clock=clock)
    if moment.year == today.year:
        return QCoreApplication.translate("formatting", "{day}, {clock}").format(
            day=day_text(moment), clock=clock)
    return day_text(moment, year=True)


def sender_text(number: str, names: Sequence[str]) -> str:
    """"(617) 555-0133 · Leah Nguyen", or "… · not a client" when no client has the number."""
    who = ", ".join(names) if names else QCoreApplication.translate("formatting", "not a client")
    return f"{display_phone(number)} · {who}"


def due_date_text(day: date, today: date | None = None) -> str:
    """A review item's due date (R19): "Mon, Dec 7", with the year when it is not this year's."""
    return day_text(day, weekday=True, year=day.year != (today or date.today()).year)


class _Ages(QObject):
    """This module's texts with a count (lupdate marks a plural only in a QObject's tr)."""

    def age(self, age: timedelta) -> str:
        minutes = int(age.total_seconds() // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("%n minute(s) ago", "", minutes)
        if minutes < 24 * 60:
            return self.tr("%n hour(s) ago", "", minutes // 60)
        return self.tr("%Ln day(s) ago", "", age.days)


def age_text(age: timedelta) -> str:
    """How long ago a text came: "just now", "40 minutes ago", "5 hours ago", "3 days ago"."""
    return _Ages().age(age)


# --- consent events in words (the History and the Audit log) -----------------------------------

class _Translated(Mapping[str, str]):
    """English labels by key, read out in the window's language."""

    def __init__(self, english: Mapping[str, str]) -> None:
        self._english = dict(english)

    def __getitem__(self, key: str) -> str:
        return _tr(self._english[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


#: Where a change came from (R14), as the record's Why column says it.
SOURCE_LABELS: Mapping[str, str] = _Translated({
    "staff": QT_TRANSLATE_NOOP("formatting", "Staff"),
    "client_keyword": QT_TRANSLATE_NOOP("formatting", "Client keyword"),
    "import": QT_TRANSLATE_NOOP("formatting", "Import"),
    "review_queue": QT_TRANSLATE_NOOP("formatting", "Needs review queue"),
    "system": QT_TRANSLATE_NOOP("formatting", "System"),
})
#: The record writes a Hailee switch by its column ("ai_outreach"); the name is read at use.
_AI_SWITCHES = {f"ai_{which}": which for which in ("outreach", "replies")}
_ADDRESSES = _Translated({"email": QT_TRANSLATE_NOOP("formatting", "Email"),
                          "mobile": QT_TRANSLATE_NOOP("formatting", "Mobile"),
                          "home_phone": QT_TRANSLATE_NOOP("formatting", "Home phone")})
_REVIEW_OUTCOMES = _Translated({
    "applied": QT_TRANSLATE_NOOP("formatting", "Needs review: STOP lock applied"),
    "dismissed": QT_TRANSLATE_NOOP("formatting", "Needs review: dismissed"),
    "marketing_off": QT_TRANSLATE_NOOP("formatting", "Needs review: SMS marketing off only"),
    "called": QT_TRANSLATE_NOOP("formatting", "Needs review: called the client about CANCEL")})
#: A switch's stored state in words: "on", "off".
_STATES = _Translated({"on": QT_TRANSLATE_NOOP("formatting", "on"),
                       "off": QT_TRANSLATE_NOOP("formatting", "off")})
_STUDIO_PREFIX = "studio:"


def event_when(stored: str) -> str:
    """An event's time in full, in this computer's time zone: "Nov 23, 2026, 9:14 a.m."."""
    moment = parse_iso(stored).astimezone()
    return full_time_text(moment)


def full_time_text(moment: datetime) -> str:
    """A day with its year and the time: "Nov 23, 2026, 9:14 a.m." (Spanish "23 nov 2026,
    9:14 a.m.")."""
    return QCoreApplication.translate("formatting", "{day}, {clock}").format(
        day=day_text(moment, year=True), clock=clock_text(moment))


def describe_event(event: EventRecord) -> str:
    """What an event changed, as the History and the Audit log show it: "SMS – All: on → off"."""
    switch, old, new = event.switch, event.old, event.new
    if switch in (Switch.ALL.value, Switch.MARKETING.value) and event.channel:
        try:
            channel = CHANNEL_NAMES[Channel(event.channel)]
        except ValueError:
            channel = event.channel
        return QCoreApplication.translate("formatting", "{channel} – {switch}: {change}").format(
            channel=channel, switch=SWITCH_NAMES[Switch(switch)], change=_change(old, new))
    if switch == "stop_lock":
        return QCoreApplication.translate("formatting", "STOP lock: {state}").format(
            state=_state(new))
    if switch == STOP_CONFIRMATION:
        return QCoreApplication.translate("formatting", "STOP confirmation sent")
    if switch in _AI_SWITCHES:
        return QCoreApplication.translate("formatting", "{switch}: {change}").format(
            switch=AI_SWITCH_NAMES[_AI_SWITCHES[switch]], change=_change(old, new))
    if switch in _ADDRESSES:
        return _address_change(switch, old, new)
    if switch == "review":
        if new in _REVIEW_OUTCOMES:
            return _REVIEW_OUTCOMES[new]
        return QCoreApplication.translate("formatting", "Needs review: {outcome}").format(
            outcome=new)
    if switch == "staff_account":
        return _staff_account(old, new)
    return _describe_client_change(switch, old, new)


def _describe_client_change(switch: str, old: str | None, new: str | None) -> str:
    """A change of the client's own row, of a studio setting, or anything else."""
    if switch == "client":
        text = new or ""
        if text.startswith("added (") and text.endswith(")"):
            return QCoreApplication.translate("formatting", "Added as {status}").format(
                status=status_label(text[len("added ("):-1]).lower())
        return QCoreApplication.translate("formatting", "Client {what}").format(what=text).strip()
    if switch == "name":
        return QCoreApplication.translate("formatting", "Name: {old} → {new}").format(
            old=old, new=new)
    if switch == "status":
        return QCoreApplication.translate("formatting", "Status: {old} → {new}").format(
            old=status_label(old or ""), new=status_label(new or ""))
    if switch == "archived":
        return (QCoreApplication.translate("formatting", "Archived") if new == "on"
                else QCoreApplication.translate("formatting", "Restored from the archive"))
    if switch.startswith(_STUDIO_PREFIX):
        name = switch[len(_STUDIO_PREFIX):]
        if name == "idle_lock_minutes":
            return QCoreApplication.translate(
                "formatting", "Studio – Lock when idle (minutes, 0 never): {change}").format(
                change=_change(old, new))
        return QCoreApplication.translate("formatting", "Studio AI – {setting}: {change}").format(
            setting=spoken(AI_SETTING_LABELS.get(name, name)), change=_change(old, new))
    return f"{switch}: {_change(old, new)}"


def _address_change(kind: str, old: str | None, new: str | None) -> str:
    """"Home phone added: (212) 555-0199", "Email removed (was …)", "Mobile: … → …"."""
    label = _ADDRESSES[kind]
    shown_old, shown_new = _address(kind, old), _address(kind, new)
    if old is None:
        return QCoreApplication.translate("formatting", "{address} added: {value}").format(
            address=label, value=shown_new)
    if new is None:
        return QCoreApplication.translate("formatting", "{address} removed (was {value})").format(
            address=label, value=shown_old)
    return QCoreApplication.translate("formatting", "{address}: {old} → {new}").format(
        address=label, old=shown_old, new=shown_new)


def actor_text(actor: str) -> str:
    """Who made a change: a staff member's name, or the client's number for a keyword."""
    return display_phone(actor) if actor.startswith("+") else actor


def event_why(event: EventRecord) -> str:
    """The source, the consent method and the note: "Staff · Signed form · “at the desk”"."""
    note = event.note
    if event.source == "client_keyword":
        if note and note.startswith("texted "):  # the word the client texted, e.g. UNSUBSCRIBE
            parts = [QCoreApplication.translate("formatting", "Client texted {word}").format(
                word=note[len("texted "):])]
            note = None
        else:
            opted_out = ((event.switch == "stop_lock" and event.new == "on")
                         or (event.switch == Switch.ALL.value and event.new == "off"))
            parts = [QCoreApplication.translate("formatting", "Client texted STOP") if opted_out
                     else QCoreApplication.translate("formatting", "Client texted START")]
    else:
        parts = [SOURCE_LABELS.get(event.source, event.source)]
        if event.method:
            parts.append(spoken(RECORD_METHODS.get(event.method, event.method)))
    if note:
        parts.append(f"“{note}”")
    return " · ".join(parts)


#: A message-caused event recorded this much after its change happened shows both times: a
#: sync a minute behind is no news, a STOP imported days late must not read as older (R11).
LATE_RECORD = timedelta(minutes=2)


def happened_early(event: EventRecord) -> datetime | None:
    """When the change happened, if it was recorded noticeably later (a STOP imported or
    synced late, a review decision dated when the client texted); else None."""
    if not event.recorded_at:
        return None
    happened = parse_iso(event.at)
    return happened if parse_iso(event.recorded_at) - happened >= LATE_RECORD else None


def happened_text(event: EventRecord, moment: datetime) -> str:
    """"texted Nov 27, 7:40 a.m." (the year when it is not this year's): when the change of an
    event recorded late happened, in the verb of its cause."""
    this_year = moment.year == datetime.now().astimezone().year
    when = QCoreApplication.translate("formatting", "{day}, {clock}").format(
        day=day_text(moment, year=not this_year), clock=clock_text(moment))
    if event.switch == STOP_CONFIRMATION:
        return QCoreApplication.translate("formatting", "sent {when}").format(when=when)
    if event.source in ("client_keyword", "review_queue"):
        return QCoreApplication.translate("formatting", "texted {when}").format(when=when)
    return QCoreApplication.translate("formatting", "happened {when}").format(when=when)


def event_details(event: EventRecord) -> list[str]:
    """An event's tooltip lines: id and exact time, what, why, number and message id."""
    moment = parse_iso(event.at).astimezone()
    what, why = describe_event(event), event_why(event)
    details = [QCoreApplication.translate("formatting", "Event {id} · {time}").format(
        id=event.id, time=f"{moment:%Y-%m-%d %H:%M:%S} {moment:%Z}").rstrip(), what]
    if event.recorded_at and event.recorded_at != event.at:
        recorded = parse_iso(event.recorded_at).astimezone()
        details.insert(1, QCoreApplication.translate("formatting", "Recorded {time}").format(
            time=f"{recorded:%Y-%m-%d %H:%M:%S} {recorded:%Z}").rstrip())
    if why:
        details.append(why)
    if event.number:
        details.append(QCoreApplication.translate("formatting", "Number: {number}").format(
            number=display_phone(event.number)))
    if event.inbound_sid:  # a STOP confirmation names the STOP it answered (R23)
        label = (QCoreApplication.translate("formatting", "STOP message id: {id}")
                 if event.switch == STOP_CONFIRMATION
                 else QCoreApplication.translate("formatting", "Message id: {id}"))
        details.append(label.format(id=event.inbound_sid))
    return details


def _state(value: str | None) -> str:
    """A stored state in words: "on", "off", or the value itself (a number of minutes)."""
    return _STATES.get(value or "", f"{value}")


def _change(old: str | None, new: str | None) -> str:
    if old == new:  # an opt-out recorded while the switch was already off (R20)
        return QCoreApplication.translate("formatting", "stays {state}").format(state=_state(new))
    return _state(new) if old is None else f"{_state(old)} → {_state(new)}"


def _address(kind: str, value: str | None) -> str:
    if value is None:
        return ""
    return value if kind == "email" else display_phone(value)


#: A staff account's stored states, in words.
_ACCOUNT_STATES = _Translated({"active": QT_TRANSLATE_NOOP("formatting", "active"),
                               "inactive": QT_TRANSLATE_NOOP("formatting", "inactive"),
                               "PIN reset": QT_TRANSLATE_NOOP("formatting", "PIN reset")})


def _staff_account(old: str | None, new: str | None) -> str:
    """"Staff account added: Pat Lee (employee)", "Staff account Pat Lee: active → inactive"."""
    if old is None:
        if new and ": " not in new:  # written by create_staff: "Pat Lee (employee)"
            return QCoreApplication.translate("formatting", "Staff account added: {who}").format(
                who=new)
        name, _, state = (new or "").rpartition(": ")
        return QCoreApplication.translate("formatting", "Staff account {name}: {state}").format(
            name=name, state=_account_state(state))
    old_name, _, old_state = old.rpartition(": ")
    new_name, _, new_state = (new or "").rpartition(": ")
    if old_name and old_name == new_name:
        return QCoreApplication.translate("formatting", "Staff account {name}: {state}").format(
            name=new_name, state=f"{_account_state(old_state)} → {_account_state(new_state)}")
    return QCoreApplication.translate("formatting", "Staff account: {change}").format(
        change=_change(old, new))


def _account_state(state: str) -> str:
    return _ACCOUNT_STATES.get(state, state)
