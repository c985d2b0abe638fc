"""The body-map figure: one set of simple shapes that both backends draw.

Coordinates are in a 0–10 wide, 0–20 high space, the figure standing, facing the reader.
Shapes with a ``region`` are coloured by the order in which weakness reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    """A circle, ellipse or polygon of the body outline."""

    kind: str  # "circle", "ellipse" or "polygon"
    points: tuple[tuple[float, float], ...]  # polygon corners, or (centre, (width, height))
    region: str | None = None


def _mirror(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    return tuple((10 - x, y) for x, y in points)


def _ellipse(cx: float, cy: float, w: float, h: float, region: str | None = None) -> Shape:
    return Shape("ellipse", ((cx, cy), (w, h)), region)


_ARM = ((3.35, 15.2), (2.55, 14.7), (1.75, 10.0), (2.45, 9.9), (3.3, 13.4))
_THIGH = ((3.75, 9.6), (4.95, 9.6), (4.85, 5.7), (3.85, 5.7))
_SHIN = ((3.9, 5.7), (4.8, 5.7), (4.7, 1.5), (4.0, 1.5))

SHAPES: tuple[Shape, ...] = (
    Shape("polygon", ((3.2, 15.3), (6.8, 15.3), (6.4, 9.4), (3.6, 9.4))),  # torso
    Shape("polygon", _ARM),
    Shape("polygon", _mirror(_ARM)),
    Shape("polygon", _SHIN),
    Shape("polygon", _mirror(_SHIN)),
    _ellipse(5, 17.5, 2.7, 3.0),  # head
    Shape("polygon", _THIGH, "upper_legs"),
    Shape("polygon", _mirror(_THIGH), "upper_legs"),
    _ellipse(3.05, 14.85, 1.5, 1.2, "shoulders"),
    _ellipse(6.95, 14.85, 1.5, 1.2, "shoulders"),
    _ellipse(2.05, 9.45, 0.95, 0.95, "hands_feet"),
    _ellipse(7.95, 9.45, 0.95, 0.95, "hands_feet"),
    _ellipse(4.2, 1.15, 1.4, 0.7, "hands_feet"),
    _ellipse(5.8, 1.15, 1.4, 0.7, "hands_feet"),
    _ellipse(5, 15.75, 1.0, 0.9, "speech_swallowing"),  # throat
    _ellipse(5, 16.65, 0.9, 0.35, "speech_swallowing"),  # mouth
    _ellipse(4.45, 17.8, 0.55, 0.35, "eyes"),
    _ellipse(5.55, 17.8, 0.55, 0.35, "eyes"),
)

# Where each region's numbered badge sits, and the point on the body its leader line meets.
BADGES: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "eyes": ((11.0, 18.6), (5.8, 17.8)),
    "speech_swallowing": ((11.0, 16.4), (5.5, 16.0)),
    "shoulders": ((11.0, 14.2), (7.6, 14.8)),
    "hands_feet": ((11.0, 10.0), (8.4, 9.5)),
    "upper_legs": ((11.0, 7.6), (6.0, 7.6)),
}
EXTENT = ((-0.5, 19.5), (0.0, 20.0))
