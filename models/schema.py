"""The tables: peewee models, singular names, one per kind of record.

Consent switches live on the client row (one row read opens a profile; one indexed scan counts
an audience of 100,000). The STOP lock lives on the phone number (R6). Consent events are
append-only and hash-chained (R14).

The database refuses to update or delete an event, or to move the chain's head back: the
triggers `create_schema()` adds, which migration 0003 added to every database (R14).

A change here needs a numbered migration in models/migrations/ (0001 keeps the first tables
as they were); tests/models/test_migrations.py fails until it has one.
"""

from __future__ import annotations

import peewee

from .db import database
from .migrations import (
    m0003_append_only,
    m0006_search_index,
    m0007_bulk_search_index,
    m0008_audience_index,
    m0009_partial_review_index,
    m0010_import_indexes,
    m0011_postgres_client_word,
    m0012_word_initial_index,
)


class BaseModel(peewee.Model):
    """Every table binds to the one database proxy."""

    class Meta:
        database = database
        legacy_table_names = False


class Staff(BaseModel):
    """A staff member who signs in with their own PIN (R15)."""

    name = peewee.CharField(max_length=120, unique=True)
    role = peewee.CharField(max_length=16)  # owner, manager, employee
    pin_hash = peewee.CharField(max_length=128)
    pin_salt = peewee.CharField(max_length=64)
    failed_attempts = peewee.IntegerField(default=0)
    locked_until = peewee.CharField(max_length=32, null=True)  # ISO UTC
    active = peewee.BooleanField(default=True)
    created_at = peewee.CharField(max_length=32)


class Client(BaseModel):
    """A person the studio contacts. Archived, never deleted (R14)."""

    first_name = peewee.CharField(max_length=120)
    last_name = peewee.CharField(max_length=120)
    #: case-folded "first last", for search; `sort_key` is "last first" for the list order.
    #: Its index is PostgreSQL's only: SQLite finds a name key in `client_word` (migration 0010).
    name_key = peewee.CharField(max_length=250, index=True)
    sort_key = peewee.CharField(max_length=250)
    status = peewee.CharField(max_length=16, default="prospect")  # member, prospect
    email = peewee.CharField(max_length=320, null=True, index=True)
    mobile = peewee.CharField(max_length=20, null=True, index=True)  # E.164
    home_phone = peewee.CharField(max_length=20, null=True, index=True)  # E.164
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
    #: bumped by every change; a change made on an older version is refused (R16).
    version = peewee.IntegerField(default=1)
    #: SMS All is off because the client's number texted STOP, not at their own request:
    #: START turns it back on; an opt-out staff record while the lock holds clears it (R8, R20).
    sms_off_by_stop = peewee.BooleanField(default=False, constraints=[peewee.SQL("DEFAULT FALSE")])

    class Meta:
        # The client list's covering index: list order, and every column a search tests, so a
        # search of 100,000 clients walks this index alone and needs no sort (DESIGN §6).
        indexes = (
            (("archived", "sort_key", "id", "name_key", "email", "mobile", "home_phone"), False),
            # The consent covering index: the filter counts, the Any opt-out filter and a
            # campaign's audience read the switches of every client from here instead of the
            # wide rows (filter counts 117 → 35 ms, SMS audience 70 → 18 ms at 100,000).
            (("archived", "status", "mobile", "email", "home_phone", "email_all", "email_marketing",
              "sms_all", "sms_marketing", "voice_all", "voice_marketing", "home_all", "home_marketing",
              "ai_outreach", "ai_replies"), False),
        )


class StopLock(BaseModel):
    """A phone number whose owner texted an opt-out keyword (R6). The row is the lock."""

    number = peewee.CharField(max_length=20, primary_key=True)
    locked_at = peewee.CharField(max_length=32)  # when the client texted STOP, ISO UTC
    inbound_sid = peewee.TextField(null=True)  # a provider's message id: no length is promised


class InboundMessage(BaseModel):
    """A text a client sent, processed once by its provider message id (R11)."""

    sid = peewee.TextField(unique=True)  # the provider's message id; no length is promised
    from_number = peewee.CharField(max_length=20)
    to_number = peewee.TextField(null=True)  # as the provider wrote it
    body = peewee.TextField()
    received_at = peewee.CharField(max_length=32)  # ISO UTC
    keyword = peewee.CharField(max_length=16)  # rules.Keyword
    #: whether a keyword changed consent; False when a later keyword had already won (R11).
    applied = peewee.BooleanField(default=False)
    review_state = peewee.CharField(max_length=16, null=True)  # open, applied, dismissed
    resolved_by = peewee.ForeignKeyField(Staff, null=True, backref="resolved_messages")
    resolved_at = peewee.CharField(max_length=32, null=True)
    processed_at = peewee.CharField(max_length=32)

    class Meta:
        indexes = (
            (("from_number", "received_at"), False),
            (("review_state", "from_number"), False),
        )


class OutboundMessage(BaseModel):
    """A text the studio sent to a number after its STOP (R23): the one confirmation the law
    allows, or a text sent after the opt-out. Other outbound texts are not kept."""

    sid = peewee.TextField(unique=True)  # the provider's message id
    to_number = peewee.CharField(max_length=20)  # E.164
    body = peewee.TextField()
    sent_at = peewee.CharField(max_length=32)  # ISO UTC
    status = peewee.CharField(max_length=32, null=True)  # as the provider wrote it
    kind = peewee.CharField(max_length=16)  # confirmation, after_stop
    #: The message id of the STOP it followed.
    stop_sid = peewee.TextField(null=True)
    processed_at = peewee.CharField(max_length=32)

    class Meta:
        indexes = ((("to_number", "sent_at"), False), (("kind", "sent_at"), False))


