"""Synthetic clients and their consent events as finished rows, hash chain included, for `seed`
(issue 12: ten million events in minutes).

`seed()` used to build each client as a dict and each event as a tuple that
`EventLog.add_many` then JSON-encoded and hashed: about 50 µs of Python a client, most of a
million-client seed. Here the same draws of the same `random.Random` give the same rows,
built directly:

- `random.choice` and `randrange` are drawn through `getrandbits`, as `Random._randbelow`
  draws them (the same numbers from the same generator state, without two Python calls
  a draw);
- a time is a whole number of seconds after the seed's start, written from two small tables
  (the day's date, the second of the day) instead of a datetime per event;
- an event's hash covers the JSON of its fields (models.audit.event_hash); every string a
  seeded event holds is a constant, a staff name (encoded once, as the audit encodes it),
  an E.164 number or a time, so its JSON is written with one f-string. tests/models/test_seed.py
  checks the rows against EventLog's hashes and `verify_chain()`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import queue
import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Iterator

from .clients import name_key, sort_key
from .consent import CONSENT_METHODS
from .inbound import InboundText

FIRST_NAMES = (
    "Dana Sam Alex Jordan Taylor Morgan Casey Riley Jamie Avery Quinn Harper Rowan Emerson Finley "
    "Maria Jose Wei Priya Aisha Olivia Liam Noah Emma Ava Sophia Mia Lucas Ethan Mason Logan "
    "Chloe Zoe Lily Grace Hannah Nora Leah Ella Aria Maya Isla Ruby Ivy Nina Omar Yusuf Kenji "
    "Hiro Mateo Diego Carmen Lucia Elena Sofia Ana Tomas Ines Rafael Amara Kofi Zara Leila"
).split()
LAST_NAMES = (
    "Reyes Kim Nguyen Patel Garcia Smith Johnson Williams Brown Jones Miller Davis Rodriguez "
    "Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Moore Jackson Martin Lee Thompson "
    "White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Torres Hill Flores "
    "Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Chen Singh Okafor "
    "Haddad Novak Silva Costa Ito Tanaka Larsen Murphy Kelly"
).split()
#: Real North American area codes in several time zones, so quiet hours (R17) differ by client.
AREA_CODES = ("212", "646", "617", "305", "312", "713", "214", "303", "602", "415", "213", "206",
              "503", "702", "808", "907", "404", "215", "619", "512")
STAFF_NOTES = ("asked at the front desk", "changed at check-in", "client called", None, None)
CHATTER = ("Yes", "See you at 6!", "Can I move my class to Friday?", "Thanks!", "YES", "ok",
           "What time is yoga tomorrow?", "Running 5 min late")
REVIEW_TEXTS = ("please stop texting me", "Stop sending these", "can you remove me from the list",
                "I want to opt out of promos", "no more messages please")
OPT_OUT_TEXTS = ("STOP", "stop", "Stop.", "UNSUBSCRIBE")
_METHODS = tuple(CONSENT_METHODS)
#: A staff change turns marketing twice as often as All.
_SWITCHES = ("marketing", "marketing", "all")
#: Per channel: its name, and the studio's default for marketing (on for email only).
_CHANNELS = (("email", True), ("sms", False), ("voice", False), ("home", False))
#: `client` columns in the order a row is built.
CLIENT_COLUMNS = ("id", "first_name", "last_name", "name_key", "sort_key", "status", "email",
                  "mobile", "home_phone", "archived", "created_at", "version", "ai_outreach",
                  "ai_replies", "email_all", "email_marketing", "sms_all", "sms_marketing",
                  "voice_all", "voice_marketing", "home_all", "home_marketing")
_JOIN_S = 600 * 86400
_CHANGE_MIN_S, _CHANGE_MAX_S = 3600, 60 * 86400
_TEXT_MIN_S, _TEXT_MAX_S = 60, 30 * 86400


#: The JSON of one field as models.audit.event_hash writes it (its encoder's settings).
_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _below(getrandbits: Callable[[int], int]) -> Callable[[int], int]:
    """`Random._randbelow(n)` of the generator whose `getrandbits` this is: `choice(seq)` is
    `seq[below(len(seq))]`, `randrange(a, b)` is `a + below(b - a)`."""
    def below(n: int) -> int:
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r
    return below


class Clock:
    """ISO UTC times (`timeutil.iso()`'s text) of whole seconds after `start`."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self._sod = start.hour * 3600 + start.minute * 60 + start.second
        suffix = f".{start.microsecond:06d}Z"
        self._seconds = [f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{suffix}"
                         for s in range(86400)]
        self._days: dict[int, str] = {}

    def iso(self, seconds: int) -> str:
        day, second = divmod(self._sod + seconds, 86400)
        date = self._days.get(day)
        if date is None:
            date = self._days[day] = (self.start.date() + timedelta(days=day)).isoformat()
        return date + self._seconds[second]

    def moment(self, seconds: int) -> datetime:
        return self.start + timedelta(seconds=seconds)


class RowMaker:
    """Clients, events and texts, a chunk at a time, continuing one hash chain."""

    def __init__(self, rng: random.Random, staff: list[tuple[int, str]], start: datetime,
                 next_event_id: int, prev_hash: str) -> None:
        self.random = rng.random
        self.below = _below(rng.getrandbits)
        #: Per staff member: (id, name, their JSON as the hash's actor and staff_id fields).
        self.staff = [(sid, name, f"{_json(name)},{sid}") for sid, name in staff]
        self.clock = Clock(start)
        self.next_event_id = next_event_id
        self.prev_hash = prev_hash
        self._names = {(first, last): (name_key(first, last), sort_key(first, last))
                       for first in FIRST_NAMES for last in LAST_NAMES}

    def _number(self) -> str:
        below = self.below
        return f"+1{AREA_CODES[below(20)]}{2000000 + below(7999999)}"

    def chunk(self, first_id: int, size: int, texts: list[InboundText]
              ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]:
        """`size` clients from `first_id` on: their rows, their events' rows (hashed, in
        order) and how many of the texts added to `texts` will wait for review."""
        clients: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        previous_mobile: str | None = None
        reviews = 0
        for client_id in range(first_id, first_id + size):
            row, last_change = self._client(client_id, previous_mobile, events)
            clients.append(row)
            previous_mobile = row[7]
            if previous_mobile is not None:
                reviews += self._text(client_id, previous_mobile, last_change, texts)
        return clients, events, reviews

    def _client(self, client_id: int, previous_mobile: str | None,
                events: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], int]:
        """A client's row and the second of its last change; its events go to `events`."""
        below, rand, staff = self.below, self.random, self.staff
        first, last = FIRST_NAMES[below(len(FIRST_NAMES))], LAST_NAMES[below(len(LAST_NAMES))]
        at = below(_JOIN_S)
        # About one client in thirty shares the mobile of the one before (a family).
        if previous_mobile and rand() < 0.033:
            mobile: str | None = previous_mobile
        elif rand() < 0.88:
            mobile = self._number()
        else:
            mobile = None
        email = f"{first}.{last}{client_id}@example.com".lower() if rand() < 0.9 else None
        home = self._number() if rand() < 0.2 else None
        status = "member" if rand() < 0.6 else "prospect"
        archived, ai_outreach, ai_replies = rand() < 0.01, rand() < 0.95, rand() < 0.97
        who = staff[below(len(staff))]
        added = self.clock.iso(at)
        self._add(events, added, who, client_id, None, None, "client", None,
                  f"added ({status})", "import", None, None)
        # Per channel: its address, the number its events name, All and marketing.
        addresses = (email, mobile, mobile, home)
        numbers = (None, mobile, mobile, home)
        on_all = [address is not None for address in addresses]
        on_marketing = [on_all[i] and _CHANNELS[i][1] for i in range(4)]
        for i in range(4):
            if on_all[i]:
                self._add(events, added, who, client_id, numbers[i], _CHANNELS[i][0], "all",
                          None, "on", "import", "studio_default", None)
        # A few staff changes over the months: consent given for texts, opt-outs asked for.
        channels = [i for i in range(4) if on_all[i]]
        for _ in range(3 + below(8)):
            if not channels:
                break
            i = channels[below(len(channels))]
            switch = _SWITCHES[below(3)]
            if switch == "marketing" and not on_all[i]:
                continue
            state = on_marketing if switch == "marketing" else on_all
            new = not state[i]
            at += _CHANGE_MIN_S + below(_CHANGE_MAX_S - _CHANGE_MIN_S)
            changer = staff[below(len(staff))]
            method = _METHODS[below(len(_METHODS))] if new else None
            note = STAFF_NOTES[below(len(STAFF_NOTES))]
            self._add(events, self.clock.iso(at), changer, client_id, numbers[i],
                      _CHANNELS[i][0], switch, "off" if new else "on", "on" if new else "off",
                      "staff", method, note)
            state[i] = new
        keys = self._names[(first, last)]
        row = (client_id, first, last, keys[0], keys[1], status, email, mobile, home, archived,
               added, 1, ai_outreach, ai_replies, on_all[0], on_marketing[0], on_all[1],
               on_marketing[1], on_all[2], on_marketing[2], on_all[3], on_marketing[3])
        return row, at

    def _add(self, events: list[tuple[Any, ...]], at: str, who: tuple[int, str, str],
             client_id: int, number: str | None, channel: str | None, switch: str,
             old: str | None, new: str | None, source: str, method: str | None,
             note: str | None) -> None:
        """Append one event's row, hashed after the one before (models.audit.event_hash)."""
        event_id = self.next_event_id
        payload = (f'[{event_id},"{at}",{who[2]},{client_id},'
                   f'{"null" if number is None else chr(34) + number + chr(34)},'
                   f'{_CONSTANTS[channel]},"{switch}",{_CONSTANTS[old]},{_CONSTANTS[new]},'
                   f'"{source}",{_CONSTANTS[method]},{_CONSTANTS[note]},null]')
        prev = self.prev_hash
        digest = hashlib.sha256((prev + payload).encode("utf-8")).hexdigest()
        events.append((event_id, at, who[1], who[0], client_id, number, channel, switch, old,
                       new, source, method, note, None, prev, digest))
        self.prev_hash = digest
        self.next_event_id = event_id + 1

    def _text(self, client_id: int, mobile: str, after: int, texts: list[InboundText]) -> int:
        """Maybe a text from a client's mobile some time after `after`: a STOP (2.5 %), one
        for Needs review (0.5 %), chatter (17 %). Returns 1 if it waits for review."""
        below = self.below
        roll = self.random()
        sent = after + _TEXT_MIN_S + below(_TEXT_MAX_S - _TEXT_MIN_S)
        if roll >= 0.2:
            return 0
        kind = OPT_OUT_TEXTS if roll < 0.025 else REVIEW_TEXTS if roll < 0.03 else CHATTER
        texts.append(InboundText(f"SMseed{client_id:09d}", mobile, kind[below(len(kind))],
                                 self.clock.moment(sent)))
        return 1 if kind is REVIEW_TEXTS else 0


