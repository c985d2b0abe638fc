"""One palette and three themes (web, presentation, print) for both plotting backends, and a phone layout for plotly.

The palette is a subset of Okabe & Ito's colour-blind-safe set, keeping only colours that
reach 3:1 contrast on white (WCAG 2.1 non-text contrast); orange, sky blue and yellow
do not, so they are left out. The ordered sequence for the body map is taken from
``cividis``, a colour map designed to read the same with colour-vision deficiency.
"""

from __future__ import annotations

import dataclasses
import functools
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


@dataclass(frozen=True, kw_only=True)
class Theme:
    """Sizes, fonts and colours of one theme, given by keyword.

    Font sizes are in points for matplotlib; plotly takes pixels, so the plotly sizes are
    the same numbers scaled by ``px_per_pt`` at the figure's pixel size. Charts name
    colours by role (see :meth:`color`); only the theme knows what each role looks like.
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
    #: False for a chart without its title, takeaway and source line, where a slide shows them as its own text.
    framed: bool = True

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
    def narrow(self) -> bool:
        """True for a figure narrower than it is tall, such as a phone's: legends go below."""
        return self.width_in < self.height_in

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

    def color(self, role: str) -> str:
        """The colour of a role: a key of ``colors`` or ``seq0``–``seq4`` (dark to light).

        Parameters
        ----------
        role : str
            ``series1``, ``accent``, ``panel``, ``seq2`` …

        Returns
        -------
        str
            A hex colour.
        """
        if role.startswith("seq") and role[3:].isdigit():
            return SEQUENCE[min(int(role[3:]), len(SEQUENCE) - 1)]
        try:
            return self.colors[role]
        except KeyError:
            raise ValueError(f"theme {self.name!r} has no colour {role!r}") from None

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
    # Quiet fills and lines behind the data: table stripes and boxes, grid lines, the body outline.
    "panel": "#F5F5F5",
    "grid": "#E6E6E6",
    "outline": "#A6A6A6",
    "body": "#F2F2F2",
    "body_idle": "#D9D9D9",
    "on_fill": "#FFFFFF",
}
# In greyscale the blue and vermillion above are almost the same grey; print swaps in a
# dark blue so the two main series differ in lightness too, and adds hatching.
_PRINT_COLORS = {**_SCREEN_COLORS, "series1": "#003F6B", "accent": "#003F6B"}

_WEB = Theme(
    name="web",
    width_in=9.6,
    height_in=6.0,
    dpi=100,
    font_pt=12,
    title_pt=19,
    takeaway_pt=13,
    source_pt=10,
    line_width=2.0,
    marker_size=11,
    colors=_SCREEN_COLORS,
)

# 1920 x 1080 px; 20 pt text is 33 px there, above the 18 pt floor for a projector.
_PRESENTATION = Theme(
    name="presentation",
    width_in=16,
    height_in=9,
    dpi=120,
    font_pt=20,
    title_pt=34,
    takeaway_pt=23,
    source_pt=18,
    line_width=4.0,
    marker_size=22,
    colors=_SCREEN_COLORS,
    min_pt=18,
)

THEMES = {
    "web": _WEB,
    "presentation": _PRESENTATION,
    # A slide's chart (1800 x 864 px, scaled into the room a 1920 x 1080 slide leaves it): the
    # presentation theme without the frame, whose title, takeaway and source the slide shows as
    # its own text. At 18 pt and more, the step chain's words need this height.
    "slide": dataclasses.replace(_PRESENTATION, name="slide", width_in=15, height_in=7.2, framed=False),
    # 300 dpi on paper; the interactive version is shown at 150 px per inch.
    "print": Theme(
        name="print",
        width_in=7.0,
        height_in=4.4,
        dpi=300,
        font_pt=9.5,
        title_pt=13,
        takeaway_pt=10,
        source_pt=7.5,
        line_width=1.2,
        marker_size=6,
        colors=_PRINT_COLORS,
        hatches=True,
        screen_dpi=150,
    ),
    # A phone's column (about 340 px): the web theme at 420 px wide, scaled down a little, so
    # the words stay near body-text size; legends and long labels go below the chart
    # (Theme.narrow). Only the bodies of lems_viz.render.layout.NARROW_BODIES have a layout for it.
    "phone": dataclasses.replace(
        _WEB, name="phone", width_in=4.2, height_in=5.6, title_pt=17, takeaway_pt=12, marker_size=9
    ),
}


