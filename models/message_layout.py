"""Which column of a message-log CSV holds what: the layouts providers' exports come in, and
a mapping staff choose for a file whose columns no layout knows (DESIGN §3 Messages).

A layout names, for each field a text needs, the file's column. Two are known: the Twilio
Console's export and the one tools make from Twilio's API; any other file is read through an
explicit mapping, checked here so a bad one is refused in one line before a row is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .errors import InvalidInput
from .wording import listing, say

#: The fields of a text, in the order a mapping dialog asks for them.
FIELDS = ("from", "to", "body", "time", "direction", "sid", "status")
#: Fields a mapping must name: without them a text cannot be processed once, in order (R11).
REQUIRED_FIELDS = ("from", "body", "time", "sid")
#: What each field is, in the words of a one-line error.
#: From, To and Body are the provider's column names, kept as they are.
FIELD_NAMES = {"from": "From", "to": "To", "body": "Body", "time": say("time"),
               "direction": say("direction"), "sid": say("message id"), "status": say("status")}


@dataclass(frozen=True)
class MessageLogLayout:
    """For each field, the column that holds it; `fallback_time` is read when the time
    column of a row is empty (an API export's Date Sent is empty for a text never sent)."""

    name: str
    columns: Mapping[str, str]
    fallback_time: str | None = None
    #: Columns that must be in the file for it to be read this way (all mapped ones).
    required: tuple[str, ...] = field(default=())

    def column(self, name: str) -> str | None:
        """The column holding field `name`, or None when the file has none."""
        return self.columns.get(name)


def _layout(name: str, columns: dict[str, str], fallback_time: str | None = None) -> MessageLogLayout:
    return MessageLogLayout(name, columns, fallback_time, tuple(columns.values()))


#: The Twilio Console's export (DESIGN §4: its columns are the contract of import-messages).
CONSOLE_EXPORT = _layout("Twilio Console export", {
    "from": "From", "to": "To", "body": "Body", "status": "Status", "time": "SentDate",
    "direction": "Direction", "sid": "Sid"})
#: An export made from Twilio's API by common tools: SMS Message SID, From, To, Date Created,
#: Date Sent, Date Updated, Status, Direction, Message Segments, Price, Body.
API_EXPORT = _layout("Twilio API export", {
    "sid": "SMS Message SID", "from": "From", "to": "To", "time": "Date Sent",
    "status": "Status", "direction": "Direction", "body": "Body"}, fallback_time="Date Created")
LAYOUTS = (CONSOLE_EXPORT, API_EXPORT)


def layout_for(header: Sequence[str]) -> MessageLogLayout | None:
    """The known layout whose columns the file has, or None."""
    names = set(header)
    for layout in LAYOUTS:
        if names.issuperset(layout.required):
            return layout
    return None


def missing_columns(header: Sequence[str]) -> str:
    """Why a file with this header is no known layout, in one line (the Console export's
    missing columns: its columns are the contract)."""
    missing = [name for name in CONSOLE_EXPORT.required if name not in set(header)]
    if len(missing) > 1:
        return say("missing columns {columns}", columns=", ".join(missing))
    return say("missing column {columns}", columns=", ".join(missing))


def mapped_layout(mapping: Mapping[str, str], header: Sequence[str]) -> MessageLogLayout:
    """The layout a person chose: `mapping` gives, for some FIELDS, the column holding it.

    Raises InvalidInput, one line, when a field is unknown, a required one is not mapped, a
    column is not in the file, or one column is given to two fields."""
    unknown = [name for name in mapping if name not in FIELDS]
    if unknown:
        raise InvalidInput(say("no such message-log field: {fields}", fields=", ".join(unknown)))
    chosen = {name: column.strip() for name, column in mapping.items() if column and column.strip()}
    unmapped = [FIELD_NAMES[name] for name in REQUIRED_FIELDS if name not in chosen]
    if unmapped:
        raise InvalidInput(say("choose the column that holds: {fields}", fields=listing(unmapped)))
    absent = [column for column in chosen.values() if column not in set(header)]
    if absent:
        raise InvalidInput(say("the file has no column {column}", column=repr(absent[0])))
    seen: dict[str, str] = {}
    for name, column in chosen.items():
        if column in seen:
            raise InvalidInput(say("column {column} cannot hold both {field} and {other}",
                                   column=repr(column), field=FIELD_NAMES[seen[column]],
                                   other=FIELD_NAMES[name]))
        seen[column] = name
    ordered = {name: chosen[name] for name in FIELDS if name in chosen}
    return _layout("chosen columns", ordered)
