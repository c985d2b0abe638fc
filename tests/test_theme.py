"""The palette is readable (3:1 on the background) and colour-blind safe."""

from __future__ import annotations

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from lems_viz.theme import SEQUENCE, THEMES, get_theme

CVD = [None, "deuteranomaly", "protanomaly", "tritanomaly"]
# Distances in CAM02-UCS: about 20 separates two series at a glance; ordered steps,
# which also carry a printed number, need 10.
NEIGHBOUR_DISTANCE = 20
SEQUENCE_STEP = 10


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _simulate(hex_color: str, kind: str | None) -> np.ndarray:
    rgb = np.array([int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    if kind is None:
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}
    return np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


@pytest.mark.parametrize("name", THEMES)
def test_every_data_colour_reaches_3_to_1_on_the_background(name):
    theme = THEMES[name]
    background = theme.colors["background"]
    for role in ("series1", "series2", "series3", "neutral", "accent"):
        assert contrast(theme.colors[role], background) >= 3.0, role
    for color in SEQUENCE:
        assert contrast(color, background) >= 3.0, color


@pytest.mark.parametrize("kind", CVD)
@pytest.mark.parametrize("name", THEMES)
def test_neighbouring_series_stay_distinguishable(name, kind):
    c = THEMES[name].colors
    for a, b in [("series1", "series2"), ("series2", "series3"), ("series1", "neutral"), ("series2", "neutral")]:
        distance = deltaE(_simulate(c[a], kind), _simulate(c[b], kind), input_space="sRGB1")
        assert distance >= NEIGHBOUR_DISTANCE, (a, b, kind, distance)


@pytest.mark.parametrize("kind", CVD)
def test_ordered_sequence_steps_stay_distinguishable(kind):
    for a, b in zip(SEQUENCE, SEQUENCE[1:], strict=False):
        assert deltaE(_simulate(a, kind), _simulate(b, kind), input_space="sRGB1") >= SEQUENCE_STEP


def test_print_series_differ_in_lightness_for_greyscale():
    c = THEMES["print"].colors
    assert contrast(c["series1"], c["series2"]) >= 2.5  # and print adds hatching or hollow marks
    assert contrast(c["series1"], c["neutral"]) >= 3.0


def test_presentation_is_1920_by_1080_with_text_of_at_least_18_pt():
    theme = THEMES["presentation"]
    assert (theme.width_px, theme.height_px) == (1920, 1080)
    assert theme.plotly_size == (1920, 1080)
    # The sizes as set, not through pt(): pt() clamps, so it would hide a size set too small.
    sizes = {name: getattr(theme, name) for name in ("font_pt", "title_pt", "takeaway_pt", "source_pt")}
    assert min(sizes.values()) >= 18, sizes


def test_presentation_text_scaled_below_18_pt_is_raised_to_18():
    theme = THEMES["presentation"]
    assert theme.font_pt * 0.5 < 18, "half the body size must fall below the floor, or this shows nothing"
    assert theme.pt(0.5) == 18


def test_unknown_theme_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown theme 'dark'; choose one of web, presentation, slide, print, phone"):
        get_theme("dark")


def test_text_is_measured_from_the_font_not_counted_in_characters():
    from lems_viz.theme import text_width

    assert text_width("iiiiiiiiii", 12) < 0.5 * text_width("MMMMMMMMMM", 12)
    assert text_width("Hello", 24) == pytest.approx(2 * text_width("Hello", 12), rel=0.02)
    assert text_width("Hello", 12, bold=True) > text_width("Hello", 12)
    # The same width matplotlib itself lays the text out at (a 72 dpi figure: one pixel per point).
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(dpi=72)
    FigureCanvasAgg(fig)
    label = fig.text(0, 0, "Symptoms beyond the muscles", fontsize=12, family="DejaVu Sans")
    drawn = label.get_window_extent(fig.canvas.get_renderer()).width / 72
    assert text_width("Symptoms beyond the muscles", 12) == pytest.approx(drawn, abs=0.01)


def test_wrap_keeps_every_line_within_the_width_and_every_word():
    from lems_viz.theme import text_width, wrap

    text = "Weakness usually starts in the upper legs: rising from a chair or climbing stairs may get hard."
    lines = wrap(text, 2.0, 12)
    assert len(lines) > 1
    assert all(text_width(line, 12) <= 2.0 for line in lines)
    assert " ".join(lines) == text
    assert wrap("Supercalifragilistic", 0.2, 12) == ["Supercalifragilistic"]  # a long word stays whole


def test_theme_is_built_by_keyword_and_colours_come_by_role():
    from lems_viz.theme import SEQUENCE, Theme

    with pytest.raises(TypeError):
        Theme("web", 9.6, 6.0, 100, 12, 19, 13, 10, 2.0, 11)  # type: ignore[misc]
    web = THEMES["web"]
    assert web.color("series1") == web.colors["series1"]
    assert web.color("seq0") == SEQUENCE[0] and web.color("seq9") == SEQUENCE[-1]
    with pytest.raises(ValueError, match="theme 'web' has no colour 'pink'"):
        web.color("pink")
