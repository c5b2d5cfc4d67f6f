"""What adding or editing a client will do to consent, said before it is saved (R6, R18, R21).

The preview runs the write's own planning code — `clients.starting_switches` for a new
client, `clients.EditPlan` for an edit — and writes nothing, so what the editor says is what
saving does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .clients import ClientDraft, EditPlan, starting_switches, stop_locked_numbers
from .consent import field_name, lock_for
from .errors import NotFound
from .households import Housemate, sharing
from .phones import display_phone
from .rules import CHANNEL_LABELS, CHANNELS, Channel, Switch
from .schema import Client
from .settings import load_studio
from .timeutil import parse_iso
from .wording import listing, say


@dataclass(frozen=True, slots=True)
class PreviewNote:
    """One thing the change does, in a sentence; `level` is how the screen tints it:
    "locked" (a STOP lock), "warning" (consent lost or shared) or "info"."""

    level: str
    text: str


@dataclass(frozen=True, slots=True)
class SwitchStep:
    """One switch the change sets, as its consent event will record it."""

    channel: Channel
    switch: Switch
    old: str | None
    new: str


@dataclass(frozen=True, slots=True)
class ConsentPreview:
    """What saving will do to consent: sentences first, then every switch it sets."""

    notes: tuple[PreviewNote, ...] = ()
    switches: tuple[SwitchStep, ...] = ()

    def texts(self) -> list[str]:
        """The notes' sentences, in order (for tests and screen readers)."""
        return [note.text for note in self.notes]


def preview_new_client(draft: ClientDraft) -> ConsentPreview:
    """What adding this client does: a STOP-locked mobile starts locked (R6, R7, R21); an
    address another client has is shared with them (R18)."""
    locked = bool(stop_locked_numbers([draft.mobile]))
    values = starting_switches(draft, load_studio(), locked)
    notes = []
    if locked and draft.mobile is not None:
        notes.append(_locked_note(draft.mobile, say("SMS starts off and locked for this client")))
    notes += _shared_notes(sharing(mobile=draft.mobile, email=draft.email))
    steps = tuple(SwitchStep(channel, switch, None, "on")
                  for channel in CHANNELS for switch in (Switch.ALL, Switch.MARKETING)
                  if values[field_name(channel, switch)])
    return ConsentPreview(tuple(notes), steps)


def preview_edit(client_id: int, draft: ClientDraft) -> ConsentPreview:
    """What saving this edit of a client does, worked out by the write's own plan and
    written nowhere: a new mobile's STOP lock (R6), the old number's lock left behind, the
    marketing consent that stays with the old number (R21), and who shares a new address."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound(say("no client with id {id}", id=client_id))
    plan = EditPlan(client, "", None, load_studio())
    plan.details(draft.first_name, draft.last_name, draft.status)
    plan.addresses(email=draft.email, mobile=draft.mobile, home_phone=draft.home_phone)
    steps = tuple(SwitchStep(Channel(e["channel"]), Switch(e["switch"]), e["old"], e["new"])
                  for e in plan.events if e.get("channel"))
    notes: list[PreviewNote] = []
    old_mobile, new_mobile = client.mobile, draft.mobile
    if new_mobile != old_mobile:
        notes += _mobile_notes(old_mobile, new_mobile, plan, steps)
        notes += _shared_notes(sharing(mobile=new_mobile, email=None, excluding=client_id))
    if draft.email != client.email:
        notes += _shared_notes(sharing(mobile=None, email=draft.email, excluding=client_id))
    return ConsentPreview(tuple(notes), steps)


def _mobile_notes(old: str | None, new: str | None, plan: EditPlan,
                  steps: tuple[SwitchStep, ...]) -> list[PreviewNote]:
    notes = []
    if new is None:
        notes.append(PreviewNote("info", say("With no mobile on file, no texts or calls go to the "
                                             "mobile; its switches are kept as they are.")))
        return notes
    if stop_locked_numbers([new]):  # the lock belongs to the number, whatever SMS All was
        notes.append(_locked_note(new, say("SMS will be off and locked for this client")))
    elif old is not None and plan.updates.get("sms_off_by_stop") is False:
        notes.append(PreviewNote("info", say("The STOP belongs to the old number {number}, which "
                                             "stays locked; SMS comes back on for the new number.",
                                             number=display_phone(old))))
    lost = [CHANNEL_LABELS[s.channel] for s in steps
            if s.switch is Switch.MARKETING and s.old == "on" and s.new == "off"]
    if old is not None and len(lost) == 1:
        notes.append(PreviewNote("warning", say(
            "Consent to marketing names a number: {channels} Marketing stays with {number} and "
            "goes back to the studio's default (off) for the new number. Record new consent on "
            "the profile if the client gives it.", channels=lost[0], number=display_phone(old))))
    elif old is not None and lost:
        notes.append(PreviewNote("warning", say(
            "Consent to marketing names a number: {channels} Marketing stay with {number} and "
            "go back to the studio's default (off) for the new number. Record new consent on "
            "the profile if the client gives it.", channels=_and(lost),
            number=display_phone(old))))
    return notes


def _and(words: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(words) == 1:
        return words[0]
    return say("{items} and {last}", items=listing(words[:-1]), last=words[-1])


def _locked_note(number: str, what: str) -> PreviewNote:
    lock = lock_for(number)
    if lock is None:
        return PreviewNote("locked", say("{number} texted STOP: {what}. Only the client can turn "
                                         "it back on, by texting START.",
                                         number=display_phone(number), what=what))
    day = _day(parse_iso(lock.locked_at).astimezone())
    return PreviewNote("locked", say("{number} texted STOP on {day}: {what}. Only the client can "
                                     "turn it back on, by texting START.",
                                     number=display_phone(number), day=day, what=what))


#: The months as `%b` writes them in English, to be said in the window's language.
_MONTHS = (say("Jan"), say("Feb"), say("Mar"), say("Apr"), say("May"), say("Jun"), say("Jul"),
           say("Aug"), say("Sep"), say("Oct"), say("Nov"), say("Dec"))


def _day(moment: datetime) -> str:
    return say("{month} {day}, {year}", month=_MONTHS[moment.month - 1], day=moment.day,
               year=moment.year)


def _shared_notes(people: list[Housemate]) -> list[PreviewNote]:
    notes = []
    for kind in ("mobile", "email"):
        names = [p.name for p in people if p.shares == kind]
        if not names:
            continue
        who = _and(names)
        if kind == "mobile" and len(names) == 1:
            text = say("{who} also has this mobile — a STOP from this number reaches both of them.",
                       who=who)
        elif kind == "mobile":
            text = say("{who} also have this mobile — a STOP from this number reaches all of them.",
                       who=who)
        elif len(names) == 1:
            text = say("{who} also has this email.", who=who)
        else:
            text = say("{who} also have this email.", who=who)
        notes.append(PreviewNote("warning" if kind == "mobile" else "info", text))
    return notes
