"""0005: the studio's texting provider and its sync (DESIGN R24, issue 13).

- `provider_account`: the connected account (one row): which provider, the account SID and,
  when an API key is used, the key's SID. Never the secret: that stays in each workstation's
  OS keyring (`models.secret_store`).
- `provider_sync`: one row of shared state — the newest date sent fetched (in the provider's
  clock, where the next sync starts), the last success and the last failure — and the lease
  that lets one sync run at a time across the studio's workstations (`running_since`,
  `running_token`: a plain row, so SQLite and PostgreSQL lock it the same way).

Frozen as this release defines them; `models/schema.py` holds the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 5

_frozen = peewee.DatabaseProxy()


class _Model(peewee.Model):
    class Meta:
        database = _frozen
        legacy_table_names = False


class ProviderAccount(_Model):
    id = peewee.IntegerField(primary_key=True)
    kind = peewee.CharField(max_length=16)
    account_sid = peewee.CharField(max_length=64)
    key_sid = peewee.CharField(max_length=64, null=True)
    connected_at = peewee.CharField(max_length=32)
    connected_by = peewee.CharField(max_length=120)


class ProviderSync(_Model):
    id = peewee.IntegerField(primary_key=True)
    account_sid = peewee.CharField(max_length=64, null=True)
    newest_sent = peewee.CharField(max_length=32, null=True)
    last_success_at = peewee.CharField(max_length=32, null=True)
    last_failure_at = peewee.CharField(max_length=32, null=True)
    last_failure = peewee.TextField(null=True)
    running_since = peewee.CharField(max_length=32, null=True)
    running_token = peewee.CharField(max_length=64, null=True)


def apply(db: peewee.Database) -> None:
    """Create the two tables."""
    with db.bind_ctx((ProviderAccount, ProviderSync), bind_refs=False, bind_backrefs=False):
        db.create_tables((ProviderAccount, ProviderSync))
