"""One spec, two renderers: each backend draws exactly the numbers and words of the spec.

For every chart, view and theme, a reader per body type pulls the content back out of the
plotly figure (its traces and annotations) and out of the matplotlib figure (its artists,
found by ``gid``), and both must equal what the spec says.
"""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure

from lems_viz import charts, spec
from lems_viz.charts import CHARTS, SPECS
from lems_viz.paths import PACKAGE_DIR
from lems_viz.render import render
from lems_viz.render.layout import has_narrow_layout
from lems_viz.theme import THEMES

matplotlib.use("Agg")

VIEWS = [(name, {}) for name in CHARTS] + [
    ("cancer_association", {"view": "donut"}),
    ("symptom_progression", {"view": "list"}),
    ("age_at_diagnosis", {"schematic": False}),
]


def _gid_texts(fig: Figure) -> dict[str, str]:
    from matplotlib.text import Text

    return {t.get_gid(): t.get_text() for t in fig.findobj(Text) if t.get_gid()}


def _gid_lines(fig: Figure) -> dict[str, list[float]]:
    from matplotlib.lines import Line2D

    return {a.get_gid(): [float(x) for x in a.get_xdata()] for a in fig.findobj(Line2D) if a.get_gid()}


def _trace(fig, name: str):
    return next(t for t in fig.data if t.name == name)


# Each reader returns the same canonical content from a spec body, a plotly figure and a matplotlib figure.


def _icons(body, fig, backend):
    if backend == "spec":
        return {g.name: g.count for g in body.groups}
    if backend == "plotly":
        return {t.name.replace("<br>", " "): len(t.x) for t in fig.data}  # a phone's legend wraps
    return {c.get_label(): len(c.get_offsets()) for c in fig.axes[0].collections}


def _donut(body, fig, backend):
    if backend == "spec":
        return {g.label: g.count for g in body.groups}
    if backend == "plotly":
        labels = [label.replace("<br>", " ") for label in fig.data[0].labels]  # a phone's legend wraps
        return dict(zip(labels, (int(v) for v in fig.data[0].values), strict=True))
    from matplotlib.patches import Wedge

    wedges = [w for w in fig.findobj(Wedge) if (w.get_gid() or "").startswith("wedge-")]
    return {w.get_gid().removeprefix("wedge-"): round((w.theta2 - w.theta1) / 3.6) for w in wedges}


def _items(body, fig, backend):
    if backend == "spec":
        return [(it.text, it.highlight) for it in body.items]
    if backend == "plotly":
        trace = fig.data[0]
        return [(text, "<b>" in label) for text, label in zip(trace.customdata, trace.text, strict=True)]
    texts = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("item-")]
    notes = [f"  ({it.note})" if it.note else "" for it in body.items]
    return [(t.get_text().removesuffix(n), t.get_fontweight() == "bold") for t, n in zip(texts, notes, strict=True)]


def _grouped(body, fig, backend):
    if backend == "spec":
        return {f.name: list(f.members) for f in body.families}
    if backend == "plotly":
        tree = fig.data[0]
        families = [lab for lab, parent in zip(tree.labels, tree.parents, strict=True) if parent == body.root]
        return {f: [lab for lab, p in zip(tree.labels, tree.parents, strict=True) if p == f] for f in families}
    texts = fig.axes[0].texts
    families = [t.get_text() for t in texts if (t.get_gid() or "").startswith("family-")]
    out, current = {}, None
    for t in texts:  # members follow their family, in drawing order
        gid = t.get_gid() or ""
        if gid.startswith("family-"):
            current = t.get_text()
            out[current] = []
        elif gid.startswith("member-"):
            out[current].append(gid.removeprefix("member-"))
    assert list(out) == families
    return out


def _table(body, fig, backend):
    if backend == "spec":
        return [list(body.columns)] + [list(r) for r in body.rows]
    if backend == "plotly":
        header = [h.replace("<b>", "").replace("</b>", "") for h in fig.data[0].header.values]
        return [header] + [list(r) for r in zip(*fig.data[0].cells.values, strict=True)]
    texts = _gid_texts(fig)
    rows = [[texts[f"column-{c}"] for c in body.columns]]
    cells = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("cell-")]
    width = len(body.columns)
    for i in range(0, len(cells), width):
        rows.append([c.get_text().replace("\n", " ") for c in cells[i : i + width]])
    return rows


