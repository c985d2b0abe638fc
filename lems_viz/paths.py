"""Where the project's files live, defined once."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
TEMPLATES_DIR = PACKAGE_DIR / "templates"


def cache_dir() -> Path:
    """Where validated-table stamps, executed notebooks and built pages are kept."""
    return Path(os.environ.get("LEMS_VIZ_CACHE", PROJECT_DIR / ".lems-viz-cache"))


def default_data_dir() -> Path:
    """Return the folder the tables are read from when none is given.

    ``LEMS_VIZ_DATA`` wins when set; then ``data/`` of a source checkout; then the
    copy of ``data/`` that the wheel carries inside the package.
    """
    override = os.environ.get("LEMS_VIZ_DATA")
    if override:
        return Path(override)
    checkout = PROJECT_DIR / "data"
    if (checkout / "datapackage.json").is_file():
        return checkout
    return PACKAGE_DIR / "_data"
