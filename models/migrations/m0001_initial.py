"""0001: the first schema — staff, clients with their switches, STOP locks, inbound texts,
the consent event chain and the studio's settings.

The tables are frozen here as the first release defined them, not taken from
`models/schema.py`: a later change to a model needs a migration of its own, and
tests/models/test_migrations.py fails until it has one.
"""

from __future__ import annotations

import peewee

VERSION = 1

GENESIS_HASH = "0" * 64

_frozen = peewee.DatabaseProxy()


class _Model(peewee.Model):
    class Meta:
        database = _frozen
        legacy_table_names = False


class Staff(_Model):
    name = peewee.CharField(max_length=120, unique=True)
    role = peewee.CharField(max_length=16)
    pin_hash = peewee.CharField(max_length=128)
    pin_salt = peewee.CharField(max_length=64)
    failed_attempts = peewee.IntegerField(default=0)
    locked_until = peewee.CharField(max_length=32, null=True)
    active = peewee.BooleanField(default=True)
    created_at = peewee.CharField(max_length=32)


class Client(_Model):
    first_name = peewee.CharField(max_length=120)
    last_name = peewee.CharField(max_length=120)
    name_key = peewee.CharField(max_length=250, index=True)
    sort_key = peewee.CharField(max_length=250)
    status = peewee.CharField(max_length=16, default="prospect")
    email = peewee.CharField(max_length=320, null=True, index=True)
    mobile = peewee.CharField(max_length=20, null=True, index=True)
    home_phone = peewee.CharField(max_length=20, null=True, index=True)
    email_all = peewee.BooleanField(default=False)
    email_marketing = peewee.BooleanField(default=False)
    sms_all = peewee.BooleanField(default=False)
    sms_marketing = peewee.BooleanField(default=False)
    voice_all = peewee.BooleanField(default=False)
    voice_marketing = peewee.BooleanField(default=False)
    home_all = peewee.BooleanField(default=False)
    home_marketing = peewee.BooleanField(default=False)
    ai_outreach = peewee.BooleanField(default=True)
    ai_replies = peewee.BooleanField(default=True)
    archived = peewee.BooleanField(default=False)
    created_at = peewee.CharField(max_length=32)
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = (
            (("archived", "sort_key", "id", "name_key", "email", "mobile", "home_phone"), False),
            (("archived", "status", "mobile", "email", "home_phone", "email_all", "email_marketing",
              "sms_all", "sms_marketing", "voice_all", "voice_marketing", "home_all", "home_marketing",
              "ai_outreach", "ai_replies"), False),
        )


class StopLock(_Model):
    number = peewee.CharField(max_length=20, primary_key=True)
    locked_at = peewee.CharField(max_length=32)
    inbound_sid = peewee.TextField(null=True)


class InboundMessage(_Model):
    sid = peewee.TextField(unique=True)
    from_number = peewee.CharField(max_length=20)
    to_number = peewee.TextField(null=True)
    body = peewee.TextField()
    received_at = peewee.CharField(max_length=32)
    keyword = peewee.CharField(max_length=16)
    applied = peewee.BooleanField(default=False)
    review_state = peewee.CharField(max_length=16, null=True)
    resolved_by = peewee.ForeignKeyField(Staff, null=True)
    resolved_at = peewee.CharField(max_length=32, null=True)
    processed_at = peewee.CharField(max_length=32)

    class Meta:
        indexes = ((("from_number", "received_at"), False), (("review_state", "from_number"), False))


class ConsentEvent(_Model):
    at = peewee.CharField(max_length=32)
    actor = peewee.CharField(max_length=120)
    staff = peewee.ForeignKeyField(Staff, null=True)
    client = peewee.ForeignKeyField(Client, null=True)
    number = peewee.CharField(max_length=20, null=True, index=True)
    channel = peewee.CharField(max_length=8, null=True)
    switch = peewee.CharField(max_length=40)
    old = peewee.CharField(max_length=320, null=True)
    new = peewee.CharField(max_length=320, null=True)
    source = peewee.CharField(max_length=16)
    method = peewee.CharField(max_length=32, null=True)
    note = peewee.TextField(null=True)
    inbound_sid = peewee.TextField(null=True)
    prev_hash = peewee.CharField(max_length=64)
    hash = peewee.CharField(max_length=64)

    class Meta:
        indexes = ((("client", "id"), False), (("at",), False))


class AuditHead(_Model):
    id = peewee.IntegerField(primary_key=True)
    last_event_id = peewee.IntegerField(default=0)
    last_hash = peewee.CharField(max_length=64)
    count = peewee.IntegerField(default=0)


class StudioSettings(_Model):
    id = peewee.IntegerField(primary_key=True)
    name = peewee.CharField(max_length=120, default="My Studio")
    time_zone = peewee.CharField(max_length=64, default="America/New_York")
    default_region = peewee.CharField(max_length=2, default="US")
    ai_enabled = peewee.BooleanField(default=True)
    ai_outreach = peewee.BooleanField(default=True)
    ai_reply_all = peewee.BooleanField(default=True)
    ai_reply_members = peewee.BooleanField(default=True)
    ai_response_time = peewee.CharField(max_length=16, default="dynamic")
    ai_response_minutes = peewee.IntegerField(default=5)
    default_marketing_email = peewee.BooleanField(default=True)
    default_marketing_sms = peewee.BooleanField(default=False)
    default_marketing_voice = peewee.BooleanField(default=False)
    default_marketing_home = peewee.BooleanField(default=False)
    version = peewee.IntegerField(default=1)


class SchemaVersion(_Model):
    version = peewee.IntegerField(primary_key=True)
    applied_at = peewee.CharField(max_length=32)


TABLES = (Staff, Client, StopLock, InboundMessage, ConsentEvent, AuditHead, StudioSettings,
          SchemaVersion)


def apply(db: peewee.Database) -> None:
    """Create the first release's tables and the studio's one settings row."""
    with db.bind_ctx(TABLES, bind_refs=False, bind_backrefs=False):
        db.create_tables(TABLES)
        StudioSettings.create(id=1)
        AuditHead.create(id=1, last_event_id=0, last_hash=GENESIS_HASH, count=0)
