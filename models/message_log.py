"""A provider's message log (DESIGN §4 import-messages): its rows read, checked and applied
in timestamp order through `models.inbound.apply_batch`, a few thousand texts per
transaction, so a crash keeps whole chunks and a re-run skips them by message id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from .changes import Change, Touched
from .csv_files import read_csv
from .db import database
from .errors import InvalidInput
from .inbound import InboundText, apply_batch
from .phones import normalize_phone
from .rules import Keyword
from .settings import load_studio
from .text import storable
from .timeutil import parse_user_time, received_time

#: Texts per transaction: a crash keeps whole chunks, and a re-run skips them by message id.
IMPORT_CHUNK = 5000

MESSAGE_LOG_COLUMNS = ("From", "To", "Body", "Status", "SentDate", "Direction", "Sid")


@dataclass
class MessageImportSummary:
    """What a message-log import did."""

    rows: int = 0
    inbound: int = 0
    outbound_skipped: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    changed: int = 0
    bad_rows: list[dict[str, Any]] = field(default_factory=list)
    client_ids: set[int] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        actions = {name: self.actions.get(name, 0)
                   for name in ("opt_out", "opt_in", "help", "review", "none", "duplicate")}
        return {"rows": self.rows, "inbound": self.inbound, "outbound_skipped": self.outbound_skipped,
                "actions": actions, "consent_changes": self.changed, "bad_rows": self.bad_rows}

    def change(self) -> Change:
        """The Change the import made, for the screen: texts on file, STOP locks set or lifted,
        texts waiting for review, for the clients on the numbers that texted."""
        touched = Touched.NONE
        if self.inbound - self.actions["duplicate"] > 0:
            touched |= Touched.MESSAGES
        if self.changed:
            touched |= Touched.STOP_LOCKS
        if self.actions[Keyword.REVIEW.value]:
            touched |= Touched.REVIEW
        return Change(touched, client_ids=tuple(sorted(self.client_ids)))


def import_messages(path: Path, *,
                    progress: Callable[[int, int], None] | None = None) -> MessageImportSummary:
    """Process a provider's message-log CSV (Twilio's columns): inbound rows only, applied in
    timestamp order (R11), each message id once. Bad rows are listed with their row number.

    `progress`, if given, is called with (done, total) inbound texts once the file is read
    and after each chunk is committed."""
    region = load_studio().default_region
    summary = MessageImportSummary()
    texts: list[tuple[datetime, int, InboundText]] = []
    for line, row in read_csv(path, MESSAGE_LOG_COLUMNS):
        summary.rows += 1
        if "__error__" in row:
            summary.bad_rows.append({"row": line, "error": row["__error__"]})
            continue
        direction = row["Direction"].strip().lower()
        if direction.startswith("outbound"):  # outbound-api, outbound-reply, outbound-call
            summary.outbound_skipped += 1
            continue
        if direction != "inbound":
            # Not skipped quietly: a cut-off row may well be a client's STOP.
            summary.bad_rows.append({"row": line, "error": f"Direction {row['Direction']!r} is "
                                     "neither inbound nor outbound"})
            continue
        try:
            sid = row["Sid"].strip()
            if not sid:
                raise InvalidInput("Sid is empty")
            number = normalize_phone(row["From"], region)
            at = received_time(parse_user_time(row["SentDate"]), "SentDate")
        except InvalidInput as error:
            summary.bad_rows.append({"row": line, "error": str(error)})
            continue
        texts.append((at, line, InboundText(sid=sid, number=number, body=storable(row["Body"]), at=at,
                                            to=row["To"].strip() or None)))
    texts.sort(key=lambda item: (item[0], item[1]))
    ordered = [text for _, _, text in texts]
    summary.inbound = len(ordered)
    done = 0
    if progress is not None:
        progress(done, len(ordered))
    for start in range(0, len(ordered), IMPORT_CHUNK):
        part = ordered[start:start + IMPORT_CHUNK]
        with database.atomic():
            results = apply_batch(part)
        for result in results:
            summary.actions[result.action] += 1
            summary.changed += result.changed
            summary.client_ids.update(result.clients)
        done += len(part)
        if progress is not None:  # outside the transaction: the chunk is committed
            progress(done, len(ordered))
    return summary
