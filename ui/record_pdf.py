"""A client's consent record on paper or in a PDF (R14), drawn by Qt's own PDF writer.

`record_html()` writes the record (`models.record.ClientRecord`) as HTML for a
`QTextDocument`, every piece of text escaped: a client's name or a note is text, never markup.
`paint_record()` lays it out on pages of a `QPdfWriter` or a `QPrinter`, with a footer on
every page (whose record, when it was made, the checkpoint, page N of M); the events table's
header row repeats on every page.

The record is in the window's language (issue 14, context "record_pdf"); the command line's
`export-record` writes it in English, as everything the command line says.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QObject, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from models.audit import EventRecord
from models.phones import display_phone
from models.record import ClientRecord
from models.rules import CHANNELS, KIND_LABELS, MESSAGE_KINDS
from models.timeutil import iso, parse_iso
from ui.formatting import (
    actor_text,
    describe_event,
    event_why,
    full_time_text,
    happened_early,
    happened_text,
)
from ui.words import CHANNEL_NAMES, spoken, status_label

#: A word longer than this gets break opportunities, so a pasted link in a note still wraps.
_LONGEST_WORD = 40
_WORD = re.compile(r"\S{%d,}" % (_LONGEST_WORD + 1))
_STYLE = """
body { font-family: sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 2pt 0; }
h2 { font-size: 11.5pt; margin: 12pt 0 4pt 0; }
p { margin: 2pt 0; }
.muted { color: #555; }
.bad { color: #a00; font-weight: bold; }
.good { color: #060; font-weight: bold; }
.mono { font-family: monospace; font-size: 8pt; }
table.grid { border-collapse: collapse; }
table.grid th { background: #e8e8e8; text-align: left; font-weight: bold; }
"""
_FOOTER_POINTS = 7.5
#: Qt's translation, by a name lupdate reads: translate("record_pdf", "…").
translate = QCoreApplication.translate


class _RecordCounts(QObject):
    """The record's texts with a count (lupdate marks a plural only in a QObject's tr)."""

    def events_heading(self, count: int) -> str:
        return self.tr("Every consent event (%Ln event(s))", "", count)


def record_html(record: ClientRecord) -> str:
    """The whole record as HTML for a QTextDocument (text escaped everywhere)."""
    zone = ZoneInfo(record.time_zone)
    made = _when(iso(record.made_at), zone)
    parts = [
        f"<html><head><style>{_STYLE}</style></head><body>",
        "<h1>" + _e(translate("record_pdf", "Consent record: {name}").format(
            name=record.name)) + "</h1>",
        "<p>" + _e(translate(
            "record_pdf", "{studio} · made {when} ({zone}) by Opt-In Desk. Every time below is "
            "in the studio's time zone.").format(studio=record.studio_name, when=made,
                                                  zone=record.time_zone)) + "</p>",
        _identity(record),
        "<h2>" + _e(translate("record_pdf", "Current state per channel")) + "</h2>",
        _channels(record, zone),
        "<h2>" + _e(translate("record_pdf", "What this client receives now")) + "</h2>",
        _receives(record),
        f"<h2>{_e(_RecordCounts().events_heading(len(record.events)))}</h2>",
        "<p class='muted'>" + _e(translate(
            "record_pdf", "Changes of this client's switches, and the events of every mobile "
            "number they have had (STOP, START, review decisions), oldest first in the order "
            "they were recorded. When: when recorded, and for a text imported or synced late "
            "also when the client texted it.")) + "</p>",
        _events(record.events, zone),
        "<h2>" + _e(translate("record_pdf", "Verification")) + "</h2>", _verification(record),
        "</body></html>",
    ]
    return "\n".join(parts)


def paint_record(record: ClientRecord, device: QPagedPaintDevice) -> int:
    """Lay the record out on `device`'s pages (a QPdfWriter or a QPrinter), with a footer on
    each; return the number of pages."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(QFont("sans-serif", 9))
    document.setHtml(record_html(record))
    dpi = device.logicalDpiY()  # a PDF writer's or printer's resolution
    area = device.pageLayout().paintRectPixels(dpi)
    footer_height = _FOOTER_POINTS * 3 * dpi / 72
    body = QSizeF(area.width(), area.height() - footer_height)
    document.setPageSize(body)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the PDF could not be started")
    try:
        footer_font = QFont("sans-serif")
        footer_font.setPointSizeF(_FOOTER_POINTS)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            line = QRectF(0, body.height() + footer_height / 3, body.width(), footer_height * 2 / 3)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             translate(
                                 "record_pdf", "{name} · {studio} · made {when} UTC · "
                                 "checkpoint {checkpoint}…").format(
                                 name=record.name, studio=record.studio_name,
                                 when=f"{record.made_at:%Y-%m-%d %H:%M}",
                                 checkpoint=record.checkpoint[:24]))
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             translate("record_pdf", "Page {page} of {pages}").format(
                                 page=page + 1, pages=pages))
    finally:
        painter.end()
    return pages


def write_record_pdf(record: ClientRecord, path: Path) -> int:
    """Write the record to a PDF file, whole or not at all; return its number of pages.
    Raises OSError when the file cannot be written."""
    handle, part = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)  # proves the folder is writable before Qt is asked to write there
    part_path = Path(part)
    try:
        writer = QPdfWriter(str(part_path))
        writer.setTitle(translate("record_pdf", "Consent record: {name}").format(name=record.name))
        writer.setCreator("Opt-In Desk")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 14, 16, 12), QPageLayout.Unit.Millimeter))
        pages = paint_record(record, writer)
        del writer  # the file is complete once the writer is gone
        if part_path.stat().st_size == 0:
            raise OSError(f"the PDF could not be written to {path.parent}")
        part_path.replace(path)
    except BaseException:
        part_path.unlink(missing_ok=True)
        raise
    return pages


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication for the command line (fonts and
    the PDF writer need one). Without a display it runs offscreen."""
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY")
                or os.environ.get("WAYLAND_DISPLAY")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(["optin-desk"])
        # The command line speaks English (no translation is loaded): dates too, whatever
        # this computer's language.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert isinstance(app, QGuiApplication)
    return app


# --- the parts of the page ---------------------------------------------------------------------

def _identity(record: ClientRecord) -> str:
    client = record.consent.client
    none = translate("record_pdf", "none on file")
    status = status_label(client.status)
    if client.archived:
        status = translate("record_pdf", "{status} · archived").format(status=status)
    who = translate("record_pdf", "{name} (id {id})").format(name=client.name, id=client.id)
    rows = [(translate("record_pdf", "Client"), who),
            (translate("record_pdf", "Status"), status),
            (translate("record_pdf", "Email"), client.email or none),
            (translate("record_pdf", "Mobile"), display_phone(client.mobile) or none),
            (translate("record_pdf", "Home phone"), display_phone(client.home_phone) or none)]
    earlier = [display_phone(n) for n in record.numbers if n != client.mobile]
    if earlier:
        rows.append((translate("record_pdf", "Earlier mobiles"), ", ".join(earlier)))
    return "<table cellpadding='1'>" + "".join(
        f"<tr><td class='muted' width='110'>{_e(label)}</td><td>{_e(value)}</td></tr>"
        for label, value in rows) + "</table>"


def _channels(record: ClientRecord, zone: ZoneInfo) -> str:
    rows = []
    for channel in CHANNELS:
        state = record.consent.channels[channel]
        address = state.address if channel.value == "email" else display_phone(state.address)
        lock = translate("record_pdf", "no")
        if state.stop_locked:
            since = iso(state.stop_locked_at) if state.stop_locked_at else None
            lock = (translate("record_pdf", "yes, since {when}").format(
                when=_when(since, zone)) if since else translate("record_pdf", "yes"))
        rows.append([CHANNEL_NAMES[channel], address or translate("record_pdf", "none on file"),
                     _on(state.effective_all), _on(state.effective_marketing), lock])
    return _table([translate("record_pdf", "Channel"), translate("record_pdf", "Address"),
                   translate("switch", "All"), translate("switch", "Marketing"),
                   translate("record_pdf", "STOP lock")], rows,
                  widths=(16, 30, 10, 14, 30))


def _receives(record: ClientRecord) -> str:
    rows = []
    for channel in CHANNELS:
        decisions = record.consent.receives[channel]
        allowed = [spoken(KIND_LABELS[k]) for k in MESSAGE_KINDS if decisions[k].allowed]
        reasons: dict[str, list[str]] = {}
        for kind in MESSAGE_KINDS:
            decision = decisions[kind]
            if not decision.allowed:
                why = (spoken(decision.reason) if decision.reason
                       else translate("record_pdf", "not allowed"))
                reasons.setdefault(why, []).append(spoken(KIND_LABELS[kind]))
        blocked = "; ".join(f"{', '.join(kinds)}: {why}" for why, kinds in reasons.items())
        rows.append([CHANNEL_NAMES[channel], ", ".join(allowed) or translate("record_pdf", "nothing"),
                     blocked or "—"])
    return _table([translate("record_pdf", "Channel"), translate("record_pdf", "May be sent"),
                   translate("record_pdf", "Not sent now, and why")], rows,
                  widths=(16, 34, 50))


def _events(events: tuple[EventRecord, ...], zone: ZoneInfo) -> str:
    if not events:
        return "<p>" + _e(translate("record_pdf", "No events.")) + "</p>"
    rows = []
    for event in events:
        number = display_phone(event.number) if event.number else ""
        if event.inbound_sid:
            number = translate("record_pdf", "{number} · message {id}").format(
                number=number, id=event.inbound_sid).strip(" ·")
        when = _when(event.at, zone)
        early = happened_early(event)
        if early is not None:  # recorded late: both times, as the History shows them (R11)
            when = (f"{_when(event.recorded_at, zone)} · "
                    f"{happened_text(event, early.astimezone(zone))}")
        rows.append([str(event.id), when, actor_text(event.actor),
                     describe_event(event), event_why(event), number])
    return _table([translate("record_pdf", "No."), translate("record_pdf", "When"),
                   translate("record_pdf", "Who"), translate("record_pdf", "What"),
                   translate("record_pdf", "Why"), translate("record_pdf", "Number · message")],
                  rows,
                  widths=(6, 13, 12, 21, 34, 14), small=True)


def _verification(record: ClientRecord) -> str:
    check = record.check
    if check.ok:
        verdict = "<p class='good'>" + _e(translate(
            "record_pdf", "The record's hash chain holds: all {count} events of the studio's "
            "record were checked, none was changed or removed.").format(
            count=QLocale().toString(check.count))) + "</p>"
    else:
        verdict = "<p class='bad'>" + _e(translate(
            "record_pdf", "The record's hash chain is broken at event {id}: {problem}").format(
            id=check.bad_event_id, problem=spoken(check.problem or ""))) + "</p>"
    return (verdict + "<p>" + _e(translate(
                "record_pdf", "Checkpoint (the newest event of the record and its hash when "
                "this was made):")) + "</p>"
            f"<p class='mono'>{_e(record.checkpoint)}</p>"
            "<p class='muted'>" + _e(translate(
                "record_pdf", "Keep this line outside the studio's database: the command "
                "below fails if the record no longer holds that event with that hash.")) + "</p>"
            f"<p class='mono'>optin-desk verify-audit --checkpoint {_e(record.checkpoint)}</p>")


def _table(headers: list[str], rows: list[list[str]], *, widths: tuple[int, ...],
           small: bool = False) -> str:
    """A table whose header row repeats on every page (<thead>), cells escaped."""
    size = " style='font-size: 8pt;'" if small else ""
    head = "".join(f"<th width='{w}%'>{_e(h)}</th>" for h, w in zip(headers, widths))
    body = "".join("<tr>" + "".join(f"<td>{_e(_breakable(cell))}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return (f"<table class='grid' width='100%' border='1' cellspacing='0' cellpadding='3'{size}>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _when(stored: str | None, zone: ZoneInfo) -> str:
    """A stored time in the studio's zone, in full: "Nov 26, 2026, 4:14 a.m."."""
    if not stored:
        return ""
    return full_time_text(parse_iso(stored).astimezone(zone))


def _on(value: bool) -> str:
    return translate("record_pdf", "on") if value else translate("record_pdf", "off")


def _breakable(text: str) -> str:
    """Very long words get zero-width spaces, so they wrap inside their cell."""
    return _WORD.sub(lambda m: "\u200b".join(m.group(0)[i:i + 20]
                                             for i in range(0, len(m.group(0)), 20)), text)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
