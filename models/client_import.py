"""Importing clients from a CSV file (DESIGN §4 import-clients): good rows are added with
their starting switches (R4a), a STOP-locked mobile starts locked (R7), bad rows are listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from .audit import EventLog
from .clients import (
    ClientDraft,
    insert_client,
    make_draft,
    name_key,
    refused_for_lock,
    stop_locked_numbers,
)
from .consent import CONSENT_METHODS
from .csv_files import read_csv
from .db import database
from .errors import InvalidInput
from .rules import CHANNELS
from .schema import Client
from .settings import load_studio
from .staff import Role, SignedIn, require_role

REQUIRED_COLUMNS = ("first_name", "last_name", "email", "mobile", "home_phone", "status")
_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off", ""}
#: Why a marketing cell for a STOP-locked mobile was not applied (R22).
LOCKED_CELL = ("not turned on: this mobile texted STOP, and only the client can turn SMS back "
               "on, by texting START")


@dataclass
class ImportSummary:
    """What an import did: rows imported, rows skipped with their row numbers and reasons."""

    imported: int = 0
    client_ids: list[int] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    #: The rows of `skipped` whose client is already on file: skipped, but nothing to fix.
    already_on_file: set[int] = field(default_factory=set)
    #: Cells not applied in rows that were (R22): {"row", "column", "reason"}.
    skipped_cells: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "skipped": self.skipped,
                "skipped_cells": self.skipped_cells, "client_ids": self.client_ids}

    def problems(self) -> list[dict[str, Any]]:
        """What needs fixing, by row: skipped rows (but those already on file) and cells not
        applied, each {"row", "reason"} with the column named in the reason."""
        rows = [item for item in self.skipped if item["row"] not in self.already_on_file]
        cells = [{"row": item["row"], "reason": f"{item['column']}: {item['reason']}"}
                 for item in self.skipped_cells]
        return sorted(rows + cells, key=lambda item: item["row"])


def _yes_no(column: str, value: str) -> bool | None:
    text = value.strip().lower()
    if text == "":
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput(f"{column} {value!r} is not yes or no")


def import_clients(path: Path, *, actor: str = "client import", who: SignedIn | None = None) -> ImportSummary:
    """Import clients from a CSV file (columns of DESIGN §4, plus optional `<channel>_marketing`
    and `consent_method`). Good rows are added, bad ones listed with their row number.

    Running the same file again is safe: a row whose client is already on file (same name and
    same email, mobile and home phone) is skipped as already imported, and nothing of it is
    applied. Imports never resubscribe (R22): marketing texts marked "yes" for a STOP-locked
    mobile are not stored, the cell is listed with the reason, and the rest of the row is.
    """
    rows = read_csv(path, REQUIRED_COLUMNS)
    studio = load_studio()
    summary = ImportSummary()
    drafts: list[tuple[int, ClientDraft]] = []
    for line, row in rows:
        if "__error__" in row:
            summary.skipped.append({"row": line, "reason": row["__error__"]})
            continue
        if not any(value.strip() for value in row.values()):
            continue
        try:
            marketing = {}
            for channel in CHANNELS:
                value = _yes_no(f"{channel.value}_marketing", row.get(f"{channel.value}_marketing", ""))
                if value is not None:
                    marketing[channel] = value
            method = row.get("consent_method", "").strip().lower() or None
            if method is not None and method not in CONSENT_METHODS:
                raise InvalidInput(f"consent_method {method!r} is not one of {', '.join(CONSENT_METHODS)}")
            drafts.append((line, make_draft(
                row["first_name"], row["last_name"], status=row["status"], email=row["email"],
                mobile=row["mobile"], home_phone=row["home_phone"], marketing=marketing,
                method=method, region=studio.default_region)))
        except InvalidInput as error:
            summary.skipped.append({"row": line, "reason": str(error)})
    staff_id = None
    with database.atomic():
        if who is not None:
            signed = require_role(who, Role.EMPLOYEE)
            actor, staff_id = signed.name, signed.staff_id
        locked = stop_locked_numbers(d.mobile for _, d in drafts)
        log = EventLog()
        seen: dict[tuple, int] = {}
        for line, draft in drafts:
            key = (name_key(draft.first_name, draft.last_name), draft.email, draft.mobile, draft.home_phone)
            existing = seen.get(key) or _existing_client(*key)
            if existing is not None:
                summary.skipped.append({"row": line, "reason": f"already on file as client {existing}"})
                summary.already_on_file.add(line)
                continue
            summary.skipped_cells += [{"row": line, "column": column, "reason": LOCKED_CELL}
                                      for column in refused_for_lock(draft, locked)]
            client_id = insert_client(draft, studio, log, actor=actor, staff_id=staff_id,
                                      source="import", locked_numbers=locked)
            seen[key] = client_id
            summary.imported += 1
            summary.client_ids.append(client_id)
        log.flush()
    summary.skipped.sort(key=lambda item: item["row"])
    return summary


def _existing_client(key: str, email: str | None, mobile: str | None, home: str | None) -> int | None:
    def same(column: peewee.Field, value: str | None) -> peewee.Expression:
        return column.is_null() if value is None else column == value

    row = (Client.select(Client.id)
           .where((Client.name_key == key) & same(Client.email, email) & same(Client.mobile, mobile)
                  & same(Client.home_phone, home) & (Client.archived == False))  # noqa: E712
           .first())
    return row.id if row else None