class ConsentEvent(BaseModel):
    """One append-only record of a change (R14). Never updated, never deleted."""

    at = peewee.CharField(max_length=32)  # ISO UTC, when the change was made
    actor = peewee.CharField(max_length=120)  # a staff member's name, or the client's number
    staff = peewee.ForeignKeyField(Staff, null=True, backref="events")
    #: No index of its own: (client, id) below starts with it (migration 0010).
    client = peewee.ForeignKeyField(Client, null=True, backref="events", index=False)
    number = peewee.CharField(max_length=20, null=True, index=True)
    channel = peewee.CharField(max_length=8, null=True)
    switch = peewee.CharField(max_length=40)  # all, marketing, stop_lock, ai_outreach, …
    old = peewee.CharField(max_length=320, null=True)
    new = peewee.CharField(max_length=320, null=True)
    source = peewee.CharField(max_length=16)  # staff, client_keyword, import, review_queue, system
    method = peewee.CharField(max_length=32, null=True)  # consent method, for a switch turned on
    note = peewee.TextField(null=True)
    inbound_sid = peewee.TextField(null=True)  # a provider's message id: no length is promised
    prev_hash = peewee.CharField(max_length=64)
    hash = peewee.CharField(max_length=64)

    class Meta:
        indexes = ((("client", "id"), False), (("at",), False))


class AuditHead(BaseModel):
    """The last event of the chain. Its row lock serializes event writers on PostgreSQL, and
    it lets `verify-audit` notice when the newest events were removed."""

    id = peewee.IntegerField(primary_key=True)
    last_event_id = peewee.IntegerField(default=0)
    last_hash = peewee.CharField(max_length=64)
    count = peewee.IntegerField(default=0)


class StudioSettings(BaseModel):
    """The studio's single settings row: AI settings (R12), marketing defaults (R4a), locale."""

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
    #: Minutes without input before a window returns to sign-in; 0 never (shared desk).
    idle_lock_minutes = peewee.IntegerField(default=10, constraints=[peewee.SQL("DEFAULT 10")])


class SchemaVersion(BaseModel):
    """Which numbered migrations have been applied."""

    version = peewee.IntegerField(primary_key=True)
    applied_at = peewee.CharField(max_length=32)


class ProviderAccount(BaseModel):
    """The studio's connected texting-provider account (R24): one row, never the secret (it
    stays in each workstation's OS keyring, `models.secret_store`)."""

    id = peewee.IntegerField(primary_key=True)
    kind = peewee.CharField(max_length=16)  # twilio
    account_sid = peewee.CharField(max_length=64)
    key_sid = peewee.CharField(max_length=64, null=True)  # an API key's SID; None: auth token
    connected_at = peewee.CharField(max_length=32)
    connected_by = peewee.CharField(max_length=120)


class ProviderSync(BaseModel):
    """The provider sync's shared state (R24), one row: where the next sync starts, how the
    last one went, and the lease that lets one sync run at a time across workstations."""

    id = peewee.IntegerField(primary_key=True)
    account_sid = peewee.CharField(max_length=64, null=True)  # whose messages newest_sent counts
    newest_sent = peewee.CharField(max_length=32, null=True)  # ISO UTC, the provider's clock
    last_success_at = peewee.CharField(max_length=32, null=True)
    last_failure_at = peewee.CharField(max_length=32, null=True)
    last_failure = peewee.TextField(null=True)
    running_since = peewee.CharField(max_length=32, null=True)  # the lease: None when free
    running_token = peewee.CharField(max_length=64, null=True)


MODELS: tuple[type[BaseModel], ...] = (
    Staff, Client, StopLock, InboundMessage, OutboundMessage, ConsentEvent, AuditHead,
    StudioSettings, SchemaVersion, ProviderAccount, ProviderSync,
)


#: The append-only triggers, by name, with their table (R14). On PostgreSQL each is also
#: `… ON table`, and `consent_event_no_truncate` and `audit_head_no_truncate` refuse TRUNCATE.
APPEND_ONLY_TRIGGERS: dict[str, str] = {
    "consent_event_no_update": "consent_event",
    "consent_event_no_delete": "consent_event",
    "audit_head_no_delete": "audit_head",
    "audit_head_only_forward": "audit_head",
}


#: The search indexes beside `client` on SQLite, and the triggers that keep them in step
#: (migration 0006, whose insert trigger a bulk writer may pause since 0007; on PostgreSQL
#: they are pg_trgm indexes on `client` itself, and `client_word` since 0011).
SEARCH_TABLES = m0006_search_index.SQLITE_TABLES + m0007_bulk_search_index.SQLITE_TABLES
SEARCH_TRIGGERS: dict[str, str] = m0006_search_index.SQLITE_TRIGGERS


def create_schema(db: peewee.Database) -> None:
    """The schema as it is now, from the models: the tables, then the append-only triggers
    (still as migration 0003 wrote them) and the search indexes (0006, 0007, 0011). A migrated
    database equals it (tests/models/test_migrations.py)."""
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS)
    m0003_append_only.apply(db)
    m0006_search_index.apply(db)
    m0007_bulk_search_index.apply(db)
    m0008_audience_index.apply(db)
    m0009_partial_review_index.apply(db)
    m0010_import_indexes.apply(db)
    m0011_postgres_client_word.apply(db)
    m0012_word_initial_index.apply(db)
