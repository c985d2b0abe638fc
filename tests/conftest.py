from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from lems_viz.build import build
from lems_viz.paths import default_data_dir
from tests import article

CHROMIUM = next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)


def chromium_fix() -> str:
    """The one command that installs Chromium on this kind of machine."""
    if shutil.which("apt-get"):
        return "sudo apt-get install -y chromium" if os.geteuid() != 0 else "apt-get install -y chromium"
    if sys.platform == "darwin":
        return "brew install --cask chromium"
    return "install Chromium from your system's packages so that `chromium` is on PATH"


def pytest_configure(config: pytest.Config) -> None:
    if CHROMIUM is None and os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but no Chromium was found; the browser tests need it: {chromium_fix()}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that drive a browser; set aside those that need ../shared when it is absent."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None:
                item.add_marker(pytest.mark.skip(reason=f"no Chromium: {chromium_fix()}"))
    if not article.ARTICLE.is_file():
        aside = [item for item in items if item.get_closest_marker("needs_article")]
        if aside:
            config.hook.pytest_deselected(items=aside)
            items[:] = [item for item in items if item not in aside]
            config.stash[_ASIDE] = len(aside)


_ASIDE = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say which check was set aside for want of ../shared."""
    aside = config.stash.get(_ASIDE, 0)
    if aside:
        terminalreporter.write_line(
            f"{aside} test compares the committed article fingerprint with {article.ARTICLE}, "
            "which is not beside this clone; it was deselected (the copy checks ran from the fingerprint)."
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    """End the run with one loud line when browser tests did not run, and the command that fixes it."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [r for r in reporter.stats.get("skipped", []) if "browser" in r.keywords]
    if skipped:
        reporter.write_line(
            f"*** {len(skipped)} browser tests did NOT run (no Chromium), so the report pages were not "
            f"checked in a browser. Fix: {chromium_fix()} ***",
            red=True,
            bold=True,
        )


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace text in a CSV file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The default sites, English with Spanish inside, as `make report` builds them (cold cache: runs every lesson).

    With Chromium, each lesson is also printed to its A4 handout, as `make report` does.
    """
    out = tmp_path_factory.mktemp("site") / "reports"
    paper = "a4" if CHROMIUM else None
    for lang in ("en", "es"):
        result = build(out if lang == "en" else out / lang, lang=lang, link_languages=["en", "es"], handouts=paper)
        assert result.ok, result.failures
    return out


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()
