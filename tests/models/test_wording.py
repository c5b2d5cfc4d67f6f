"""The model layer's sentences are `say()` phrases (issue 14): English as before, picklable,
and every `say()` call is one lupdate can read — a literal template whose `{names}` are the
keyword arguments given."""

from __future__ import annotations

import ast
import pickle
import string
import sys
from pathlib import Path

import pytest

from models.errors import ConsentLocked, ImportStopped, StorageError, describe_rows
from models.rules import CHANNEL_LABELS, Channel, ChannelConsent, Switch, switch_blocker
from models.wording import Phrase, listing, message_of, say

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"


def _say_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in sorted(MODELS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say":
                calls.append((path, node))
    return calls


def test_the_scan_finds_the_model_layers_sentences():
    files = {path.name for path, _ in _say_calls()}
    assert {"rules.py", "consent.py", "csv_files.py", "db.py", "errors.py", "staff.py"} <= files


@pytest.mark.parametrize("path, call", _say_calls(),
                         ids=lambda value: value.name if isinstance(value, Path) else "")
def test_every_say_has_a_literal_template_and_its_named_parameters(path: Path, call: ast.Call):
    where = f"{path.relative_to(ROOT)}:{call.lineno}"
    assert call.args and len(call.args) == 1, f"{where}: say() takes one template"
    template = call.args[0]
    assert isinstance(template, ast.Constant) and isinstance(template.value, str), (
        f"{where}: the template is not a literal string (lupdate reads only literals)")
    assert not any(keyword.arg is None for keyword in call.keywords), f"{where}: no **params"
    fields = [name for _, name, _, _ in string.Formatter().parse(template.value) if name is not None]
    assert all(name.isidentifier() for name in fields), f"{where}: {{}} by name only: {fields}"
    assert set(fields) == {keyword.arg for keyword in call.keywords}, (
        f"{where}: template names {sorted(set(fields))}, parameters "
        f"{sorted(k.arg or '' for k in call.keywords)}")


def test_a_phrase_reads_as_todays_english_and_keeps_how_it_was_made():
    phrase = say("{path}: missing columns {columns}", path="clients.csv", columns="From, Body")
    assert phrase == "clients.csv: missing columns From, Body"
    assert str(phrase) == "clients.csv: missing columns From, Body"
    assert f"{phrase}" == "clients.csv: missing columns From, Body"
    assert phrase.template == "{path}: missing columns {columns}"
    assert phrase.params == {"path": "clients.csv", "columns": "From, Body"}
    assert type(phrase + ".") is str  # any string operation gives plain English


def test_a_phrase_pickles_as_itself_with_phrase_parameters():
    label = CHANNEL_LABELS[Channel.VOICE]
    phrase = say("{channel} All is off", channel=label)
    again = pickle.loads(pickle.dumps(phrase))
    assert isinstance(again, Phrase) and again == "Phone calls All is off"
    assert again.template == "{channel} All is off"
    assert isinstance(again.params["channel"], Phrase) and again.params["channel"].template == "Phone calls"
    error = pickle.loads(pickle.dumps(ConsentLocked(phrase)))
    assert isinstance(message_of(error), Phrase)


def test_the_stop_lock_refusal_is_a_phrase_in_todays_english():
    locked = ChannelConsent(Channel.SMS, "+15555550123", False, False, stop_locked=True)
    refusal = switch_blocker(locked, Switch.ALL, True)
    assert isinstance(refusal, Phrase)
    assert refusal == ("This number texted STOP: only the client can turn SMS back on, by "
                       "texting START")
    no_mobile = switch_blocker(ChannelConsent(Channel.VOICE, None, False, False), Switch.ALL, True)
    assert no_mobile == "No mobile number on file, so Phone calls has no switches"
    assert no_mobile.params["channel"].template == "Phone calls"


def test_plurals_are_two_templates_chosen_in_code():
    assert describe_rows([7]) == "row 7 was"
    assert describe_rows([2, 3, 4, 9]) == "rows 2–4, 9 were"
    many = describe_rows(range(2, 40, 2))
    assert many == "rows 2, 4, 6, 8, 10, 12, 14, 16, … (19 rows in all) were"
    assert {describe_rows([7]).template, describe_rows([2, 3]).template} == {
        "row {row} was", "rows {rows} were"}


def test_an_import_stopped_by_a_full_disk_keeps_every_sentence_translatable():
    full = StorageError(say("the disk holding {place} is full ({error})", place="studio.db",
                            error="database or disk is full"),
                        say("free some disk space and try again"), first_step=say("free some disk space"))
    stopped = ImportStopped(full, [2, 3, 4])
    assert str(stopped) == ("the disk holding studio.db is full (database or disk is full); rows 2–4 "
                            "were applied; the rest were not — free some disk space and import the "
                            "file again: rows already applied are skipped")
    message = message_of(stopped)
    assert isinstance(message, Phrase) and message.template == "{problem}; {done}"
    assert message.params["done"].params["again"].params["remedy"].template == "free some disk space"
    assert str(ImportStopped(StorageError("the database is unavailable: x"), [])) == (
        "the database is unavailable: x; nothing was imported — import the file again")


def test_a_list_of_phrases_stays_translatable_and_plain_words_stay_plain():
    assert listing(["From", "Body"]) == "From, Body" and not isinstance(listing(["a", "b"]), Phrase)
    joined = listing(["From", say("time"), say("message id")])
    assert joined == "From, time, message id" and isinstance(joined, Phrase)


def test_wording_is_pure_python():
    """rules.py imports wording.py: it must need nothing but the standard library."""
    tree = ast.parse((MODELS / "wording.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and (node.module or "").split(".")[0] in sys.stdlib_module_names
        elif isinstance(node, ast.Import):
            assert all(alias.name.split(".")[0] in sys.stdlib_module_names for alias in node.names)
