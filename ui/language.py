"""The language the window speaks: English or Spanish (issue 14).

At start the window speaks the language chosen under *View ▸ Language* at this workstation,
or else the computer's own when it is one of ours, or else English. A choice installs Opt-In
Desk's translation (`resources/translations/optin_desk_<code>.qm`) and Qt's own (the standard
buttons, the file chooser), and makes dates, times and numbers follow the language
(`QLocale.setDefault`). English has a translation file too: it holds only the plural forms.

The command line stays in English: what it prints is read by scripts.
"""

from __future__ import annotations

import logging
from typing import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from resources import TRANSLATIONS_DIR

#: The languages the window speaks, each named in itself, as the menu lists them.
LANGUAGES: Mapping[str, str] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
#: Where this workstation remembers the choice (QSettings: per computer and OS account).
LANGUAGE_KEY = "view/language"
#: The locale each language formats dates and numbers in: the United States' Spanish.
_LOCALES = {"en": (QLocale.Language.English, QLocale.Country.UnitedStates),
            "es": (QLocale.Language.Spanish, QLocale.Country.UnitedStates)}

_log = logging.getLogger(__name__)
_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def saved_language(settings: QSettings) -> str | None:
    """The language chosen at this workstation, if one was."""
    value = settings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def system_language() -> str:
    """The computer's language when the window speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def start_language(settings: QSettings) -> str:
    """The language to start in: this workstation's choice, else the computer's."""
    return saved_language(settings) or system_language()


def current_language() -> str:
    """The language the window speaks now."""
    return _current


def use_language(code: str) -> None:
    """Speak `code` from now on: texts made after this call are in that language."""
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"no translation for {code!r}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("use_language() needs the application first")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"optin_desk_{code}", str(TRANSLATIONS_DIR)),
                         (f"qtbase_{code}", qt_folder)):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        elif code != DEFAULT_LANGUAGE:  # the window goes on, in English where it has to
            _log.warning("No translation %s in %s", name, folder)
    language, country = _LOCALES[code]
    QLocale.setDefault(QLocale(language, country))
    _current = code


def choose_language(settings: QSettings, code: str) -> bool:
    """Remember `code` at this workstation and speak it; False when it is spoken already."""
    if code == _current:
        return False
    settings.setValue(LANGUAGE_KEY, code)
    settings.sync()
    use_language(code)
    return True
