"""Set a Jupyter kernel up for the lessons: one call at the top of each notebook."""

from __future__ import annotations


def setup() -> None:
    """Prepare the kernel for lems-viz charts.

    Plotly figures are shown with the plain plotly MIME type (drawn by JupyterLab and by
    the report builder), never with a copy of plotly.js inside the notebook; matplotlib
    figures are shown as PNG with their alt text in the output metadata.
    """
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"
