"""What a chart shows, independent of the library that draws it.

A chart function in :mod:`lems_viz.charts` reads its tables and returns a :class:`ChartSpec`:
the words around the chart (:class:`ChartText`) and one *body* — a small frozen dataclass of
marks holding every number, label and word that is drawn. :func:`lems_viz.render.render`
draws a spec with plotly or matplotlib; :mod:`lems_viz.describe` writes its alt text. Both
read the same spec, so the two backends and the alt text cannot drift apart.

Colours are named by role (``"series1"``, ``"accent"``, ``"seq2"`` …); the theme decides
what each role looks like (see :meth:`lems_viz.theme.Theme.color`). Numbers are stored as
they are drawn (rounded by :mod:`lems_viz.precision`), so a spec is the same on every CPU.

Every word in a spec is written when the recipe runs, in the language in use (see
:mod:`lems_viz.i18n`); the renderers and the alt text draw and say those words as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class ChartText:
    """The words around a chart.

    Attributes
    ----------
    chart : str
        The chart function's name.
    title : str
        What the chart shows.
    takeaway : str
        The one thing to remember, in one line.
    alt : str
        Alt text for screen readers, written from the body (see :mod:`lems_viz.describe`).
    source : str
        The source line (see :func:`lems_viz.charts._core.article_source`).
    tables : tuple of str
        Names of the tables the chart draws from.
    options : dict
        Keyword arguments that change what is drawn (such as ``view``), so that an export
        can draw the same chart again with the other backend.
    """

    chart: str
    title: str
    takeaway: str
    alt: str = ""
    source: str = ""
    tables: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Axis:
    """A numeric axis: its title, range, tick step and scale."""

    title: str
    low: float
    high: float
    step: float | None = None
    log: bool = False


# ------------------------------------------------------------------ icon arrays and donuts


@dataclass(frozen=True)
class IconGroup:
    """One group of people out of 100.

    ``name`` is the legend entry ("60 of 100: With an underlying cancer"). ``hollow`` draws
    open icons always; ``hollow_in_print`` only in a theme drawn for greyscale paper, where
    two filled colours could look alike.
    """

    label: str
    count: int
    color: str
    hollow: bool = False
    hollow_in_print: bool = False
    name: str = ""


@dataclass(frozen=True)
class IconArray:
    """100 people as a 10 by 10 grid of icons, filled group by group, row by row."""

    groups: tuple[IconGroup, ...]


@dataclass(frozen=True)
class Donut:
    """The same groups as a ring, each wedge labelled with its share in percent."""

    groups: tuple[IconGroup, ...]


# ------------------------------------------------------------------ lists


@dataclass(frozen=True)
class ListItem:
    """One line of a bulleted list; a highlighted line gets the accent colour and bold type."""

    text: str
    highlight: bool = False
    note: str = ""


@dataclass(frozen=True)
class ItemList:
    """A bulleted list. ``name`` names it in interactive figures and tests."""

    items: tuple[ListItem, ...]
    name: str
    intro: str = ""


@dataclass(frozen=True)
class Family:
    """One family of a grouped list, with its members' labels and their spoken forms."""

    name: str
    color: str
    members: tuple[str, ...]
    spoken: tuple[str, ...]


@dataclass(frozen=True)
class GroupedList:
    """Families side by side, each with its members listed under it, and a note on marks."""

    root: str
    families: tuple[Family, ...]
    note: str = ""


@dataclass(frozen=True)
class ComparisonTable:
    """A table with coloured column headings; cells are text."""

    columns: tuple[str, ...]
    colors: tuple[str, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]


# ------------------------------------------------------------------ dots against ranges


@dataclass(frozen=True)
class RangeRow:
    """One row: a value (a dot) set against a range (a bar).

    ``low``/``high``/``value`` are positions on the axis; ``value_text`` and ``range_text``
    are the numbers written beside them; ``kind`` names the range's legend entry.
    """

    label: str
    y: float
    value: float
    value_text: str
    low: float
    high: float
    kind: str
    range_text: str = ""
    note: str = ""
    group: str = ""


@dataclass(frozen=True)
class RangeDots:
    """Dots against ranges on one axis, rows top to bottom, optionally under group headings.

    ``style`` is ``"band"`` (thick bars, the value written above its dot, the range written
    below its bar) or ``"whisker"`` (thin bars with end caps, dotted for extrapolated
    ranges, the value written to the right).
    """

    rows: tuple[RangeRow, ...]
    axis: Axis
    value_name: str
    kind_names: dict[str, str]
    style: Literal["band", "whisker"] = "band"
    headings: tuple[tuple[str, float], ...] = ()
    reference: float | None = None
    subject: str = ""

    @property
    def y_range(self) -> tuple[float, float]:
        """Top and bottom of the y axis, first row at the top."""
        ys = [r.y for r in self.rows] + [at for _, at in self.headings]
        return max(ys) + 0.6, min(ys) - 0.7


# ------------------------------------------------------------------ diagrams


@dataclass(frozen=True)
class PeakRow:
    """One group's peak ages, drawn as dots on a baseline with an optional schematic curve.

    ``age_texts`` are the words written above the dots, one per age ("about 60").
    """

    label: str
    color: str
    ages: tuple[float, ...]
    base: float
    curve: tuple[float, ...] = ()
    age_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeakStrip:
    """Rows of peak ages on one age axis; the curves' shape is an assumption stated in ``note``."""

    rows: tuple[PeakRow, ...]
    axis: Axis
    curve_x: tuple[float, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Shape:
    """A circle, ellipse or polygon of the body outline."""

    kind: Literal["ellipse", "polygon"]
    points: tuple[tuple[float, float], ...]  # polygon corners, or (centre, (width, height))
    color: str


@dataclass(frozen=True)
class Badge:
    """A numbered badge with its label, joined by a leader line to a point on the body."""

    number: int
    label: str
    at: tuple[float, float]
    target: tuple[float, float]
    color: str


@dataclass(frozen=True)
class BodyMap:
    """Body outline shapes coloured by region and numbered badges, in a fixed coordinate box."""

    shapes: tuple[Shape, ...]
    badges: tuple[Badge, ...]
    extent: tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Step:
    """One box of a chain: a numbered step, or the result it leads to (``number`` 0)."""

    number: int
    event: str
    detail: str
    color: str


@dataclass(frozen=True)
class StepChain:
    """Boxes joined by arrows, left to right."""

    steps: tuple[Step, ...]


@dataclass(frozen=True)
class TickRow:
    """A row of tick marks at given months."""

    label: str
    y: float
    months: tuple[int, ...]


@dataclass(frozen=True)
class Timeline:
    """A shaded period, rows of ticks and one arrow, on a months axis."""

    band: tuple[float, float]
    band_label: str
    ticks: tuple[TickRow, ...]
    arrow_label: str
    arrow: tuple[float, float]
    arrow_y: float
    axis: Axis


Body = (
    IconArray
    | Donut
    | ItemList
    | GroupedList
    | ComparisonTable
    | RangeDots
    | PeakStrip
    | BodyMap
    | StepChain
    | Timeline
)


@dataclass(frozen=True)
class ChartSpec:
    """A whole chart: its words and one body of marks."""

    text: ChartText
    body: Body
