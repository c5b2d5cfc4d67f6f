"""What an operation changed, and who asked: the screen decides from this what to redraw
(STYLE 6, like Anki's OpChanges).

Every operation of the model layer returns a `Change` whose `touched` flags say which kinds
of data it changed; `Touched.NONE` when it changed nothing (a switch already in the asked
state). The screen adds the object that asked (`asked_by`) before it announces the change,
so a view can skip the change it made itself and has already shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Flag, auto


class Touched(Flag):
    """The kinds of data a change touched."""

    NONE = 0
    #: Clients added, archived or restored, renamed, or given other addresses: any list and
    #: any filter count may gain or lose them.
    CLIENTS = auto()
    #: The Marketing and All switches of the clients listed (moves "Any opt-out").
    SWITCHES = auto()
    #: STOP locks set or lifted on the numbers of the clients listed: their SMS All with them
    #: (moves "Any opt-out" and "STOP-locked").
    STOP_LOCKS = auto()
    #: The Hailee switches of the clients listed: no list or count shows them.
    CLIENT_AI = auto()
    #: Studio-wide settings: what every client receives may differ.
    STUDIO = auto()
    #: Inbound texts processed (the Messages list).
    MESSAGES = auto()
    #: The Needs review queue: a text added to it, or one applied or dismissed.
    REVIEW = auto()
    #: Staff accounts: added, deactivated, a PIN reset. No client is touched.
    STAFF = auto()
    #: Consent events on the record of the clients listed that change no switch or lock: a
    #: STOP confirmation sent to their number (R23). Their History shows it.
    HISTORY = auto()
    #: Anything at all: more changed than can be listed (a bulk change elsewhere).
    EVERYTHING = (CLIENTS | SWITCHES | STOP_LOCKS | CLIENT_AI | STUDIO | MESSAGES | REVIEW | STAFF
                  | HISTORY)


#: What a client's profile shows: a change of these redraws it (studio settings change what
#: every client receives).
CLIENT_DATA = (Touched.CLIENTS | Touched.SWITCHES | Touched.STOP_LOCKS | Touched.CLIENT_AI
               | Touched.REVIEW | Touched.STUDIO | Touched.HISTORY)


@dataclass(frozen=True, slots=True)
class Change:
    """One committed operation: what kinds of data it touched, for which clients, the consent
    events it wrote, and who asked for it."""

    touched: Touched
    #: The clients it touched; with `every_client`, too many to list.
    client_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()
    #: Too much changed to list the clients (a bulk change elsewhere): treat every client as touched.
    every_client: bool = False
    #: The object that asked for the change (a view, the watcher of other workstations'
    #: changes); None for the model layer's own. Not part of what changed.
    initiator: object | None = field(default=None, compare=False)

    @classmethod
    def everything(cls, initiator: object | None = None) -> Change:
        """A change of anything, for any client: every view reads again."""
        return cls(Touched.EVERYTHING, every_client=True, initiator=initiator)

    def asked_by(self, initiator: object) -> Change:
        """The same change, saying who asked for it."""
        return replace(self, initiator=initiator)

    def touches(self, kinds: Touched) -> bool:
        """Whether it touched any of `kinds`."""
        return bool(self.touched & kinds)

    def touches_client(self, client_id: int, kinds: Touched = CLIENT_DATA) -> bool:
        """Whether it touched any of `kinds` for this client. Studio settings, where asked
        about, touch every client: they change what each one receives."""
        hit = self.touched & kinds
        if not hit:
            return False
        return bool(hit & Touched.STUDIO) or self.every_client or client_id in self.client_ids
