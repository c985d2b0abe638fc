"""Set a Jupyter kernel up for the lessons: one call at the top of each notebook."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lems_viz.spec import ChartSpec

#: Set by the report builder: plotly outputs then also carry a static PNG of the same chart.
FALLBACK_ENV = "LEMS_VIZ_FALLBACK_PNG"
#: The MIME type of a chart's layout for a phone's column, beside its plotly figure in a report build.
NARROW_MIME = "application/vnd.lems-viz.narrow+json"


def setup(lang: str | None = None) -> None:
    """Prepare the kernel for lems-viz charts, in the lesson's language.

    Tables show whole cells and plain numbers. Plotly figures are shown with the plain
    plotly MIME type (drawn by JupyterLab and by the report builder), never with a copy of
    plotly.js inside the notebook; matplotlib figures are shown as PNG with their alt text
    in the output metadata. When the report
    builder runs the notebook, each plotly output also gets a PNG drawn by matplotlib,
    which the report shows until (or unless) the interactive chart has rendered.

    Parameters
    ----------
    lang : str, optional
        The lesson's language (``"en"`` or ``"es"``): its charts, alt text, tables and
        numbers are written in it. By default ``LEMS_VIZ_LANG``, else English.
    """
    from lems_viz import i18n

    if lang is not None:
        i18n.set_language(lang)
        # Also for the kernel's whole process: some ipykernel releases run each cell in a
        # fresh context, where the context variable set here would be lost.
        os.environ[i18n.LANG_ENV] = lang
    import pandas as pd
    import plotly.io as pio

    # Tables in a lesson show whole sentences and readable numbers (2,800,000; 2.8).
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.float_format", _readable_number)
    if os.environ.get(FALLBACK_ENV):
        pio.renderers["lems_report"] = _report_renderer()
        pio.renderers.default = "lems_report"
    else:
        pio.renderers.default = "plotly_mimetype"


def _readable_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _report_renderer():
    from plotly.io._base_renderers import PlotlyRenderer

    class ReportRenderer(PlotlyRenderer):
        """The plotly MIME bundle plus a PNG fallback drawn from the same table."""

        def to_mimebundle(self, fig_dict):
            bundle = super().to_mimebundle(fig_dict)
            meta = (fig_dict.get("layout", {}).get("meta") or {}).get("lems")
            if meta:
                from lems_viz.charts import SPECS

                # The chart's recipe, read once for its static image and its phone layout.
                spec = SPECS[meta["chart"]](**meta.get("options", {}))
                bundle["image/png"] = fallback_png(spec)
                narrow = narrow_figure(spec)
                if narrow is not None:
                    bundle[NARROW_MIME] = narrow
            return bundle

    return ReportRenderer()


def narrow_figure(spec: ChartSpec) -> dict | None:
    """The chart laid out for a phone's column (the ``phone`` theme), as a plotly figure dict.

    None for a chart with no narrow layout of its own (see
    :func:`lems_viz.render.layout.has_narrow_layout`): the page scales its wide layout.
    The chart's words (``layout.meta``) are left out; the page has them from the wide figure.
    """
    import json

    import plotly.io as pio

    from lems_viz.render import render
    from lems_viz.render.layout import has_narrow_layout

    if not has_narrow_layout(spec):
        return None
    figure = json.loads(pio.to_json(render(spec, backend="plotly", theme="phone")))
    figure["layout"].pop("meta", None)
    return figure


def fallback_png(spec: ChartSpec) -> str:
    """Draw the matplotlib twin of a chart; return base64 PNG."""
    import base64
    import io

    from PIL import Image

    from lems_viz.render import render

    fig = render(spec, backend="matplotlib")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    # A chart is flat colour and anti-aliased text: 256 colours look the same at a third of
    # the bytes, which every self-contained page carries once per chart.
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small = io.BytesIO()
    image.save(small, format="PNG", optimize=True)
    return base64.b64encode(small.getvalue()).decode("ascii")