def get_theme(theme: str | Theme = "web") -> Theme:
    """Return a theme by name (``web``, ``presentation``, ``slide``, ``print`` or ``phone``).

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


#: Colour role of each patient group, the same in every chart.
GROUP_ROLES = {"cancer": "series2", "no_cancer": "series1"}

#: The font both backends use; its file ships with matplotlib, so text measures the same everywhere.
FONT_FILE = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


def group_colors(theme: Theme) -> dict[str, str]:
    """Colour of each patient group, the same in every chart."""
    return {group: theme.color(role) for group, role in GROUP_ROLES.items()}


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text in inches, measured from the font itself.

    Parameters
    ----------
    text : str
        One line.
    size_pt : float
        Font size in points.
    bold : bool
        Measure the bold face.

    Returns
    -------
    float
        Inches. The font file is matplotlib's own DejaVu Sans, so the width is the same on
        every machine; plotly draws with the same family, so it fits there too.
    """
    from matplotlib import font_manager

    font = font_manager.get_font(_font_path(bold))
    font.set_size(size_pt, 72)
    font.set_text(text, 0.0)
    width, _height = font.get_width_height()  # in 64ths of a pixel at 72 dpi, i.e. of a point
    return round(width / 64 / 72, 4)


@functools.cache
def _font_path(bold: bool) -> str:
    from pathlib import Path

    import matplotlib

    return str(Path(matplotlib.get_data_path(), "fonts", "ttf", FONT_FILE[bold]))


def wrap(text: str, width_in: float, size_pt: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width_in`` inches at ``size_pt``.

    Parameters
    ----------
    text : str
        Words separated by spaces; existing line breaks are kept.
    width_in : float
        Room for one line, in inches.
    size_pt : float
        Font size in points.
    bold : bool
        Measure the bold face.

    Returns
    -------
    list of str
        The lines; a single word wider than the room stays whole on its own line.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size_pt, bold) > width_in:
                lines.append(line)
                candidate = word
            line = candidate
        lines.append(line)
    return lines


def mpl_rc(theme: Theme) -> dict[str, object]:
    """Matplotlib rcParams for a theme."""
    from cycler import cycler

    return {
        "figure.figsize": (theme.width_in, theme.height_in),
        "figure.dpi": theme.dpi,
        "savefig.dpi": theme.dpi,
        "figure.facecolor": theme.colors["background"],
        "axes.facecolor": theme.colors["background"],
        # A generic family after it, so an SVG shown where DejaVu Sans is missing falls back to a sans-serif.
        "font.family": ["DejaVu Sans", "sans-serif"],
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


def fitting_size(
    paragraphs: list[str],
    width_in: float,
    height_in: float,
    sizes: tuple[float, ...],
    *,
    line_height: float = 1.2,
    gap_pt: float = 0.0,
    bold: bool = False,
) -> float:
    """The largest of ``sizes`` (points) at which ``paragraphs``, wrapped to ``width_in``, fit in ``height_in``.

    Measured with the charts' own font (:func:`wrap`), so the answer is the same on every
    machine; used for a teacher's own words, whose length nobody can foresee.

    Parameters
    ----------
    paragraphs : list of str
        The texts, each starting a new line.
    width_in, height_in : float
        The room, in inches (at 72 dpi a CSS pixel counts as a point: pass ``px / 72``).
    sizes : tuple of float
        The sizes to try.
    line_height : float
        Line height as a multiple of the size.
    gap_pt : float
        Space between paragraphs, in points.
    bold : bool
        Measure the bold face.

    Returns
    -------
    float
        The size; the smallest of ``sizes`` when none fits.
    """
    for size in sorted(sizes, reverse=True):
        lines = sum(len(wrap(paragraph, width_in, size, bold)) for paragraph in paragraphs)
        if (lines * line_height * size + gap_pt * max(len(paragraphs) - 1, 0)) / 72 <= height_in:
            return size
    return min(sizes)
