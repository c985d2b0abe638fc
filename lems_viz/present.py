"""Slide-ready outputs: every chart as image files, and an editable PowerPoint deck."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lems_viz.theme import get_theme

FORMATS = ("png", "svg", "pdf")
ALT_TEXT_FILE = "alt-text.csv"


def write_figures(
    out: Path | str,
    *,
    theme: str = "presentation",
    formats: Iterable[str] = ("png",),
    dpi: int | None = None,
    data_dir: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write every chart as a file per format, plus ``alt-text.csv`` beside them.

    The files are written into a temporary folder that replaces ``out`` only when all
    are done, so a failure leaves the previous figures as they were.

    Parameters
    ----------
    out : path-like
        Folder to write into (replaced as a whole).
    theme : {"presentation", "print", "web"}
        ``presentation`` gives 1920 x 1080 PNGs; ``print`` 300 dpi.
    formats : iterable of {"png", "svg", "pdf"}
        File formats.
    dpi : int, optional
        Override the theme's resolution (for small previews).
    data_dir : path-like, optional
        Data folder to chart.
    progress : callable, optional
        Called with each chart's name before it is drawn.

    Returns
    -------
    list of Path
        The files written, in ``out``.
    """
    from lems_viz.charts import CHARTS, chart_meta

    formats = [f.strip().lower() for f in formats]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    th = get_theme(theme)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the figures are meant to be shared
    try:
        rows = []
        for name, chart in CHARTS.items():
            if progress:
                progress(name)
            fig = chart(backend="matplotlib", theme=th, data_dir=data_dir)
            meta = chart_meta(fig)
            for fmt in formats:
                metadata = (
                    {"Title": meta["title"], "Description": meta["alt"]} if fmt == "png" else {"Title": meta["title"]}
                )
                fig.savefig(staging / f"{name}.{fmt}", dpi=dpi or th.dpi, metadata=metadata)
            rows.append(
                {"file": f"{name}.{formats[0]}", **{k: meta[k] for k in ("title", "takeaway", "alt", "source")}}
            )
        with open(staging / ALT_TEXT_FILE, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["file", "title", "takeaway", "alt", "source"])
            writer.writeheader()
            writer.writerows(rows)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(out.iterdir())


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` in two renames, so readers never see half of it."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