@dataclass(frozen=True, slots=True)
class Chunk:
    """One chunk of clients: their rows, their events' rows (hashed, in order), their texts,
    how many of these wait for review, and the chain's head after its last event."""

    clients: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    texts: list[InboundText]
    reviews: int
    last_event_id: int
    last_hash: str


def chunks(maker: RowMaker, first_id: int, count: int, size: int) -> Iterator[Chunk]:
    """`count` clients from `first_id` on, `size` a chunk, continuing `maker`'s chain."""
    for start in range(first_id, first_id + count, size):
        texts: list[InboundText] = []
        clients, events, reviews = maker.chunk(start, min(size, first_id + count - start), texts)
        yield Chunk(clients, events, texts, reviews, maker.next_event_id - 1, maker.prev_hash)


def chunks_made_beside(maker: RowMaker, first_id: int, count: int, size: int) -> Iterator[Chunk]:
    """The same chunks, made by a forked process while this one writes the chunk before
    (on Linux; elsewhere made here): the rows and the database each have a core."""
    if not sys.platform.startswith("linux"):
        yield from chunks(maker, first_id, count, size)
        return
    context = multiprocessing.get_context("fork")
    made: Any = context.Queue(maxsize=2)
    process = context.Process(target=_make, args=(maker, first_id, count, size, made), daemon=True)
    process.start()
    try:
        while True:
            try:
                item = made.get(timeout=1)
            except queue.Empty:
                if not process.is_alive():
                    raise RuntimeError("the process making the seed's rows stopped") from None
                continue
            if item is None:
                break
            if isinstance(item, str):
                raise RuntimeError(f"making the seed's rows failed: {item}")
            yield item
        process.join()
    finally:
        if process.is_alive():
            process.terminate()
            process.join()


def _make(maker: RowMaker, first_id: int, count: int, size: int, made: Any) -> None:
    """The forked process: every chunk into `made`, then None (or what went wrong)."""
    try:
        for chunk in chunks(maker, first_id, count, size):
            made.put(chunk)
        made.put(None)
    except Exception as error:  # the parent raises it, by name
        made.put(f"{type(error).__name__}: {error}")


#: The JSON of every string a seeded event's channel, old, new, method and note can be.
_CONSTANTS: dict[Any, str] = {value: _json(value) for value in (
    None, "on", "off", *(name for name, _default in _CHANNELS), *_METHODS, *STAFF_NOTES,
    "studio_default", "added (member)", "added (prospect)")}
