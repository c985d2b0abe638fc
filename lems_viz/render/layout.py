"""Placement both backends share: where icons, boxes and rows go, computed once from a spec."""

from __future__ import annotations

from lems_viz import spec as s
from lems_viz.i18n import N_
from lems_viz.spec import IconGroup, Step
from lems_viz.theme import Theme, wrap

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
#: the plot, long labels on two lines. The others are drawn wide and scaled down on a phone.
NARROW_BODIES = (s.IconArray, s.Donut, s.ItemList, s.PeakStrip, s.BodyMap)


def narrow_height(body: object, theme: Theme) -> int:
    """The height in CSS pixels of a narrow figure of ``body``: a body map's key below needs more."""
    height = theme.plotly_size[1]
    if isinstance(body, s.BodyMap):
        height += round(len(body.badges) * theme.px(theme.font_pt) * 1.5)
    return height


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


def polygon_path(points: tuple[tuple[float, float], ...]) -> str:
    """An SVG path for a closed polygon, for plotly shapes."""
    head, *rest = points
    return f"M {head[0]},{head[1]} " + " ".join(f"L {x},{y}" for x, y in rest) + " Z"
