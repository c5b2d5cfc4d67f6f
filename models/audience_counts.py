"""A campaign's SMS audience on SQLite, counted by area code along one index (DESIGN §6;
issue 12: 421 ms at 1,000,000 clients, the target 50 ms).

`models.consent.audience()` needs, for the clients a marketing text may reach on SMS, how many
share each area code (quiet hours are decided per area, R17) and how many of those wait in
Needs review (R19). Grouped in one pass, SQLite sorted every such client (a quarter of them)
into a temporary B-tree. Here migration 0008's index `client_sms_audience` (archived, sms_all,
sms_marketing, mobile, ai_outreach) holds them in number order, so:

- the area codes are found by skipping from one to the next (a recursive query: one index
  seek per area code), and each area's clients are counted along its range of the index,
  without sorting;
- the clients whose number is STOP-locked (none, while R7 holds; counted all the same, as
  can_send() asks) are found from the locks, one seek each;
- those waiting for review are found from the texts that wait, one seek each.

The groups are those `audience()` makes in one GROUP BY: (waiting, area) with the area
`substr(mobile, 1, 5)` for a +1 number and the whole number otherwise.
"""

from __future__ import annotations

from collections import Counter

from .db import database, is_postgres
from .review import numbers_waiting

#: The area a number's quiet hours are decided by: "+1212" of "+12125550100"; any other number whole.
_AREA = "CASE WHEN substr({n}, 1, 2) = '+1' AND length({n}) >= 5 THEN substr({n}, 1, 5) ELSE {n} END"
#: The first text after every number of area `a`: U+10FFFF sorts after any character a
#: number has; a whole number is followed by itself and char(1).
_AFTER = ("(CASE WHEN substr(a, 1, 2) = '+1' AND length(a) = 5 THEN a || char(1114111) "
          "ELSE a || char(1) END)")


def sms_marketing_groups(ai_outreach: bool) -> list[tuple[int, str, int]]:
    """(waiting for review 0/1, area, clients) of the active clients with SMS All and SMS
    marketing on (and Hailee outreach, with `ai_outreach`) whose number is not STOP-locked.

    On PostgreSQL the clients are grouped by area in one pass (a hash aggregate, no sort; text
    ranges there follow the database's collation, not the bytes), the locks tested by a hashed
    NOT IN, the waiting ones found from their own side as on SQLite (at 1,000,000 clients,
    vacuumed: 157 → see the report; the one GROUP BY before took 304–534 ms)."""
    true, false = ("TRUE", "FALSE") if is_postgres() else ("1", "0")
    clients = f"c.archived = {false} AND c.sms_all = {true} AND c.sms_marketing = {true}" + (
        f" AND c.ai_outreach = {true}" if ai_outreach else "")
    area = _AREA.format(n="c.mobile")
    locked: Counter[str] = Counter()
    if is_postgres():  # the locks as a hashed NOT IN (a number is never NULL in either)
        per_area = dict(database.execute_sql(
            f"SELECT {area}, COUNT(*) FROM client AS c WHERE {clients} AND c.mobile IS NOT NULL "
            "AND c.mobile NOT IN (SELECT number FROM stop_lock) GROUP BY 1").fetchall())
    else:
        first = (f"SELECT {area} FROM client AS c WHERE {clients} "
                 "AND c.mobile >= {start} ORDER BY c.mobile LIMIT 1")
        per_area = dict(database.execute_sql(
            f"WITH RECURSIVE area(a) AS (SELECT ({first.format(start=repr(''))}) "
            f"UNION ALL SELECT ({first.format(start=_AFTER)}) FROM area WHERE a IS NOT NULL) "
            f"SELECT a, (SELECT COUNT(*) FROM client AS c WHERE {clients} "
            f"AND c.mobile >= a AND c.mobile < {_AFTER}) FROM area WHERE a IS NOT NULL").fetchall())
        locked.update(dict(database.execute_sql(
            f"SELECT {area}, COUNT(*) FROM stop_lock AS s CROSS JOIN client AS c "
            f"WHERE c.mobile = s.number AND {clients} GROUP BY 1").fetchall()))
    waiting_sql, params = numbers_waiting().sql()
    waiting = Counter(dict(database.execute_sql(
        f"SELECT {area}, COUNT(*) FROM client AS c WHERE {clients} AND c.mobile IN ({waiting_sql}) "
        "AND NOT EXISTS (SELECT 1 FROM stop_lock AS s WHERE s.number = c.mobile) GROUP BY 1",
        params).fetchall()))
    groups = []
    for key, count in per_area.items():
        count -= locked[key]
        if waiting[key]:
            groups.append((1, key, waiting[key]))
        if count > waiting[key]:
            groups.append((0, key, count - waiting[key]))
    return groups
