"""Symptoms and how LEMS works: the body map, autonomic symptoms and the mechanism chain."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lems_viz.charts._body import BADGES, EXTENT, SHAPES
from lems_viz.charts._core import article_source, table
from lems_viz.charts._docs import shared_docs
from lems_viz.describe import describe
from lems_viz.i18n import _, after_colon, format_number, ngettext
from lems_viz.render import Backend, render
from lems_viz.spec import Badge, BodyMap, ChartSpec, ChartText, ItemList, ListItem, Shape, Step, StepChain
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@shared_docs
def symptom_progression(
    data: pd.DataFrame | None = None,
    *,
    view: Literal["body", "list"] = "body",
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
    """Show the order in which LEMS weakness usually spreads through the body.

    Parameters
    ----------
    data : DataFrame, optional
        The ``symptom_progression`` table (``order``, ``body_part``, ``region``).
    view : {"body", "list"}
        A body map with numbered, coloured regions, or a plain ordered list.
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    spec = symptom_progression_spec(data, view=view, data_dir=data_dir)
    return render(spec, backend=backend, theme=theme, ax=ax)


def symptom_progression_spec(
    data: pd.DataFrame | None = None, *, view: str = "body", data_dir: str | Path | None = None
) -> ChartSpec:
    """The spread of weakness as a body map (regions coloured dark to light in order) or a list."""
    if view not in ("body", "list"):
        raise ValueError(f"unknown view {view!r}; choose 'body' or 'list'")
    df = table(data, "symptom_progression", data_dir).sort_values("order")
    steps = [(int(r.order), r.body_part, r.region) for r in df.itertuples()]
    if view == "list":
        body = ItemList(tuple(ListItem(f"{n}. {region}", n == steps[0][0]) for n, _, region in steps), name="order")
        alt = describe(body, _("An ordered list of the regions in the order LEMS weakness usually reaches them"))
    else:
        body = body_map(steps)
        alt = describe(body, _("A body map numbering the regions in the order LEMS weakness usually reaches them"))
    text = ChartText(
        chart="symptom_progression",
        title=_("Where weakness starts and how it spreads"),
        takeaway=_(
            "Weakness usually starts in the {region}: rising from a chair or climbing stairs may get hard. "
            "It can later reach the shoulders, hands and feet, speech and swallowing, and the eyes."
        ).format(region=steps[0][2].lower()),
        alt=alt,
        source=article_source(data_dir),
        options={"view": view},
        tables=("symptom_progression",),
    )
    return ChartSpec(text, body)


def body_map(steps: list[tuple[int, str, str]]) -> BodyMap:
    """The body outline with each step's region coloured dark (first) to light (last), and its badge.

    Parameters
    ----------
    steps : list of (order, body_part, region label)
        In the order weakness reaches them.

    Returns
    -------
    BodyMap
    """
    role = {part: f"seq{i}" for i, (_, part, _) in enumerate(steps)}
    shapes = tuple(
        Shape(shape.kind, shape.points, role.get(shape.region, "body_idle") if shape.region else "body")
        for shape in SHAPES
    )
    badges = tuple(Badge(n, region, *BADGES[part], color=role[part]) for n, part, region in steps)
    return BodyMap(shapes, badges, EXTENT)


@shared_docs
def autonomic_symptoms(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
    """List the autonomic symptoms that help tell LEMS from myasthenia gravis.

    Parameters
    ----------
    data : DataFrame, optional
        The ``autonomic_symptoms`` table (``symptom``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    return render(autonomic_symptoms_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def autonomic_symptoms_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The autonomic symptoms as a list spec."""
    df = table(data, "autonomic_symptoms", data_dir)
    body = ItemList(tuple(ListItem(s) for s in df.symptom), name="symptoms")
    count = len(body.items)
    text = ChartText(
        chart="autonomic_symptoms",
        title=_("Symptoms beyond the muscles"),
        takeaway=ngettext(
            "This {count} symptom of the automatic (autonomic) nervous system is more common "
            "in LEMS than in myasthenia gravis, so it can sometimes help tell the two apart.",
            "These {count} symptoms of the automatic (autonomic) nervous system are more common "
            "in LEMS than in myasthenia gravis, so they can sometimes help tell the two apart.",
            count,
        ).format(count=format_number(count)),
        alt=describe(
            body,
            ngettext(
                "{count} autonomic symptom that is more common in LEMS than in myasthenia gravis",
                "{count} autonomic symptoms that are more common in LEMS than in myasthenia gravis",
                count,
            ).format(count=format_number(count)),
        ),
        source=article_source(data_dir),
        tables=("autonomic_symptoms",),
    )
    return ChartSpec(text, body)


@shared_docs
def mechanism(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
    """Draw the chain of events from antibodies to muscle weakness as numbered steps.

    Parameters
    ----------
    data : DataFrame, optional
        The ``mechanism`` table (``step``, ``event``, ``detail``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    return render(mechanism_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def mechanism_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The mechanism as a step chain: numbered steps dark to light, then the result in the accent colour."""
    df = table(data, "mechanism", data_dir).sort_values("step")
    kinds = list(df["kind"]) if "kind" in df else ["step"] * len(df)
    # The article numbers three steps; what they lead to is drawn last, as the result.
    steps = tuple(
        Step(int(r.step), r.event, r.detail, f"seq{int(r.step) - 1}")
        if kind == "step"
        else Step(0, _("Result: {event}").format(event=after_colon(r.event)), r.detail, "accent")
        for r, kind in zip(df.itertuples(), kinds, strict=True)
    )
    body = StepChain(steps)
    count = sum(1 for step in steps if step.number)
    text = ChartText(
        chart="mechanism",
        title=_("How LEMS weakens muscles"),
        takeaway=_(
            "Like falling dominoes: antibodies block calcium channels at nerve endings, less "
            "acetylcholine is released, and muscles cannot switch on fully."
        ),
        alt=describe(
            body,
            ngettext(
                "A chain of {count} step from cause to symptom", "A chain of {count} steps from cause to symptom", count
            ).format(count=format_number(count)),
        ),
        source=article_source(data_dir),
        tables=("mechanism",),
    )
    return ChartSpec(text, body)
