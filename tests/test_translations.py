"""Issue 14: every text people read goes through Qt's translation system, and the Spanish
translation is complete, current and keeps what must not change (placeholders, STOP/START)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SPANISH = TRANSLATIONS / "optin_desk_es.ts"
ENGLISH = TRANSLATIONS / "optin_desk_en.ts"

#: The calls that put a text on screen: their text arguments must be translated.
_SHOWS_TEXT = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle",
    "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "setLabelText",
    "setInformativeText", "setDetailedText", "showMessage", "addMenu", "addAction", "addTab",
    "addItem", "setTabText", "setHeaderLabels", "setHorizontalHeaderLabels", "setPrefix",
    "setSuffix", "setSpecialValueText", "setButtonText", "information", "warning", "question",
    "critical", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QMessageBox", "show_notice", "show_message", "show_warning", "show_information",
    "setHtml", "setPlainText", "addRow", "setTabToolTip", "setItemText", "setToolTipText",
}
_WORDS = re.compile(r"[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_NUMBER = re.compile(r"%L?n")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name") or "", message.findtext("source") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def _is_log_call(func: ast.expr) -> bool:
    """`log.warning(…)`: a line for the log, which stays English."""
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id.strip("_") in {"log", "logger", "logging"})


def _untranslated_literals(path: Path) -> list[str]:
    """Each place in `path` where a literal English text is handed straight to a widget."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        if name not in _SHOWS_TEXT or _is_log_call(node.func):
            continue
        for argument in node.args:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                text = argument.value
            elif isinstance(argument, ast.JoinedStr):
                text = "".join(part.value for part in argument.values
                               if isinstance(part, ast.Constant))
            else:
                continue
            if _WORDS.search(text):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    return found


def test_no_literal_text_reaches_a_widget_untranslated() -> None:
    offenders = [line for path in sorted((ROOT / "ui").rglob("*.py"))
                 for line in _untranslated_literals(path)]
    assert offenders == [], "\n".join(offenders)


def test_the_translation_files_are_current() -> None:
    """`pyside6-lupdate` finds nothing new and `pyside6-lrelease` gives the committed `.qm`."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_translations.py"),
                           "--check"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", [SPANISH, ENGLISH], ids=["es", "en"])
def test_every_entry_is_finished(path: Path) -> None:
    unfinished = []
    for context, source, message in _messages(path):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
                form.strip() for form in _translations(message)):
            unfinished.append(f"{context}: {source!r}")
    assert unfinished == [], "\n".join(unfinished)


def test_spanish_keeps_placeholders_counts_and_keywords() -> None:
    """A `{name}` lost or renamed would show English or nothing; STOP and START are what
    clients text, so they stay as they are in every sentence that names them (R3, R6)."""
    wrong = []
    for context, source, message in _messages(SPANISH):
        for text in _translations(message):
            if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source)):
                wrong.append(f"{context}: {source!r} → {text!r}: placeholders differ")
            if _NUMBER.search(source) and not _NUMBER.search(text) and message.get("numerus"):
                wrong.append(f"{context}: {source!r} → {text!r}: the count is missing")
            for keyword in ("STOP", "START"):
                if re.search(rf"\b{keyword}\b", source) and not re.search(rf"\b{keyword}\b", text):
                    wrong.append(f"{context}: {source!r} → {text!r}: {keyword} is translated")
    assert wrong == [], "\n".join(wrong)


def test_the_spanish_file_is_spanish_for_the_united_states() -> None:
    assert ET.parse(SPANISH).getroot().get("language", "").startswith("es")
