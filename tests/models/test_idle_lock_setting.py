"""The shared desk's idle lock: a studio setting only the owner changes, recorded (R14, R15)."""

from __future__ import annotations

import pytest

from models.audit import iter_events, verify_chain
from models.errors import InvalidInput, NotAllowed
from models.settings import load_studio, set_idle_lock_minutes


def test_a_new_studio_locks_after_ten_idle_minutes(db) -> None:
    assert load_studio().idle_lock_minutes == 10


def test_r14_the_owner_sets_the_idle_lock_and_it_is_recorded(staff) -> None:
    set_idle_lock_minutes(staff["owner"], 3)
    assert load_studio().idle_lock_minutes == 3
    event = next(iter_events(newest_first=True, limit=1))
    assert (event.switch, event.old, event.new, event.actor) == (
        "studio:idle_lock_minutes", "10", "3", staff["owner"].name)
    assert verify_chain().ok


def test_zero_means_never(staff) -> None:
    set_idle_lock_minutes(staff["owner"], 0)
    assert load_studio().idle_lock_minutes == 0


@pytest.mark.parametrize("role", ["manager", "employee"])
def test_r15_only_the_owner_sets_the_idle_lock(staff, role: str) -> None:
    with pytest.raises(NotAllowed):
        set_idle_lock_minutes(staff[role], 1)
    assert load_studio().idle_lock_minutes == 10


@pytest.mark.parametrize("bad", [-1, 481, 2.5, "5", True])
def test_the_idle_lock_is_whole_minutes_in_range(staff, bad) -> None:
    with pytest.raises(InvalidInput):
        set_idle_lock_minutes(staff["owner"], bad)
    assert load_studio().idle_lock_minutes == 10
