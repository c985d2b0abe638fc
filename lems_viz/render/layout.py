"""Placement both backends share: where icons, boxes and rows go, computed once from a spec."""

from __future__ import annotations

import re

from lems_viz import spec as s
from lems_viz.i18n import N_
from lems_viz.spec import IconGroup, Step
from lems_viz.theme import Theme, text_width, wrap

#: Which module of a backend package draws each body type, and with which function: the
#: same names in ``_plotly`` and ``_matplotlib``, so a body type added here needs both.
DRAWERS = {
    s.IconArray: ("icons", "icon_array"),
    s.Donut: ("icons", "donut"),
    s.ItemList: ("lists", "item_list"),
    s.GroupedList: ("lists", "grouped_list"),
    s.ComparisonTable: ("lists", "comparison_table"),
    s.RangeDots: ("ranges", "range_dots"),
    s.PeakStrip: ("diagrams", "peak_strip"),
    s.BodyMap: ("diagrams", "body_map"),
    s.StepChain: ("diagrams", "step_chain"),
    s.Timeline: ("diagrams", "timeline"),
}

GRID = 10  # an icon array is GRID x GRID people

#: The bodies drawn anew for a narrow figure (a phone's column, Theme.narrow): legends under
#: the plot, long labels wrapped, rows named above them. Every body has one; a new body type
#: left out here is drawn wide and scaled down on a phone until it gets one.
NARROW_BODIES = (
    s.IconArray, s.Donut, s.ItemList, s.PeakStrip, s.BodyMap, s.ComparisonTable, s.GroupedList, s.Timeline,
    s.StepChain, s.RangeDots,
)  # fmt: skip


#: Room added above the first row of a range chart on a narrow figure, for the row's name (in rows).
RANGE_TOP_NARROW = 0.6
#: The text of a comparison table's headings and cells, as multiples of body text: a
#: narrow figure's is a little smaller, so that long words fit its columns.
TABLE_TEXT, TABLE_TEXT_NARROW = (1.05, 1.0), (0.95, 0.9)


def narrow_plot_height(body: object, theme: Theme) -> float | None:
    """The height in CSS pixels of a narrow figure's plot, where its body needs its own; else None.

    A body map keeps its drawing full size above its key; a table is as tall as its rows'
    wrapped lines; a treemap gets room for its tiles' words.
    """
    px = theme.px
    if isinstance(body, (s.BodyMap, s.Timeline)):
        return 330
    if isinstance(body, s.RangeDots):  # a row and the name above it (and the numbers under a band)
        bottom, top = body.y_range  # the axis runs downwards: the first row has the smallest y
        return (bottom - top + RANGE_TOP_NARROW) * px(theme.font_pt) * (5.2 if body.style == "band" else 4.2)
    if isinstance(body, s.StepChain):
        return stacked_steps(body.steps, theme)[1] * px(theme.font_pt) * STACK_LINE_PX + 10
    if isinstance(body, s.GroupedList):  # a row per family and one per member
        return sum(len(family.members) + 1 for family in body.families) * px(theme.font_pt) * 2.1
    if isinstance(body, s.ComparisonTable):
        room = [(theme.width_in - 0.25) * w / sum(body.widths) - 0.25 for w in body.widths]
        heading, cell = (theme.pt(scale) for scale in TABLE_TEXT_NARROW)

        def lines(row: tuple[str, ...], size: float, bold: bool = False) -> int:
            return max(len(wrap(str(text), width, size, bold)) for text, width in zip(row, room, strict=True))

        header = lines(body.columns, heading, True) * px(heading) * 1.45 + 14
        rows = sum(lines(row, cell) * px(cell) * 1.45 + 14 for row in body.rows)
        return header + rows + 10
    return None


#: A step's box in a narrow (vertical) chain: its top, its height, its event and detail lines,
#: in units of one line of body text, counted down from the top of the plot.
StackedStep = tuple[float, float, list[str], list[str]]
STACK_GAP, STACK_PAD, STACK_LINE_PX = 1.4, 1.2, 1.35


def stacked_steps(steps: tuple[Step, ...], theme: Theme) -> tuple[list[StackedStep], float]:
    """Where each box of a step chain goes when the chain runs down a narrow figure, and its total height."""
    room = theme.width_in * 0.64  # right of the badge, inside the box (the plot is narrower than the figure)
    placed, top = [], 0.0
    for step in steps:
        event = wrap(step.event, room, theme.pt(1.1), bold=True)
        detail = wrap(step.detail, room, theme.pt(0.9))
        height = len(event) * 1.1 + len(detail) * 0.95 + STACK_PAD
        placed.append((top, height, event, detail))
        top += height + STACK_GAP
    return placed, top - STACK_GAP


