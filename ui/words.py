"""The words several screens share: channel, switch, role, status and filter labels,
Hailee's switches, and plurals. Pure Python, below every widget, so a label is written once.

The channel names are the rules' own (`models.rules.CHANNEL_LABELS`): a reason such as
"Phone calls All is off" then matches the row it is shown on.
"""

from __future__ import annotations

from typing import Mapping

from models.client_list import ClientFilter
from models.rules import CHANNEL_LABELS, Channel, Switch
from models.staff import Role

#: What the screens call each channel (a row of the Opt-In section and of the grid).
CHANNEL_NAMES: Mapping[Channel, str] = CHANNEL_LABELS
SWITCH_NAMES: Mapping[Switch, str] = {Switch.MARKETING: "Marketing", Switch.ALL: "All"}
#: A client's Hailee switches, by the name `models.consent.set_client_ai` takes.
AI_SWITCH_NAMES: Mapping[str, str] = {"outreach": "Hailee outreach", "replies": "Hailee replies"}
ROLE_LABELS: Mapping[Role, str] = {Role.OWNER: "Owner", Role.MANAGER: "Manager",
                                   Role.EMPLOYEE: "Employee"}
STATUS_LABELS: Mapping[str, str] = {"member": "Member", "prospect": "Prospect"}
#: The client list's filters, in the filter bar and the View menu.
FILTER_LABELS: Mapping[ClientFilter, str] = {
    ClientFilter.ALL: "All", ClientFilter.MEMBERS: "Members", ClientFilter.PROSPECTS: "Prospects",
    ClientFilter.ANY_OPT_OUT: "Any opt-out", ClientFilter.STOP_LOCKED: "STOP-locked",
    ClientFilter.NEEDS_REVIEW: "Needs review", ClientFilter.ARCHIVED: "Archived",
}


def switch_name(channel: Channel, switch: Switch) -> str:
    """A compliance switch as staff read it: "SMS – All"."""
    return f"{CHANNEL_NAMES[channel]} – {SWITCH_NAMES[switch]}"


def status_label(status: str) -> str:
    """"Member" or "Prospect"."""
    return STATUS_LABELS.get(status, status.title())


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """"1 event", "1,204 events"; `nouns` for a plural that is not noun + "s"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def review_banner(waiting: int, overdue: int) -> str:
    """The main window's review banner: "3 texts need review — 1 overdue" (R19)."""
    text = f"{waiting:,} text{' needs' if waiting == 1 else 's need'} review"
    return f"{text} — {overdue:,} overdue" if overdue else text
