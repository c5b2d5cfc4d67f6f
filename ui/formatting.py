"""How the window writes times, senders and consent events: local time in the words of the
grid, numbers as people read them, an event as "SMS – All: on → off"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Sequence

from models.audit import EventRecord
from models.consent import RECORD_METHODS
from models.outbound import STOP_CONFIRMATION
from models.phones import display_phone
from models.rules import Channel, Switch, format_clock
from models.settings import AI_SETTING_LABELS
from models.timeutil import parse_iso
from ui.words import AI_SWITCH_NAMES, CHANNEL_NAMES, SWITCH_NAMES, status_label


def when_text(stored: str, now: datetime | None = None) -> str:
    """A stored UTC time as the front desk reads it, in this computer's time zone:
    "Today 9:14 a.m.", "Yesterday 6:02 p.m.", "Nov 23, 9:14 a.m.", "Nov 23, 2025"."""
    moment = parse_iso(stored).astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    days = (today - moment.date()).days
    clock = format_clock(moment)
    if days == 0:
        return f"Today {clock}"
    if days == 1:
        return f"Yesterday {clock}"
    day = f"{moment:%b} {moment.day}"
    if moment.year == today.year:
        return f"{day}, {clock}"
    return f"{day}, {moment.year}"


def sender_text(number: str, names: Sequence[str]) -> str:
    """"(617) 555-0133 · Leah Nguyen", or "… · not a client" when no client has the number."""
    who = ", ".join(names) if names else "not a client"
    return f"{display_phone(number)} · {who}"


def due_date_text(day: date, today: date | None = None) -> str:
    """A review item's due date (R19): "Mon, Dec 7", with the year when it is not this year's."""
    text = f"{day:%a}, {day:%b} {day.day}"
    return text if day.year == (today or date.today()).year else f"{text}, {day.year}"


def age_text(age: timedelta) -> str:
    """How long ago a text came: "just now", "40 minutes ago", "5 hours ago", "3 days ago"."""
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if minutes < 24 * 60:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    days = age.days
    return f"{days} day{'s' if days != 1 else ''} ago"


# --- consent events in words (the History and the Audit log) -----------------------------------

#: Where a change came from (R14), as the record's Why column says it.
SOURCE_LABELS = {
    "staff": "Staff",
    "client_keyword": "Client keyword",
    "import": "Import",
    "review_queue": "Needs review queue",
    "system": "System",
}
#: The record writes a Hailee switch by its column: "ai_outreach".
_AI_SWITCHES = {f"ai_{which}": name for which, name in AI_SWITCH_NAMES.items()}
_ADDRESSES = {"email": "Email", "mobile": "Mobile", "home_phone": "Home phone"}
_REVIEW_OUTCOMES = {"applied": "Needs review: STOP lock applied", "dismissed": "Needs review: dismissed",
                    "marketing_off": "Needs review: SMS marketing off only",
                    "called": "Needs review: called the client about CANCEL"}
_STUDIO_PREFIX = "studio:"


def event_when(stored: str) -> str:
    """An event's time in full, in this computer's time zone: "Nov 23, 2026, 9:14 a.m."."""
    moment = parse_iso(stored).astimezone()
    return f"{moment:%b} {moment.day}, {moment.year}, {format_clock(moment)}"


def describe_event(event: EventRecord) -> str:
    """What an event changed, as the History and the Audit log show it: "SMS – All: on → off"."""
    switch, old, new = event.switch, event.old, event.new
    if switch in (Switch.ALL.value, Switch.MARKETING.value) and event.channel:
        try:
            channel = CHANNEL_NAMES[Channel(event.channel)]
        except ValueError:
            channel = event.channel
        return f"{channel} – {SWITCH_NAMES[Switch(switch)]}: {_change(old, new)}"
    if switch == "stop_lock":
        return f"STOP lock: {new}"
    if switch == STOP_CONFIRMATION:
        return "STOP confirmation sent"
    if switch in _AI_SWITCHES:
        return f"{_AI_SWITCHES[switch]}: {_change(old, new)}"
    if switch == "client":
        text = new or ""
        if text.startswith("added (") and text.endswith(")"):
            return f"Added as {text[len('added ('):-1]}"
        return f"Client {text}".strip()
    if switch in _ADDRESSES:
        label = _ADDRESSES[switch]
        shown_old, shown_new = _address(switch, old), _address(switch, new)
        if old is None:
            return f"{label} added: {shown_new}"
        if new is None:
            return f"{label} removed (was {shown_old})"
        return f"{label}: {shown_old} → {shown_new}"
    if switch == "review":
        return _REVIEW_OUTCOMES.get(new or "", f"Needs review: {new}")
    if switch == "name":
        return f"Name: {old} → {new}"
    if switch == "status":
        return f"Status: {status_label(old or '')} → {status_label(new or '')}"
    if switch == "archived":
        return "Archived" if new == "on" else "Restored from the archive"
    if switch.startswith(_STUDIO_PREFIX):
        name = switch[len(_STUDIO_PREFIX):]
        if name == "idle_lock_minutes":
            return f"Studio – Lock when idle (minutes, 0 never): {_change(old, new)}"
        return f"Studio AI – {AI_SETTING_LABELS.get(name, name)}: {_change(old, new)}"
    if switch == "staff_account":
        return _staff_account(old, new)
    return f"{switch}: {_change(old, new)}"


def actor_text(actor: str) -> str:
    """Who made a change: a staff member's name, or the client's number for a keyword."""
    return display_phone(actor) if actor.startswith("+") else actor


def event_why(event: EventRecord) -> str:
    """The source, the consent method and the note: "Staff · Signed form · “at the desk”"."""
    note = event.note
    if event.source == "client_keyword":
        if note and note.startswith("texted "):  # the word the client texted, e.g. UNSUBSCRIBE
            parts = [f"Client {note}"]
            note = None
        else:
            opted_out = ((event.switch == "stop_lock" and event.new == "on")
                         or (event.switch == Switch.ALL.value and event.new == "off"))
            parts = ["Client texted STOP" if opted_out else "Client texted START"]
    else:
        parts = [SOURCE_LABELS.get(event.source, event.source)]
        if event.method:
            parts.append(RECORD_METHODS.get(event.method, event.method))
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
    verb = "sent" if event.switch == STOP_CONFIRMATION else (
        "texted" if event.source in ("client_keyword", "review_queue") else "happened")
    day = f"{moment:%b} {moment.day}"
    if moment.year != datetime.now().astimezone().year:
        day = f"{day}, {moment.year}"
    return f"{verb} {day}, {format_clock(moment)}"


def event_details(event: EventRecord) -> list[str]:
    """An event's tooltip lines: id and exact time, what, why, number and message id."""
    moment = parse_iso(event.at).astimezone()
    what, why = describe_event(event), event_why(event)
    details = [f"Event {event.id} · {moment:%Y-%m-%d %H:%M:%S} {moment:%Z}".rstrip(), what]
    if event.recorded_at and event.recorded_at != event.at:
        recorded = parse_iso(event.recorded_at).astimezone()
        details.insert(1, f"Recorded {recorded:%Y-%m-%d %H:%M:%S} {recorded:%Z}".rstrip())
    if why:
        details.append(why)
    if event.number:
        details.append(f"Number: {display_phone(event.number)}")
    if event.inbound_sid:  # a STOP confirmation names the STOP it answered (R23)
        label = "STOP message id" if event.switch == STOP_CONFIRMATION else "Message id"
        details.append(f"{label}: {event.inbound_sid}")
    return details


def _change(old: str | None, new: str | None) -> str:
    if old == new:  # an opt-out recorded while the switch was already off (R20)
        return f"stays {new}"
    return f"{new}" if old is None else f"{old} → {new}"


def _address(kind: str, value: str | None) -> str:
    if value is None:
        return ""
    return value if kind == "email" else display_phone(value)


def _staff_account(old: str | None, new: str | None) -> str:
    """"Staff account added: Pat Lee (employee)", "Staff account Pat Lee: active → inactive"."""
    if old is None:
        if new and ": " not in new:  # written by create_staff: "Pat Lee (employee)"
            return f"Staff account added: {new}"
        return f"Staff account {new}"
    old_name, _, old_state = old.rpartition(": ")
    new_name, _, new_state = (new or "").rpartition(": ")
    if old_name and old_name == new_name:
        return f"Staff account {new_name}: {old_state} → {new_state}"
    return f"Staff account: {_change(old, new)}"
