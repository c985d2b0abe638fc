"""Lists, grouped lists and tables in plotly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lems_viz.i18n import _
from lems_viz.render._plotly.axes import blank_axes
from lems_viz.render._plotly.markup import NO_TRACE_NAME, bold, italic
from lems_viz.render.layout import TABLE_TEXT, TABLE_TEXT_NARROW, key_lines
from lems_viz.spec import ComparisonTable, GroupedList, ItemList, ListItem
from lems_viz.theme import Theme, text_width, wrap

if TYPE_CHECKING:
    from plotly.graph_objects import Figure


def item_list(fig: Figure, body: ItemList, theme: Theme) -> None:
    """A bulleted list as one scatter trace; highlighted items get the accent colour and bold type."""
    import plotly.graph_objects as go

    items = body.items
    size = theme.pt(1.15)
    labels = [_item_label(it, size, theme) for it in items]
    fig.add_trace(
        go.Scatter(
            x=[0] * len(items),
            y=[-i for i in range(len(items))],
            mode="markers+text",
            text=labels,
            textposition="middle right",
            textfont={"size": theme.px(size)},
            marker={
                "color": [theme.color("accent" if it.highlight else "series1") for it in items],
                "size": [theme.px(theme.marker_size) * (1.6 if it.highlight else 1.1) for it in items],
                "symbol": "circle",
            },
            customdata=[it.text for it in items],
            hovertemplate="%{customdata}" + NO_TRACE_NAME,
            name=body.name,
            showlegend=False,
        )
    )
    blank_axes(fig, (-0.3, 6), (-len(items) + 0.4, 0.6))


def _item_label(item: ListItem, size: float, theme: Theme) -> str:
    """An item's words and note; on a narrow figure broken into lines that fit beside the dot."""
    note = italic(f"({item.note})") if item.note else ""
    if not theme.narrow:
        return (bold(item.text) if item.highlight else item.text) + ("  " + note if note else "")
    room = theme.width_in * 0.8
    lines = wrap(item.text, room, size, bold=item.highlight)
    text = "\n".join(bold(line) if item.highlight else line for line in lines)
    if not note:
        return text
    fits = text_width(f"{lines[-1]}  ({item.note})", size, item.highlight) <= room
    return text + ("  " if fits else "\n") + note


def grouped_list(fig: Figure, body: GroupedList, theme: Theme) -> None:
    """A treemap: the families as tiles holding their members (click a family to zoom in)."""
    import plotly.graph_objects as go

    ids, labels, parents, fill = [body.root], [body.root], [""], [theme.color("background")]
    for family in body.families:
        ids.append(family.name)
        labels.append(family.name)
        parents.append(body.root)
        fill.append(theme.color(family.color))
        for member in family.members:
            ids.append(f"{family.name}/{member}")
            labels.append(member)
            parents.append(family.name)
            fill.append(theme.color(family.color))
    fig.add_trace(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            marker={"colors": fill, "line": {"color": theme.color("on_fill"), "width": 2}},
            textfont={"size": theme.px(theme.pt(1.0)), "color": theme.color("on_fill")},
            textposition="middle center",
            # On a narrow figure every tile is a full-width row, so that its words fit.
            tiling={"pad": 4, "packing": "slice" if theme.narrow else "slice-dice"},
            sort=False,  # families in the order of the table, as matplotlib draws them
            pathbar={"visible": False},
            root={"color": theme.color("background")},
            hovertemplate="%{label}" + NO_TRACE_NAME,
            name=_("treatments"),
        )
    )
    if body.note:
        # The key of the marks, under the tiles, on as many lines as it needs.
        lines = wrap(body.note, theme.width_in * 0.95, theme.source_pt) if theme.narrow else key_lines(body.note, theme)
        fig.add_annotation(
            text="\n".join(lines),
            x=0 if theme.narrow else 1,
            y=0,
            xref="paper",
            yref="paper",
            xanchor="left" if theme.narrow else "right",
            align="left" if theme.narrow else "right",
            yanchor="top",
            yshift=-4,
            showarrow=False,
            font={"size": theme.px(theme.source_pt), "color": theme.color("muted")},
        )
        fig.update_layout(margin={"b": theme.px(theme.pt(2.2) + theme.source_pt * 1.4 * (len(lines) - 1))})


def comparison_table(fig: Figure, body: ComparisonTable, theme: Theme) -> None:
    """A plotly table with coloured headings and striped rows."""
    import plotly.graph_objects as go

    columns = list(zip(*body.rows, strict=True)) if body.rows else [() for _ in body.columns]
    stripes = [theme.color("panel"), theme.color("background")] * len(body.rows)
    header_scale, cell_scale = TABLE_TEXT_NARROW if theme.narrow else TABLE_TEXT
    fig.add_trace(
        go.Table(
            columnwidth=list(body.widths),
            header={
                "values": [bold(c) for c in body.columns],
                "align": "left",
                "height": theme.px(theme.font_pt) * 2,
                "fill": {"color": [theme.color(c) for c in body.colors]},
                "font": {"color": theme.color("on_fill"), "size": theme.px(theme.pt(header_scale))},
            },
            cells={
                "values": [list(c) for c in columns],
                "align": "left",
                "height": theme.px(theme.font_pt) * 2.2,
                "font": {"size": theme.px(theme.pt(cell_scale))},
                "fill": {"color": [stripes[: len(body.rows)]]},
            },
        )
    )
    fig.update_layout(margin={"l": 10, "r": 10})
