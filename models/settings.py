"""Studio-wide settings: Hailee's AI settings (R12), marketing defaults (R4a), time zone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .audit import EventLog, on_off
from .changes import Change, Touched
from .db import database, for_update
from .errors import InvalidInput, StaleData
from .rules import Channel, ResponseTime, StudioAI
from .schema import StudioSettings
from .staff import Role, SignedIn, require_role
from .text import storable
from .timeutil import iso_now
from .wording import say

#: The AI settings a manager may change, with the words the screen and the record use.
AI_SETTING_LABELS = {
    "ai_enabled": say("AI assistant enabled"),
    "ai_outreach": say("Stack and task outreach"),
    "ai_reply_all": say("Message reply"),
    "ai_reply_members": say("Message reply for members"),
    "ai_response_time": say("Response time"),
    "ai_response_minutes": say("Response time (minutes)"),
}


@dataclass(frozen=True, slots=True)
class Studio:
    """The settings row, read once per operation."""

    name: str
    time_zone: ZoneInfo
    default_region: str
    ai: StudioAI
    marketing_defaults: dict[Channel, bool]
    version: int
    #: Minutes without input before a window returns to sign-in; 0 never (shared desk).
    idle_lock_minutes: int = 10


#: The settings row's columns that `load_studio` reads, in this order.
_STUDIO_COLUMNS = ("name", "time_zone", "default_region", "ai_enabled", "ai_outreach",
                   "ai_reply_all", "ai_reply_members", "ai_response_time", "ai_response_minutes",
                   "default_marketing_email", "default_marketing_sms", "default_marketing_voice",
                   "default_marketing_home", "version", "idle_lock_minutes")
#: Read once per profile and per operation: written out, as building it with peewee cost
#: more than running it (issue 12).
_STUDIO_SQL = f"SELECT {', '.join(_STUDIO_COLUMNS)} FROM studio_settings WHERE id = 1"


def load_studio() -> Studio:
    """The studio's settings as the rules use them."""
    row = database.execute_sql(_STUDIO_SQL).fetchone()
    if row is None:
        raise StudioSettings.DoesNotExist("the studio's settings row is missing")
    (name, time_zone, region, ai_enabled, ai_outreach, reply_all, reply_members, response_time,
     response_minutes, email, sms, voice, home, version, idle_lock_minutes) = row
    try:
        zone = ZoneInfo(time_zone)
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    return Studio(
        name=name,
        time_zone=zone,
        default_region=region,
        ai=StudioAI(enabled=bool(ai_enabled), outreach=bool(ai_outreach),
                    reply_all=bool(reply_all), reply_members=bool(reply_members),
                    response_time=ResponseTime(response_time),
                    response_minutes=response_minutes),
        marketing_defaults={
            Channel.EMAIL: bool(email), Channel.SMS: bool(sms),
            Channel.VOICE: bool(voice), Channel.HOME: bool(home),
        },
        version=version,
        idle_lock_minutes=idle_lock_minutes,
    )


def validate_studio_name(name: str) -> str:
    """A studio's name as stored: spaces tidied, 1 to 120 characters."""
    clean = " ".join(storable(name).split())
    if not clean:
        raise InvalidInput(say("the studio needs a name"))
    if len(clean) > 120:
        raise InvalidInput(say("the studio's name is longer than 120 characters"))
    return clean


def time_zone_names() -> list[str]:
    """Every IANA time zone a studio may be in (from `tzdata`), sorted."""
    return sorted(zone for zone in available_timezones()
                  if ("/" in zone or zone == "UTC") and not zone.startswith(("posix/", "right/")))


def validate_time_zone(name: str) -> str:
    """An IANA time zone name, such as America/New_York."""
    clean = name.strip()
    try:
        ZoneInfo(clean)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(say("{name} is not a time zone (e.g. America/New_York)",
                               name=repr(clean))) from None
    return clean


