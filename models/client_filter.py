"""The client list's filters, by name: a module of its own so the sign-in window, which labels
nothing else of the list, starts without loading the search and its phone library (DESIGN §6)."""

from __future__ import annotations

from enum import StrEnum


class ClientFilter(StrEnum):
    """The client list's filters."""

    ALL = "all"
    MEMBERS = "members"
    PROSPECTS = "prospects"
    ANY_OPT_OUT = "any_opt_out"
    STOP_LOCKED = "stop_locked"
    NEEDS_REVIEW = "needs_review"
    #: Archived clients, whom every other filter hides (their record is kept, R14).
    ARCHIVED = "archived"
