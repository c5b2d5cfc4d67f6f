"""Who is signed in at this workstation. The model layer checks roles itself (R15); this is
only so the window knows whom to act as and what to offer."""

from __future__ import annotations

from models.staff import SignedIn
from ui.app_events import app_events

_current: SignedIn | None = None


def current_staff() -> SignedIn:
    """The signed-in staff member; raises if nobody is signed in (a bug in the caller)."""
    if _current is None:
        raise RuntimeError("nobody is signed in")
    return _current


def signed_in() -> SignedIn | None:
    """The signed-in staff member, or None."""
    return _current


def set_current_staff(staff: SignedIn | None) -> None:
    """Record a sign-in (or sign-out) and tell every view."""
    global _current
    _current = staff
    app_events().staff_changed.emit(staff)
