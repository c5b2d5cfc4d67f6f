"""What the model layer says to people, kept translatable without Qt (issue 14).

A refusal ("This number texted STOP: …"), an import row's problem or a channel's name is made
with `say(template, **params)`. The result is a `Phrase`: a `str` that reads in English, as the
command line and the log print it, and that still knows its template and parameters, so the
window can show it in the language staff chose (`ui.words.spoken`).

Why a catalogue of templates and not gettext in `models/`: the window already translates
through Qt (`QTranslator`, `.ts` files, Linguist), and one `.ts` file is then the whole
translation, kept current by one `pyside6-lupdate` run (`scripts/update_translations.py`, which
reads `say(...)` as a translatable text). The model layer stays pure Python and imports no Qt.

Rules for a template: a literal string (lupdate reads it from the source), parameters by name
(`{path}`, `{row}`), never an f-string. A parameter may itself be a `Phrase` (a channel's name),
and is then translated too. Plurals are two templates chosen in code ("1 column" / "2 columns"),
which covers English and Spanish.
"""

from __future__ import annotations

from typing import Any, Iterable


class Phrase(str):
    """A sentence in English that remembers how it was made, to be said again in another
    language. Any string operation (`+`, `.upper()`, slicing) gives a plain `str`."""

    template: str
    params: dict[str, Any]
    #: Said with its first letter in capitals (a message of its own, not part of a sentence).
    capital: bool

    def __new__(cls, template: str, params: dict[str, Any] | None = None,
                capital: bool = False) -> Phrase:
        values = params or {}
        english = template.format_map(values) if values else template
        made = super().__new__(cls, english[:1].upper() + english[1:] if capital else english)
        made.template = template
        made.params = values
        made.capital = capital
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # across a process boundary, as itself
        return (Phrase, (self.template, self.params, self.capital))

    def as_sentence(self) -> Phrase:
        """The same words starting with a capital letter, in any language."""
        return Phrase(self.template, self.params, capital=True)


#: The context translations of the model layer's texts live under in the `.ts` file. lupdate
#: files `say(...)` texts under the empty context (it is told `say` is `QT_TR_NOOP`).
CONTEXT = ""


def say(template: str, /, **params: Any) -> Phrase:
    """`template` with `params` filled in: English now, translatable later."""
    return Phrase(template, params)


def listing(items: Iterable[str]) -> str:
    """Items joined by ", " ("time, message id"): a `Phrase` when one of them is, so that
    each is said in the window's language; a plain `str` otherwise."""
    words = list(items)
    if not any(isinstance(word, Phrase) for word in words):
        return ", ".join(words)
    joined: str = words[0]
    for word in words[1:]:
        joined = say("{items}, {item}", items=joined, item=word)
    return joined


def message_of(error: BaseException) -> str:
    """The sentence an error was raised with, a `Phrase` where it was made by `say`."""
    if len(error.args) == 1 and isinstance(error.args[0], str):
        return error.args[0]
    return str(error)
