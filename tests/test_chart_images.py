"""Each matplotlib chart compared, pixel by pixel, with a committed baseline (pytest-mpl).

After a deliberate change to a chart, regenerate the baselines with `make baselines`,
look at them, and commit them.
"""

from __future__ import annotations

import pytest

from lems_viz.charts import CHARTS

# RMS difference allowed, in 0–255 grey levels: absorbs anti-aliasing between FreeType
# builds, fails on any moved, missing or recoloured mark.
TOLERANCE = 3


@pytest.mark.mpl_image_compare(baseline_dir="baseline", tolerance=TOLERANCE, savefig_kwargs={"dpi": 60})
@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_matches_its_baseline(name):
    return CHARTS[name](backend="matplotlib", theme="web")
