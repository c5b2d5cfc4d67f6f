"""The sign-in lockout keeps its own time (R15): the caller gives no time, a workstation's clock
that runs ahead does not end a lock, and a clock that went back does not shorten one.
"""

from __future__ import annotations

import inspect
from datetime import datetime, timedelta, timezone

import pytest

import models.rules
import models.staff
import models.timeutil
from models.errors import SignInRefused
from models.staff import MAX_FAILED_ATTEMPTS, lockout_clock, sign_in

T = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)


def lock_out(staff_id: int) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInRefused):
            sign_in(staff_id, "0000")


def test_r15_sign_in_takes_no_time_from_its_caller() -> None:
    assert list(inspect.signature(sign_in).parameters) == ["staff_id", "pin"]


def test_r15_the_lockout_reads_the_databases_clock(db) -> None:
    # On PostgreSQL the server's clock, which every desk shares; on SQLite this computer's.
    assert abs(lockout_clock() - datetime.now(timezone.utc)) < timedelta(seconds=5)


def test_r15_a_workstation_clock_that_runs_ahead_does_not_end_a_lock(staff, monkeypatch) -> None:
    who = staff["employee"].staff_id
    lock_out(who)
    ahead = datetime.now(timezone.utc) + timedelta(hours=1)
    monkeypatch.setattr(models.rules, "utc_now", lambda: ahead)
    monkeypatch.setattr(models.timeutil, "now", lambda: ahead)
    # …and wherever staff.py might read this computer's clock (it read rules.utc_now before).
    monkeypatch.setattr(models.staff, "utc_now", lambda: ahead, raising=False)
    with pytest.raises(SignInRefused, match="locked until"):
        sign_in(who, "1357")


def test_r15_a_clock_that_went_back_does_not_shorten_a_lock(staff, monkeypatch) -> None:
    who = staff["employee"].staff_id
    clock = [T]
    monkeypatch.setattr(models.staff, "lockout_clock", lambda: clock[0])
    lock_out(who)
    for moment in (T - timedelta(hours=1), T + timedelta(minutes=4, seconds=59)):
        clock[0] = moment
        with pytest.raises(SignInRefused, match="locked until"):
            sign_in(who, "1357")
    clock[0] = T + timedelta(minutes=5)
    assert sign_in(who, "1357").staff_id == who
