"""The reader's language: message catalogs and numbers, dates and lists written the local way.

Every word lems-viz writes for a reader (chart titles and takeaways, alt text, page chrome,
deck and handout text) is a message in ``lems_viz/locale/<lang>/LC_MESSAGES/lems_viz.po``,
managed with Babel (``make catalogs`` extracts and updates them). The ``.po`` files are
compiled in memory when a process first uses them, so an edited translation shows in the
next build or kernel and no compiled ``.mo`` file can go stale. Numbers, percentages,
dates and lists are formatted by Babel after the language's own rules ("18.792" and
"60 %" in Spanish: CLDR's "es").

The language in use is set for a whole lesson by ``notebook.setup(lang=...)``, for a block
of code by :func:`language`, or for a process by ``LEMS_VIZ_LANG``; English is the default.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.support import NullTranslations

#: The languages lems-viz is written in; the first is the language of the source.
LANGUAGES: tuple[str, ...] = ("en", "es")
#: The language of the article, the data folder's text and the message ids.
SOURCE_LANGUAGE = "en"
#: Environment variable naming the language of a process (a kernel, a build).
LANG_ENV = "LEMS_VIZ_LANG"
#: Each language's name in its own language, for the link from one site to the other.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}
#: The message context of the tables' fixed vocabularies (a fact check's verdicts, say).
VOCABULARY = "vocabulary"
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "lems_viz"

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("lems_viz_language", default=None)


def checked(lang: str) -> str:
    """Return ``lang`` if lems-viz is written in it, else raise a one-line ``ValueError``.

    Parameters
    ----------
    lang : str
        A language code such as ``"es"``.

    Returns
    -------
    str
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lems-viz is not written in {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def current() -> str:
    """The language in use: the innermost :func:`language` block, else ``LEMS_VIZ_LANG``, else English."""
    return _current.get() or checked(os.environ.get(LANG_ENV) or SOURCE_LANGUAGE)


def set_language(lang: str) -> None:
    """Write every chart, alt text and number from now on in ``lang`` (``"en"`` or ``"es"``).

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.
    """
    _current.set(checked(lang))


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Write in ``lang`` inside a ``with`` block, then go back to the language before it.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Yields
    ------
    str
        The language.
    """
    token = _current.set(checked(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def catalog_path(lang: str) -> Path:
    """Where the ``.po`` catalog of ``lang`` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The compiled messages of ``lang`` (English: the message ids themselves).

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    babel.support.NullTranslations
        Fuzzy messages are left out, so an unchecked translation never reaches a reader.
    """
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    if checked(lang) == SOURCE_LANGUAGE:
        return NullTranslations()
    with catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(message: str) -> str:
    """``message`` in the language in use.

    Parameters
    ----------
    message : str
        The English message, as written in the code (the message id).

    Returns
    -------
    str
    """
    return translations(current()).gettext(message)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 - the name Babel extracts by default
    """Mark a message for the catalog where it is defined; translate it with ``_()`` where it is used."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, after the plural rules of the language in use.

    Parameters
    ----------
    singular, plural : str
        The English messages.
    n : int
        The count that decides.

    Returns
    -------
    str
    """
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, told apart from the same English words by ``context``."""
    return translations(current()).pgettext(context, message)


def format_number(value: float, *, significant: int = 4) -> str:
    """A number written the local way: 2,800,000 and 46.7 in English, 2.800.000 and 46,7 in Spanish.

    Parameters
    ----------
    value : float
        The number.
    significant : int
        Significant digits kept of a number that is not whole.

    Returns
    -------
    str
    """
    from babel.numbers import format_decimal

    value = float(value)
    if value.is_integer():
        return format_decimal(int(value), locale=current())
    return format_decimal(float(f"{value:.{significant}g}"), format="#,##0.###", locale=current())


def format_percent(percent: float) -> str:
    """A share out of 100 as a percentage written the local way: "60%" or "60 %"."""
    from babel.numbers import format_percent as babel_percent

    # The locale's own pattern ("#,##0 %" in Spanish), keeping the decimals the number has.
    return babel_percent(round(float(percent) / 100, 6), locale=current(), decimal_quantization=False)


def format_date(iso: str, form: str = "long") -> str:
    """An ISO date as a reader writes it: "21 May 2022" or "21 de mayo de 2022".

    Parameters
    ----------
    iso : str
        The date, such as ``"2022-05-21"``.
    form : {"long", "month"}
        The full date, or its month and year only ("May 2022", "mayo de 2022").

    Returns
    -------
    str
    """
    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    day = dt.date.fromisoformat(iso)
    if form == "month":
        return format_skeleton("yMMMM", day, locale=current())
    # English writes the day first here, as the article's own country would not; CLDR's
    # "long" English pattern is "May 21, 2022", so the pattern is given.
    return babel_date(day, "d MMMM y" if current() == "en" else "long", locale=current())


def join(items: Iterable[object]) -> str:
    """Words joined as a sentence lists them: "a, b and c" in English, "a, b y c" in Spanish.

    Parameters
    ----------
    items : iterable
        The words; each is turned into text.

    Returns
    -------
    str
    """
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    # CLDR's English list puts a comma before "and"; the project's English does not.
    head, last = ", ".join(words[:-1]), words[-1]
    if current() == "es" and last.lower().startswith(("i", "hi")) and not last.lower().startswith(("hia", "hie")):
        return f"{head} e {last}"  # Spanish writes "e" for "y" before the sound "i"
    return _("{items} and {last}").format(items=head, last=last)


#: Languages that write a lower-case letter after a colon, as Spanish does ("Resultado: debilidad").
LOWER_CASE_AFTER_COLON: frozenset[str] = frozenset({"es"})


def after_colon(text: str) -> str:
    """``text`` as it is written after a colon in the language in use.

    Spanish starts the words after a colon in lower case; English keeps a sentence's capital.
    A word written in capitals ("LEMS") or with a capital inside ("McGraw-Hill") is a name
    and keeps its case.

    Parameters
    ----------
    text : str
        Words that follow a colon, such as a table's event ("Debilidad muscular").

    Returns
    -------
    str
    """
    first = text.split(" ", 1)[0]
    if current() not in LOWER_CASE_AFTER_COLON or not first[:1].isupper() or any(c.isupper() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]