def has_narrow_layout(spec: s.ChartSpec) -> bool:
    """True when ``spec`` has a layout of its own for a narrow figure (see :data:`NARROW_BODIES`)."""
    return isinstance(spec.body, NARROW_BODIES)


# The few words a renderer writes itself (plotly's hover labels), as English message ids,
# translated where drawn. They are marked here because Babel does not read the backend
# packages: it skips folders whose names start with "_".
ICON_HOVER = N_("{count} of 100")
SHARE_HOVER = N_("{group}: {count} in 100")
AGE_HOVER = N_("{group}: {age} years")
AGE_TEXT = N_("about {age}")
MONTH_HOVER = N_("Month {month}")


def drawers(modules: dict[str, object]) -> dict[type, object]:
    """A backend's drawer for every body type, looked up in its ``modules`` by :data:`DRAWERS`."""
    return {body: getattr(modules[module], function) for body, (module, function) in DRAWERS.items()}


def icon_positions(total: int = GRID * GRID) -> list[tuple[int, int]]:
    """Grid positions filled row by row from the top left, so groups read like text."""
    return [(i % GRID, GRID - 1 - i // GRID) for i in range(total)]


def icon_cells(groups: tuple[IconGroup, ...]) -> list[tuple[IconGroup, list[tuple[int, int]]]]:
    """Each group with the grid cells it fills; the counts must add up to 100."""
    total = sum(g.count for g in groups)
    if total != GRID * GRID:
        raise ValueError(f"an icon array needs counts that add up to 100, got {total}")
    positions, start, out = icon_positions(), 0, []
    for group in groups:
        out.append((group, positions[start : start + group.count]))
        start += group.count
    return out


def is_hollow(group: IconGroup, theme: Theme) -> bool:
    """Open icons for this group in this theme (always, or on greyscale paper)."""
    return group.hollow or (group.hollow_in_print and theme.hatches)


STEP_WIDTH, STEP_GAP = 1.0, 0.35
#: Row labels of range dots in the whisker style (many rows): a little under body text size.
LABEL_SCALE = 0.9


def step_lefts(count: int) -> list[float]:
    """Left edge of each box of a step chain, in data units."""
    return [i * (STEP_WIDTH + STEP_GAP) for i in range(count)]


def step_wrap(step: Step, theme: Theme, right: float) -> tuple[list[str], list[str]]:
    """A step's event (bold) and detail, broken into lines that fit its box."""
    # The plot area is narrower than the figure (margins), and text needs a little air inside its box.
    box_in = 0.78 * theme.width_in * STEP_WIDTH / (right + 0.1)
    return wrap(step.event, box_in, theme.pt(1.1), bold=True), wrap(step.detail, box_in, theme.pt(0.9))


def detail_drop(steps: tuple[Step, ...], theme: Theme, right: float) -> float:
    """How far, in points, the steps' details start below the top of their events: the longest event and a gap.

    The details follow the events wherever the longest one ends, rather than at a fixed height
    of the box, so that a long event (or a short figure: a slide's) never runs into its detail,
    and every detail of a chain starts at the same height.
    """
    lines = max((len(step_wrap(step, theme, right)[0]) for step in steps), default=1)
    return theme.pt(1.1) * 1.3 * lines + theme.pt(0.9) * 0.6


def polygon_path(points: tuple[tuple[float, float], ...]) -> str:
    """An SVG path for a closed polygon, for plotly shapes."""
    head, *rest = points
    return f"M {head[0]},{head[1]} " + " ".join(f"L {x},{y}" for x, y in rest) + " Z"


#: The share of a figure's width that a key of marks under a plot may take.
KEY_WIDTH = 0.95


def key_lines(note: str, theme: Theme) -> list[str]:
    """A key of marks ("† off-label   ✓ approved   no mark: ...") as lines that fit the figure.

    The key's entries, three spaces apart, stay whole and share a line where they fit; an
    entry wider than the figure is broken between words. A translated key is often longer
    than the English, and one line too wide would run off the figure (or, in matplotlib,
    squeeze the plot to make room for it).

    Parameters
    ----------
    note : str
        The key, its entries separated by three or more spaces.
    theme : Theme
        Gives the figure's width and the key's type size.

    Returns
    -------
    list of str
    """
    room = theme.width_in * KEY_WIDTH
    lines: list[str] = []
    for entry in re.split(r"\s{3,}", note.strip()):
        joined = f"{lines[-1]}   {entry}" if lines else entry
        if lines and text_width(joined, theme.source_pt) <= room:
            lines[-1] = joined
        else:
            lines += wrap(entry, room, theme.source_pt)
    return lines
