"""One palette and three themes (web, presentation, print) for both plotting backends.

The palette is a subset of Okabe & Ito's colour-blind-safe set, keeping only colours that
reach 3:1 contrast on white (WCAG 2.1 non-text contrast); orange, sky blue and yellow
do not, so they are left out. The ordered sequence for the body map is taken from
``cividis``, a colour map designed to read the same with colour-vision deficiency.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
}
GREY = "#8C8C8C"
TEXT = "#1A1A1A"
MUTED_TEXT = "#4D4D4D"
BACKGROUND = "#FFFFFF"
# cividis at 0, .15, .3, .45, .6: dark to light, every step at least 3:1 on white.
SEQUENCE = ("#00224E", "#243C6E", "#4F576C", "#727274", "#948E77")

THEME_NAMES = ("web", "presentation", "print")


@dataclass(frozen=True)
class Theme:
    """Sizes, fonts and colours of one theme.

    Font sizes are in points for matplotlib; plotly takes pixels, so the plotly sizes are
    the same numbers scaled by ``px_per_pt`` at the figure's pixel size.
    """

    name: str
    width_in: float
    height_in: float
    dpi: int
    font_pt: float
    title_pt: float
    takeaway_pt: float
    source_pt: float
    line_width: float
    marker_size: float
    colors: dict[str, str] = field(default_factory=dict)
    hatches: bool = False
    screen_dpi: int = 0
    min_pt: float = 0.0

    def pt(self, scale: float = 1.0) -> float:
        """Body text size times ``scale``, never below the theme's smallest size."""
        return max(self.font_pt * scale, self.min_pt)

    @property
    def width_px(self) -> int:
        """Width of the figure in pixels."""
        return round(self.width_in * self.dpi)

    @property
    def height_px(self) -> int:
        """Height of the figure in pixels."""
        return round(self.height_in * self.dpi)

    @property
    def plotly_size(self) -> tuple[int, int]:
        """Width and height of the plotly figure in CSS pixels."""
        dpi = self.screen_dpi or self.dpi
        return round(self.width_in * dpi), round(self.height_in * dpi)

    def px(self, points: float) -> float:
        """Convert a size in points to plotly pixels, so both backends look alike.

        Rounded to a hundredth of a pixel, finer than any screen draws.
        """
        return round(points * (self.screen_dpi or self.dpi) / 72, 2)

    @property
    def series(self) -> list[str]:
        """Colours for unordered series, in order of use."""
        return [self.colors["series1"], self.colors["series2"], self.colors["series3"]]


_SCREEN_COLORS = {
    "series1": OKABE_ITO["blue"],
    "series2": OKABE_ITO["vermillion"],
    "series3": OKABE_ITO["green"],
    "accent": OKABE_ITO["vermillion"],
    "neutral": GREY,
    "text": TEXT,
    "muted": MUTED_TEXT,
    "background": BACKGROUND,
}
# In greyscale the blue and vermillion above are almost the same grey; print swaps in a
# dark blue so the two main series differ in lightness too, and adds hatching.
_PRINT_COLORS = {**_SCREEN_COLORS, "series1": "#003F6B", "accent": "#003F6B"}

THEMES = {
    "web": Theme("web", 9.6, 6.0, 100, 12, 19, 13, 10, 2.0, 11, _SCREEN_COLORS),
    # 1920 x 1080 px; 20 pt text is 33 px there, above the 18 pt floor for a projector.
    "presentation": Theme("presentation", 16, 9, 120, 20, 34, 23, 18, 4.0, 22, _SCREEN_COLORS, min_pt=18),
    # 300 dpi on paper; the interactive version is shown at 150 px per inch.
    "print": Theme(
        "print",
        7.0,
        4.4,
        300,
        9.5,
        13,
        10,
        7.5,
        1.2,
        6,
        _PRINT_COLORS,
        hatches=True,
        screen_dpi=150,
    ),
}


def get_theme(theme: str | Theme = "web") -> Theme:
    """Return a theme by name (``web``, ``presentation`` or ``print``).

    Parameters
    ----------
    theme : str or Theme
        A theme name, or a Theme, which is returned as it is.

    Returns
    -------
    Theme
    """
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except KeyError:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}") from None


def group_colors(theme: Theme) -> dict[str, str]:
    """Colour of each patient group, the same in every chart."""
    return {"cancer": theme.colors["series2"], "no_cancer": theme.colors["series1"]}


def mpl_rc(theme: Theme) -> dict[str, object]:
    """Matplotlib rcParams for a theme."""
    from cycler import cycler

    return {
        "figure.figsize": (theme.width_in, theme.height_in),
        "figure.dpi": theme.dpi,
        "savefig.dpi": theme.dpi,
        "figure.facecolor": theme.colors["background"],
        "axes.facecolor": theme.colors["background"],
        "font.family": "DejaVu Sans",
        "font.size": theme.font_pt,
        "axes.labelsize": theme.font_pt,
        "xtick.labelsize": theme.font_pt,
        "ytick.labelsize": theme.font_pt,
        "legend.fontsize": theme.font_pt,
        "text.color": theme.colors["text"],
        "axes.labelcolor": theme.colors["text"],
        "xtick.color": theme.colors["muted"],
        "ytick.color": theme.colors["muted"],
        "axes.edgecolor": theme.colors["muted"],
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=theme.series),
        "lines.linewidth": theme.line_width,
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "svg.hashsalt": "lems-viz",
        # Labels come from data tables: "$5 or $6" is money, not mathtext.
        "text.parse_math": False,
    }


@contextmanager
def mpl_style(theme: str | Theme = "web") -> Iterator[Theme]:
    """Use a theme's matplotlib settings inside a ``with`` block."""
    import matplotlib as mpl

    resolved = get_theme(theme)
    with mpl.rc_context(mpl_rc(resolved)):
        yield resolved


def plotly_layout(theme: Theme) -> dict[str, object]:
    """Plotly layout settings for a theme (sizes in CSS pixels)."""
    width, height = theme.plotly_size
    return {
        "width": width,
        "height": height,
        "paper_bgcolor": theme.colors["background"],
        "plot_bgcolor": theme.colors["background"],
        "font": {
            "family": "DejaVu Sans, Arial, sans-serif",
            "size": theme.px(theme.font_pt),
            "color": theme.colors["text"],
        },
        "colorway": theme.series,
        # No plotly template: every style is set here, and notebooks stay small.
        "template": "none",
    }