def _ranges(body, fig, backend):
    if backend == "spec":
        return [(r.label, r.value, r.value_text, r.low, r.high) for r in body.rows]
    if backend == "plotly":
        dots = _trace(fig, body.value_name)
        bars = [t for t in fig.data if t.name != body.value_name]
        labels = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
        return [(labels[y], x, text, *bar.x) for y, x, text, bar in zip(dots.y, dots.x, dots.text, bars, strict=True)]
    lines, texts = _gid_lines(fig), _gid_texts(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    return [
        (label, lines[f"value-{label}"][0], texts[f"value-text-{label}"], *lines[f"range-{label}"]) for label in ticks
    ]


def _peaks(body, fig, backend):
    if backend == "spec":
        return {r.label: (list(r.ages), bool(r.curve)) for r in body.rows}
    if backend == "plotly":
        names = {t.name for t in fig.data}
        return {
            r.label: (list(_trace(fig, f"Peak ages: {r.label}").x), f"Schematic shape: {r.label}" in names)
            for r in body.rows
        }
    lines = _gid_lines(fig)
    return {r.label: (lines[f"peaks-{r.label}"], f"curve-{r.label}" in lines) for r in body.rows}


def _body_map(body, fig, backend):
    if backend == "spec":
        return [(b.number, b.label) for b in body.badges]
    if backend == "plotly":
        order = _trace(fig, "order")
        return [(int(n), label) for n, label in zip(order.text, order.customdata, strict=True)]
    texts = _gid_texts(fig)
    return [(int(texts[f"badge-{b.number}"]), texts[f"badge-label-{b.number}"]) for b in body.badges]


def _steps(body, fig, backend):
    if backend == "spec":
        return [(s.number, s.event) for s in body.steps]
    if backend == "plotly":
        numbered = _trace(fig, "steps")
        events = [a.text for a in fig.layout.annotations if a.text and a.text.startswith("<b>")]
        events = [e.removeprefix("<b>").removesuffix("</b>").replace("<br>", " ") for e in events]
        numbers = iter(int(n) for n in numbered.text)
        assert list(numbered.customdata) == [s.event for s in body.steps if s.number]
        return [(next(numbers) if not e.startswith("Result") else 0, e) for e in events]
    texts = fig.axes[0].texts
    out = []
    for t in texts:
        gid = t.get_gid() or ""
        if gid.startswith("event-"):
            number = next((int(x.get_text()) for x in texts if x.get_gid() == f"step-{len(out) + 1}"), 0)
            out.append((number if not t.get_text().startswith("Result") else 0, t.get_text().replace("\n", " ")))
    return out


def _timeline(body, fig, backend):
    if backend == "spec":
        return {**{r.label: list(r.months) for r in body.ticks}, body.arrow_label: list(body.arrow)}
    if backend == "plotly":
        return {t.name: [float(x) for x in t.x] for t in fig.data}
    lines = _gid_lines(fig)
    ticks = {r.label: lines[f"ticks-{r.label}"] for r in body.ticks}
    return {**ticks, body.arrow_label: lines["arrow"]}


READERS = {
    spec.IconArray: _icons,
    spec.Donut: _donut,
    spec.ItemList: _items,
    spec.GroupedList: _grouped,
    spec.ComparisonTable: _table,
    spec.RangeDots: _ranges,
    spec.PeakStrip: _peaks,
    spec.BodyMap: _body_map,
    spec.StepChain: _steps,
    spec.Timeline: _timeline,
}


def test_every_body_type_has_a_reader_and_every_chart_a_recipe():
    assert set(READERS) == set(spec.Body.__args__)
    assert list(SPECS) == list(CHARTS)


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize(
    ("name", "options"), VIEWS, ids=lambda v: v if isinstance(v, str) else "-".join(map(str, v.values()))
)
def test_both_backends_draw_the_specs_numbers_and_words(name, options, theme):
    chart_spec = SPECS[name](**options)
    read = READERS[type(chart_spec.body)]
    expected = read(chart_spec.body, None, "spec")
    assert expected, name
    # The phone theme is plotly's alone (a report page's layout for a phone's column).
    for backend in ("plotly",) if THEMES[theme].narrow else ("plotly", "matplotlib"):
        fig = render(chart_spec, backend=backend, theme=theme)
        assert read(chart_spec.body, fig, backend) == expected, (name, backend)
        assert charts.chart_meta(fig)["alt"] == chart_spec.text.alt
    # The public chart function draws the same spec.
    public = CHARTS[name](**options, theme=theme)
    assert charts.chart_meta(public) == charts.chart_meta(render(chart_spec, theme=theme))


def test_a_spec_is_frozen_and_holds_the_tables_numbers():
    chart_spec = charts.who.cancer_association_spec()
    assert {g.label: g.count for g in chart_spec.body.groups} == {
        "With an underlying cancer": 60,
        "No cancer found": 40,
    }
    with pytest.raises(AttributeError):
        chart_spec.body.groups[0].count = 55  # type: ignore[misc]


def test_alt_text_follows_the_spec_not_the_tables():
    without_curves = charts.who.age_at_diagnosis_spec(schematic=False)
    assert "schematic" not in without_curves.text.alt.lower()
    assert "schematic" in charts.who.age_at_diagnosis_spec().text.alt.lower()


def test_building_specs_loads_no_plotting_library():
    code = (
        "import sys; from lems_viz import charts\n"
        "for recipe in charts.SPECS.values(): recipe()\n"
        "loaded = sorted(m for m in ('plotly', 'matplotlib') if m in sys.modules)\n"
        "print(','.join(loaded) or 'none')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "none"


def _runtime_imports(path: Path) -> list[str]:
    """Modules a file imports outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    names = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE_DIR / "charts").glob("*.py")), ids=lambda p: p.name)
def test_chart_modules_import_no_plotting_library(path):
    imported = _runtime_imports(path)
    assert not [
        m for m in imported if m.split(".")[0] in ("plotly", "matplotlib") or "_plotly" in m or "_matplotlib" in m
    ]


def test_describe_depends_on_specs_not_charts():
    imported = _runtime_imports(PACKAGE_DIR / "describe.py")
    assert not [m for m in imported if m.startswith("lems_viz.charts")]
    assert "lems_viz" in imported or "lems_viz.spec" in imported


def test_unknown_backend_and_ax_with_plotly_are_clear_errors():
    chart_spec = charts.who.cancer_association_spec()
    with pytest.raises(ValueError, match="unknown backend 'bokeh'"):
        render(chart_spec, backend="bokeh")  # type: ignore[arg-type]
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="ax= works only with backend='matplotlib'"):
        render(chart_spec, backend="plotly", ax=ax)
    plt.close(fig)


NARROW = [name for name, recipe in SPECS.items() if has_narrow_layout(recipe())]


def legend_is_shown(fig) -> bool:
    """Whether plotly draws a legend: asked for, or by default with two entries or a pie."""
    entries = [t for t in fig.data if getattr(t, "showlegend", False) is not False]
    if fig.layout.showlegend is not None:
        return fig.layout.showlegend and bool(entries)
    return len(entries) >= 2 or any(t.type == "pie" for t in fig.data)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NARROW)
def test_a_narrow_layout_wraps_its_title_and_puts_its_legend_below(name, lang):
    from lems_viz.i18n import language
    from lems_viz.theme import get_theme, text_width

    phone = get_theme("phone")
    with language(lang):
        fig = render(SPECS[name](), backend="plotly", theme=phone)
    layout = fig.layout
    assert (layout.width, layout.height) >= (420, 560) and layout.width == 420
    title = layout.title.text.replace("<b>", "").replace("</b>", "")
    for line in title.split("<br>"):
        assert text_width(html.unescape(line), phone.title_pt, True) <= phone.width_in * 0.93, line
    shown = legend_is_shown(fig)
    if shown:  # under the plot, from its left edge: never beside it, where a phone has no room
        legend = layout.legend
        assert legend.y is not None and legend.y <= 0 and legend.yanchor == "top", (name, legend)
        assert legend.x == 0 and legend.xanchor == "left" and legend.orientation in (None, "v"), (name, legend)
    for trace in fig.data if shown else ():
        for line in (trace.name or "").split("<br>") if getattr(trace, "showlegend", False) is not False else ():
            assert text_width(html.unescape(line), phone.font_pt) <= phone.width_in * 0.9, (name, line)
    # No word drawn in the figure runs off its edge: every line of every annotation fits.
    for note in layout.annotations:
        size = (note.font.size or phone.px(phone.font_pt)) * 72 / phone.dpi
        for line in (note.text or "").split("<br>"):
            words = html.unescape(re.sub(r"<[^>]+>", "", line))
            assert text_width(words, size, "<b>" in (note.text or "")) <= phone.width_in * 0.95, (name, words)


def test_the_phone_theme_is_for_interactive_charts_only():
    with pytest.raises(ValueError, match="phone theme"):
        render(SPECS["antibody_test"](), backend="matplotlib", theme="phone")
