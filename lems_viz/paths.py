"""Where the project's files live, defined once.

A source checkout keeps the tables in ``data/`` and the lessons in ``notebooks/``; an
installed wheel carries copies of both inside the package (``_data`` and ``_notebooks``),
so ``lems-viz build`` works from any folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
LESSON_PATTERN = "[0-9][0-9]-*.ipynb"
CACHE_ENV = "LEMS_VIZ_CACHE"


def _is_checkout() -> bool:
    """True when the package runs from a source checkout rather than an installed wheel."""
    return (PROJECT_DIR / "pyproject.toml").is_file() and (PROJECT_DIR / "lems_viz").resolve() == PACKAGE_DIR


def notebooks_dir() -> Path:
    """The lessons: ``notebooks/`` of a source checkout, else the copy inside the package."""
    checkout = PROJECT_DIR / "notebooks"
    if _is_checkout() and any(checkout.glob(LESSON_PATTERN)):
        return checkout
    return PACKAGE_DIR / "_notebooks"


NOTEBOOKS_DIR = notebooks_dir()


def lessons_folder(lang: str = "en") -> Path:
    """The lessons written in ``lang``: English in ``notebooks/``, another language in ``notebooks/<lang>/``."""
    return NOTEBOOKS_DIR if lang == "en" else NOTEBOOKS_DIR / lang


def lesson_paths(folder: Path | None = None) -> list[Path]:
    """The numbered lessons (``01-*.ipynb`` …) of a folder, in order."""
    return sorted((folder or NOTEBOOKS_DIR).glob(LESSON_PATTERN))


def cache_dir() -> Path:
    """Where validated-table stamps, executed notebooks and built pages are kept.

    ``LEMS_VIZ_CACHE`` wins when set. A writable source checkout keeps its cache in
    ``.lems-viz-cache/``; an installed package or a read-only checkout uses the user's
    cache folder (``~/.cache/lems-viz`` on Linux, as platformdirs gives it).
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).resolve()  # kernels run in the lessons' folder: a relative path would move
    local = PROJECT_DIR / ".lems-viz-cache"
    if _is_checkout() and _writable(local):
        return local
    from platformdirs import user_cache_path

    return user_cache_path("lems-viz", appauthor=False)


def _writable(folder: Path) -> bool:
    existing = folder if folder.exists() else folder.parent
    return os.access(existing, os.W_OK | os.X_OK)


def default_data_dir() -> Path:
    """Return the folder the tables are read from when none is given.

    ``LEMS_VIZ_DATA`` wins when set; then ``data/`` of a source checkout; then the
    copy of ``data/`` that the wheel carries inside the package.
    """
    override = os.environ.get("LEMS_VIZ_DATA")
    if override:
        return Path(override)
    checkout = PROJECT_DIR / "data"
    if _is_checkout() and (checkout / "datapackage.json").is_file():
        return checkout
    return PACKAGE_DIR / "_data"
