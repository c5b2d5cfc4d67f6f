"""The model layer's refusals and file errors, raised through its real API, read in Spanish
in a window that speaks Spanish, and in today's English everywhere else (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.consent import load_consent, set_switch
from models.csv_files import read_csv
from models.errors import ConsentLocked, InvalidInput
from models.inbound import process_inbound
from models.message_log import import_messages
from models.rules import Channel, MessageKind
from ui.words import CHANNEL_NAMES, one_line, spoken

STOP_REFUSAL_ES = ("Este número envió STOP: solo el cliente puede volver a activar los SMS, "
                   "enviando START")


def _refusal_of_sms_all_on(staff, add_client) -> ConsentLocked:
    client_id = add_client()
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    with pytest.raises(ConsentLocked) as refused:
        set_switch(staff["owner"], client_id, "sms", "all", True, method="signed_form")
    return refused.value


def test_the_stop_lock_refusal_is_spanish_in_a_spanish_window(spanish, staff, add_client):
    refusal = _refusal_of_sms_all_on(staff, add_client)
    assert spoken(refusal) == STOP_REFUSAL_ES
    assert one_line(refusal) == STOP_REFUSAL_ES
    assert str(refusal) == ("This number texted STOP: only the client can turn SMS back on, by "
                            "texting START")  # the command line and the log: English


def test_the_stop_lock_refusal_stays_english_in_an_english_window(staff, add_client):
    refusal = _refusal_of_sms_all_on(staff, add_client)
    assert spoken(refusal) == str(refusal)


def test_a_csv_file_error_is_spanish(spanish, db, tmp_path: Path):
    missing = tmp_path / "clientes.csv"
    with pytest.raises(InvalidInput) as caught:
        list(read_csv(missing, ("first_name",)))
    assert spoken(caught.value) == f"{missing}: el archivo no existe"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("first_name,last_name\nDana,Reyes\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        list(read_csv(sheet, ("first_name", "email", "mobile")))
    assert spoken(caught.value) == f"{sheet}: faltan las columnas email, mobile"
    assert str(caught.value) == f"{sheet}: missing columns email, mobile"


def test_a_message_log_row_problem_is_spanish(spanish, db, tmp_path: Path):
    log = tmp_path / "log.csv"
    log.write_text("From,To,Body,Status,SentDate,Direction,Sid\n"
                   "+15555550123,+15555550100,STOP,received,2026-11-26 09:14:00 +0000,sideways,SM1\n"
                   "+15555550123,+15555550100,hi,received,2026-11-26 09:15:00 +0000,inbound,\n",
                   encoding="utf-8")
    problems = [spoken(row["error"]) for row in import_messages(log).bad_rows]
    assert problems == ["Direction 'sideways' no es ni recibido ni enviado", "Sid está vacío"]


def test_what_a_client_receives_gives_its_reasons_in_spanish(spanish, staff, add_client):
    client_id = add_client(email=None)
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    receives = load_consent(client_id).receives
    assert spoken(receives[Channel.EMAIL][MessageKind.REMINDER].reason) == (
        "No hay correo electrónico registrado")
    assert spoken(receives[Channel.SMS][MessageKind.REMINDER].reason) == (
        "Todo de SMS está desactivado — el cliente envió STOP")
    assert CHANNEL_NAMES[Channel.VOICE] == "Llamadas"


def test_a_phone_typed_wrong_is_said_in_spanish_as_a_sentence(spanish) -> None:
    """The client editor's line under the mobile field (models.phones.check_phone)."""
    from models.phones import check_phone

    problem = check_phone("555 01").problem
    assert problem == "Phone number '555 01' is too short"  # English: a sentence
    assert spoken(problem) == "El número de teléfono '555 01' es demasiado corto"


def test_an_imported_rows_problem_names_its_column_and_says_it_in_spanish(
        spanish, staff, tmp_path: Path) -> None:
    """The import result lists row, column and what to fix, in the window's language."""
    from models.client_import import import_clients

    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name,status,email,mobile,home_phone\n"
                    "Ana,Silva,member,,call me,\n", encoding="utf-8")
    problems = import_clients(path, who=staff["owner"]).problems()
    assert [(p["row"], p["column"]) for p in problems] == [(2, "mobile")]
    assert spoken(problems[0]["reason"]) == "el número de teléfono 'call me' contiene letras"
