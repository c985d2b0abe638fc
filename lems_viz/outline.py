"""The course's outline: which charts each lesson draws, read from the lessons without running them.

The slideshow follows it (a section per lesson, a slide per chart), so a chart moved to
another lesson moves on the slides too. A chart drawn by several lessons belongs to the
first; another view of it (``view="donut"``) is the same chart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: A call of a chart function in a lesson's code: ``charts.cancer_association(``.
CHART_CALL = re.compile(r"\bcharts\.([a-z_]+)\(")


def charts_in(path: Path) -> list[str]:
    """The chart ids a lesson draws, in the order its code cells call them, each once.

    Parameters
    ----------
    path : Path
        A lesson notebook.

    Returns
    -------
    list of str
        Ids of :data:`lems_viz.charts.CHARTS` (other drawings, such as the overview's small
        multiples, are not charts of their own and are left out).
    """
    from lems_viz.charts import CHARTS

    try:
        book = json.loads(path.read_text(encoding="utf-8"))
        code = ["".join(cell["source"]) for cell in book["cells"] if cell["cell_type"] == "code"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: is not a readable notebook ({exc})") from None
    found = [name for cell in code for name in CHART_CALL.findall(cell)]
    return [name for name in dict.fromkeys(found) if name in CHARTS]


def lesson_charts(paths: list[Path]) -> dict[str, list[str]]:
    """Each lesson's charts (by the lesson's file stem), every chart in the first lesson that draws it.

    Parameters
    ----------
    paths : list of Path
        The lessons, in order.

    Returns
    -------
    dict of str to list of str
        Lesson stem to chart ids, in the order of the lessons; a lesson with no chart of its own maps to ``[]``.
    """
    seen: set[str] = set()
    outline = {}
    for path in paths:
        outline[path.stem] = [name for name in charts_in(path) if name not in seen]
        seen.update(outline[path.stem])
    return outline


def chart_index() -> list[dict[str, str]]:
    """Every chart a talk can show: its id, its lesson, and its title in each language.

    Returns
    -------
    list of dict
        ``id``, ``lesson`` (the number of the first lesson that draws it) and ``title_<lang>``
        for each language, in the order of :data:`lems_viz.charts.CHARTS`.
    """
    from lems_viz.charts import CHARTS, SPECS
    from lems_viz.i18n import LANGUAGES, language

    lessons = chart_lessons()
    rows = [{"id": name, "lesson": lessons.get(name, "")} for name in CHARTS]
    for lang in LANGUAGES:
        with language(lang):
            for row in rows:
                row[f"title_{lang}"] = SPECS[row["id"]]().text.title
    return rows


def chart_lessons() -> dict[str, str]:
    """The number of the first lesson that draws each chart (``{"cancer_association": "02"}``), read from the code.

    Returns
    -------
    dict
        Chart id to lesson number; a chart no lesson draws is left out.
    """
    from lems_viz.paths import lesson_paths, lessons_folder

    paths = lesson_paths(lessons_folder())
    drawn = lesson_charts(paths)
    lessons: dict[str, str] = {}
    for path in paths:
        for chart in drawn[path.stem]:
            lessons.setdefault(chart, path.name[:2])
    return lessons
