"""A teacher's own talk: a short TOML file that picks the charts, sets their order and adds notes.

Read with the standard library's :mod:`tomllib`. Every mistake in the file is reported in one
line naming the file, the slide number and the key (:class:`TalkError`), before anything is
built. A teacher's words are kept as plain text: the slideshow shows them as text, never as
markup.

Examples
--------
A talk file::

    title = "LEMS in ten minutes"
    presenter = "Ward 4 teaching"
    language = "es"          # en or es
    paper = "a4"             # for the handout

    [[slide]]
    chart = "cancer_association"
    notes = "Ask who has met a patient with small-cell lung cancer."

    [[slide]]
    text = "What would you test first?"
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The keys a talk file may hold at its top, with their meaning and default.
TALK_KEYS = {"title": "the talk's title", "presenter": "who gives it", "language": "en or es", "paper": "a4 or letter"}
#: The keys one ``[[slide]]`` may hold.
SLIDE_KEYS = {"chart": "a chart id", "text": "your own words", "heading": "a heading", "notes": "your notes"}
#: The papers a talk's handout may be printed on (see :data:`lems_viz.handouts.PAPERS`).
PAPERS = ("a4", "letter")


class TalkError(ValueError):
    """A talk file that cannot be used; the message says where and why, in one line."""


@dataclass(frozen=True)
class TalkSlide:
    """One slide of a talk: a chart (with the teacher's heading and notes), or the teacher's own words."""

    chart: str | None = None
    text: str | None = None
    heading: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Talk:
    """A talk as its file describes it, checked."""

    title: str
    slides: tuple[TalkSlide, ...]
    presenter: str = ""
    language: str = "en"
    paper: str = "a4"


def read_talk(path: Path | str) -> Talk:
    """Read and check a talk file.

    Parameters
    ----------
    path : path-like
        A ``.toml`` file written as in this module's example.

    Returns
    -------
    Talk

    Raises
    ------
    TalkError
        With one line naming the file and, where there is one, the slide and the key.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")  # Notepad's byte-order mark
    except FileNotFoundError:
        raise TalkError(f"{path}: no such talk file") from None
    except IsADirectoryError:
        raise TalkError(f"{path}: is a folder, not a talk file") from None
    except UnicodeDecodeError as exc:
        raise TalkError(f"{path}: is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise TalkError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TalkError(f"{path}: is not valid TOML: {exc}") from None
    return _checked(path, data)


def _checked(path: Path, data: dict[str, Any]) -> Talk:
    """The talk of a parsed file, every key and value checked."""
    from lems_viz.i18n import LANGUAGES

    _known_keys(path, None, data, {*TALK_KEYS, "slide"})
    for key in TALK_KEYS:
        _text(path, None, key, data.get(key))
    title = data.get("title")
    if not title or not title.strip():
        raise TalkError(f"{path}: key 'title': the talk needs a title, such as title = \"LEMS in ten minutes\"")
    language = data.get("language", "en")
    if language not in LANGUAGES:
        raise TalkError(f"{path}: key 'language': unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    paper = data.get("paper", "a4").lower()
    if paper not in PAPERS:
        raise TalkError(f"{path}: key 'paper': unknown paper {data['paper']!r}; choose one of {', '.join(PAPERS)}")
    slides = data.get("slide")
    if not isinstance(slides, list) or not slides or not all(isinstance(s, dict) for s in slides):
        raise TalkError(f"{path}: the talk has no slides; add at least one [[slide]] with a chart or a text")
    checked = tuple(_slide(path, number, slide) for number, slide in enumerate(slides, start=1))
    return Talk(title.strip(), checked, data.get("presenter", "").strip(), language, paper)


def _slide(path: Path, number: int, slide: dict[str, Any]) -> TalkSlide:
    """One ``[[slide]]``, checked: a known chart or the teacher's own text, never both."""
    from lems_viz.charts import CHARTS

    _known_keys(path, number, slide, set(SLIDE_KEYS))
    for key in SLIDE_KEYS:
        _text(path, number, key, slide.get(key))
    chart, text = slide.get("chart"), slide.get("text")
    where = f"{path}: slide {number}"
    if chart is not None and text is not None:
        raise TalkError(f"{where}: has both 'chart' and 'text'; a slide shows a chart or your own words, not both")
    if chart is None and text is None:
        raise TalkError(f"{where}: needs a 'chart' (one of `lems-viz charts`) or a 'text'")
    if text is not None and not text.strip():
        raise TalkError(f"{where}: key 'text': is empty")
    if chart is not None and chart not in CHARTS:
        close = difflib.get_close_matches(chart, list(CHARTS), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else "; `lems-viz charts` lists them"
        raise TalkError(f"{where}: key 'chart': unknown chart {chart!r}{hint}")
    return TalkSlide(chart, text, slide.get("heading"), slide.get("notes"))


def _known_keys(path: Path, number: int | None, table: dict[str, Any], known: set[str]) -> None:
    """Refuse a key the file format does not have, suggesting the closest one."""
    for key in table:
        if key not in known:
            where = f"{path}: slide {number}" if number else f"{path}"
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the keys are {', '.join(sorted(known))}"
            raise TalkError(f"{where}: unknown key '{key}'{hint}")


def _text(path: Path, number: int | None, key: str, value: Any) -> None:
    """Refuse a value that is not text (a number, a list, a table) where the format wants text."""
    if value is not None and not isinstance(value, str):
        where = f"{path}: slide {number}" if number else f"{path}"
        kind = type(value).__name__.replace("str", "text").replace("dict", "table")
        raise TalkError(f"{where}: key '{key}': must be text in quotes, not {kind} ({value!r})")
