"""R14: Print / Save as PDF on the profile, and the PDF record itself — the client's name, every
event in words (their numbers' too), the verification and the checkpoint; markup in a note is
text; R15: managers and owners print it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from models.audit import chain_checkpoint
from models.consent import set_switch
from models.inbound import process_inbound
from models.record import client_record
from models.rules import Channel, Switch
from ui.formatting import describe_event
from ui.profile.client_profile_view import ClientProfileView
from ui.profile.record_printer import RecordPrinter
from ui.record_pdf import record_html, write_record_pdf
from ui.session import set_current_staff

NUMBER = "+12125550123"
STOP_AT = datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc)
MARKUP_NOTE = "<b>bold</b> <img src='x'> & <script>alert(1)</script>"


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, read back with Qt's own PDF reader."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = [" ".join(document.getAllText(page).text().replace("\u200b", "").split())
             for page in range(document.pageCount())]
    document.close()
    return pages


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


@pytest.fixture
def lee(staff, add_client) -> int:
    """A client added after their number texted STOP, with a note full of markup."""
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    client = add_client("Lee", "Kim", email="lee@example.com", mobile=NUMBER)
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, False, note=MARKUP_NOTE)
    return client


@pytest.fixture
def manager(staff) -> Iterator[None]:
    set_current_staff(staff["manager"])
    yield
    set_current_staff(None)


@pytest.fixture
def view(qtbot: QtBot, manager) -> ClientProfileView:
    widget = ClientProfileView()
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_r14_the_record_pdf_holds_name_events_verification_and_checkpoint(qapp, lee, tmp_path):
    record = client_record(lee)
    pages = write_record_pdf(record, tmp_path / "lee.pdf")
    assert (tmp_path / "lee.pdf").read_bytes().startswith(b"%PDF")
    text = pdf_text(tmp_path / "lee.pdf")
    assert pages >= 1 and "Consent record: Lee Kim" in text and f"Page 1 of {pages}" in text
    assert record.checkpoint == chain_checkpoint() and record.checkpoint in text
    assert "hash chain holds" in text
    stop = [event for event in record.events if event.switch == "stop_lock"]
    assert [event.inbound_sid for event in stop] == ["SM-stop"]  # the number's STOP, before Lee
    for event in record.events:
        assert describe_event(event) in text, describe_event(event)
    assert MARKUP_NOTE in text  # the note is shown as the text it is


def test_r14_markup_in_a_name_or_note_is_escaped_in_the_html(qapp, staff, add_client):
    client = add_client("<b>Dana</b>", "<i>Reyes</i>", email="d@example.com", mobile=None)
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, False, note=MARKUP_NOTE)
    page = record_html(client_record(client))
    assert "<script>" not in page and "<b>Dana</b>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Dana&lt;/b&gt;" in page


def test_r14_three_hundred_events_paginate_with_page_numbers(qapp, staff, add_client, tmp_path):
    client = add_client("Ana", "Long", email="ana@example.com", mobile=None)
    long_note = "she asked at the desk to stop the promotions for now " * 8
    for i in range(150):
        set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, i % 2 == 1,
                   method="signed_form" if i % 2 else None, note=long_note if i % 10 == 0 else None)
    record = client_record(client)
    assert len(record.events) >= 150
    pages = write_record_pdf(record, tmp_path / "ana.pdf")
    texts = pdf_pages(tmp_path / "ana.pdf")
    assert pages == len(texts) > 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
    for text in texts[1:-1]:  # every page the events run over repeats the table's header row
        assert "Number · message" in text


def test_r14_save_as_pdf_from_the_profile_button(view, lee, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "lee-record"
    asked: list[str] = []
    monkeypatch.setattr(RecordPrinter, "ask_save_path",
                        classmethod(lambda cls, parent, suggested: asked.append(suggested) or str(target)))
    view.show_client(lee)
    button = view.findChild(QToolButton, "printRecordButton")
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "lee-record.pdf"
    assert asked and asked[0].endswith("consent-record-Lee-Kim.pdf")
    assert saved.read_bytes().startswith(b"%PDF") and "Lee Kim" in pdf_text(saved)


def test_r14_ctrl_p_saves_the_record(view, lee, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "by-key.pdf"
    monkeypatch.setattr(RecordPrinter, "ask_save_path", classmethod(lambda cls, p, s: str(target)))
    view.show_client(lee)
    view.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert target.exists() and "STOP lock: on" in pdf_text(target)


def test_cancelling_the_save_dialog_writes_nothing(view, lee, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(RecordPrinter, "ask_save_path", classmethod(lambda cls, p, s: ""))
    view.show_client(lee)
    assert view.record_printer().save_pdf() is None
    assert list(tmp_path.rglob("*.pdf*")) == []


def test_r15_an_employee_is_not_offered_the_record(qtbot, staff, lee):
    set_current_staff(staff["employee"])
    try:
        widget = ClientProfileView()
        qtbot.addWidget(widget)
        widget.show_client(lee)
        assert not widget.findChild(QToolButton, "printRecordButton").isEnabled()
    finally:
        set_current_staff(None)