def name_studio(studio_name: str | None, time_zone: str | None) -> None:
    """Set the studio's name and time zone, inside the caller's transaction (a new studio)."""
    changes: dict[str, Any] = {}
    if studio_name is not None:
        changes["name"] = validate_studio_name(studio_name)
    if time_zone is not None:
        changes["time_zone"] = validate_time_zone(time_zone)
    if changes:
        (StudioSettings.update(**changes, version=StudioSettings.version + 1)
         .where(StudioSettings.id == 1).execute())


def update_ai_settings(who: SignedIn, changes: dict[str, Any], *,
                       expected_version: int | None = None) -> Change:
    """Change studio-wide AI settings: owner and manager only (R12, R15). One event each.

    AI settings never touch consent (R12): this writes the settings row and nothing else.
    """
    unknown = set(changes) - set(AI_SETTING_LABELS)
    if unknown:
        raise InvalidInput(say("unknown AI setting {name}", name=repr(sorted(unknown)[0])))
    for name in ("ai_enabled", "ai_outreach", "ai_reply_all", "ai_reply_members"):
        # Only True or False: "no" would be stored as on while the record said "no" (R14).
        if name in changes and not isinstance(changes[name], bool):
            raise InvalidInput(say("{setting} is on or off, not {value}",
                                   setting=AI_SETTING_LABELS[name], value=repr(changes[name])))
    if "ai_response_time" in changes:
        try:
            changes["ai_response_time"] = ResponseTime(changes["ai_response_time"]).value
        except ValueError:
            raise InvalidInput(say("response time is dynamic, instant or fixed")) from None
    if "ai_response_minutes" in changes:
        minutes = changes["ai_response_minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 1440:
            raise InvalidInput(say("fixed response time is 1 to 1440 minutes"))
    with database.atomic():
        staff = require_role(who, Role.MANAGER)
        row = for_update(StudioSettings.select().where(StudioSettings.id == 1)).get()
        if expected_version is not None and row.version != expected_version:
            raise StaleData(say("The studio's AI settings were changed on another workstation. "
                                "They have been reloaded; please check and try again."))
        log = EventLog()
        now = iso_now()
        changed: dict[str, Any] = {}
        for name, value in changes.items():
            old = getattr(row, name)
            if old == value:
                continue
            changed[name] = value
            log.add(at=now, actor=staff.name, staff_id=staff.staff_id, source="staff",
                    switch=f"studio:{name}", old=_text(old), new=_text(value))
        if changed:
            (StudioSettings.update(**changed, version=StudioSettings.version + 1)
             .where(StudioSettings.id == 1).execute())
        log.flush()
    return Change(Touched.STUDIO if changed else Touched.NONE, event_ids=tuple(log.event_ids))


#: The idle lock's range in minutes: 0 (never) up to a working day.
IDLE_LOCK_RANGE = (0, 480)


def set_idle_lock_minutes(who: SignedIn, minutes: int, *,
                          expected_version: int | None = None) -> Change:
    """Set after how many minutes without input a window locks (0: never). Owner only (R15);
    recorded as one event, like every studio setting (R14)."""
    low, high = IDLE_LOCK_RANGE
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not low <= minutes <= high:
        raise InvalidInput(say("the idle lock is {low} (never) to {high} minutes, not {minutes}",
                               low=low, high=high, minutes=repr(minutes)))
    with database.atomic():
        staff = require_role(who, Role.OWNER)
        row = for_update(StudioSettings.select().where(StudioSettings.id == 1)).get()
        if expected_version is not None and row.version != expected_version:
            raise StaleData(say("The studio's settings were changed on another workstation. "
                                "They have been reloaded; please check and try again."))
        if row.idle_lock_minutes == minutes:
            return Change(Touched.NONE)
        log = EventLog()
        log.add(at=iso_now(), actor=staff.name, staff_id=staff.staff_id, source="staff",
                switch="studio:idle_lock_minutes", old=str(row.idle_lock_minutes),
                new=str(minutes))
        (StudioSettings.update(idle_lock_minutes=minutes, version=StudioSettings.version + 1)
         .where(StudioSettings.id == 1).execute())
        log.flush()
    return Change(Touched.STUDIO, event_ids=tuple(log.event_ids))


def _text(value: Any) -> str:
    return on_off(value) if isinstance(value, bool) else str(value)
