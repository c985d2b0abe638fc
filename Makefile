# lems-viz: `make help` lists every target. Each target builds .venv from the lock file first.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# uv's version comes from the lock, the one list of pins.
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' requirements.lock)
REPORTS ?= reports
# The languages of `make report`: English and Spanish, or the one given as `make report LANG=es`.
# Only a LANG typed on the command line counts: the LANG every shell has is a locale (C.UTF-8).
REPORT_LANGS := $(if $(filter command line,$(origin LANG)),$(LANG),en es)
# `make mutate MODULE=derived` mutation-tests one module (tools/mutate.py names them).
MODULE ?=
# `make report DATA=path` charts an edited or translated copy of data/.
DATA ?=
# The paper of the PDF handouts: A4 unless `make report PAPER=letter`. Given, it is required:
# without a Chromium the build then stops instead of leaving the handouts out.
PAPER ?=
# `make talk TALK=path` builds a teacher's own talk file (see talks/).
TALK ?= talks/ward-talk.toml

.PHONY: help report test browser fingerprint lint format validate facts notebooks lab bench baselines figures deck talk gallery catalogs mutate clean

help: ## List every target with one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "lems-viz needs Python 3.11 or newer; set PYTHON=python3.X")'
	@echo "Setting up $(VENV) from requirements.lock (first run only)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# uv installs the lock in seconds where pip takes a minute or more; where uv cannot run
	@# (no wheel for this platform, no network for it), plain pip installs the same lock.
	@if $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)" 2>/dev/null \
	    && $(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock; then :; \
	else echo "uv could not install the lock; installing it with pip instead (slower)..."; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock; fi
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@$(BIN)/python -m ipykernel install --sys-prefix --name lems-viz --display-name "lems-viz (Python)" >/dev/null
	@# uv compiles the bytecode at install (--compile-bytecode), as pip does: otherwise, where
	@# PYTHONDONTWRITEBYTECODE is set (as on many CI machines), every kernel of every build
	@# compiled pandas, plotly and matplotlib from source again, which doubled a cold build.
	@# This import builds matplotlib's font cache once, before the first build's kernels.
	@$(BIN)/python -c "import lems_viz.charts, lems_viz.render._plotly, lems_viz.render._matplotlib, pandas, plotly.graph_objects, matplotlib.pyplot, nbclient, nbconvert, ipykernel.kernelapp"
	@touch $@

# The handouts are printed by Chromium: `browser` installs it first where it can.
report: $(STAMP) browser ## Build the English and Spanish sites, handouts, figures and decks (LANG=es, PAPER=letter, DATA=path)
	$(if $(filter command line,$(origin LANG)),LANG=C.UTF-8) $(BIN)/lems-viz build \
	  --out $(if $(filter en,$(REPORT_LANGS)),$(REPORTS),$(REPORTS)/$(firstword $(REPORT_LANGS))) \
	  $(foreach lang,$(REPORT_LANGS),--lang $(lang)) $(if $(DATA),--data-dir "$(DATA)") $(if $(PAPER),--paper $(PAPER))

test: $(STAMP) browser lint ## Run every test: ruff, unit tests, chart images, notebooks (nbval), browser
	$(BIN)/python -m pytest

# The handouts and the browser tests use the system's Chromium (a browser download cannot work
# offline). As root on Debian or Ubuntu it is installed here; elsewhere `make report` builds the
# site without handouts and says so, and pytest ends with one loud line saying how many browser
# tests did not run, each with the command that fixes it.
browser: ## Install Chromium for the handouts and browser tests, where apt-get and root allow (first run only)
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Chromium for the browser tests (first run only)..."; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-dejavu-core >/dev/null 2>&1; } || echo "Could not install Chromium; no handouts, and the browser tests will not run."; \
	fi

lint: $(STAMP) ## Check style with ruff (lint and format)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(STAMP) ## Validate data/ against data/datapackage.json (STRICT=1: refuse untranslated texts)
	$(BIN)/lems-viz validate $(if $(STRICT),--strict-translations)

facts: $(STAMP) ## Print every table in the terminal
	$(BIN)/lems-viz facts

notebooks: $(STAMP) ## Re-execute every notebook in place (after a deliberate change)
	$(BIN)/lems-viz execute-notebooks

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project's own kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## Time the report build against hand-made nbconvert (prints a table)
	$(BIN)/python benchmarks/bench_build.py

catalogs: $(STAMP) ## Extract the words readers see and update each language's catalog (lems_viz/locale)
	@# Babel skips folders named _* by default; our renderers live in render/_plotly and render/_matplotlib.
	$(BIN)/pybabel extract -F babel.cfg --ignore-dirs='.* __pycache__' --sort-by-file --add-location=file --width=100 \
	  --project=lems-viz --version=$$($(BIN)/python -c 'import lems_viz; print(lems_viz.__version__)') \
	  -o lems_viz/locale/lems_viz.pot .
	$(BIN)/pybabel update -i lems_viz/locale/lems_viz.pot -d lems_viz/locale -D lems_viz --width=100 --ignore-obsolete
	@# Compiling checks every catalog and reports how complete it is; lems-viz itself reads the .po files.
	$(BIN)/pybabel compile -d lems_viz/locale -D lems_viz --statistics

fingerprint: $(STAMP) ## Re-make tests/article-fingerprint.json from ../shared/source/lems-article.txt
	$(BIN)/python -m tests.article

baselines: $(STAMP) ## Regenerate the matplotlib baseline images for pytest-mpl
	$(BIN)/python -m pytest tests/test_chart_images.py --mpl-generate-path=tests/baseline -q

figures: $(STAMP) ## Write every chart as slide-ready PNG and SVG files to reports/figures
	$(BIN)/lems-viz figures --out $(REPORTS)/figures

deck: $(STAMP) ## Build the PowerPoint deck reports/lems-charts.pptx
	$(BIN)/lems-viz deck --out $(REPORTS)/lems-charts.pptx

talk: $(STAMP) ## Build your own talk's slideshow, deck and handout beside its file (TALK=talks/ward-talk.toml)
	$(BIN)/lems-viz talk $(TALK)

# Not part of `make test`: it takes minutes, and its scores are read, not passed or failed
# (docs/maintainers/mutation.md).
mutate: $(STAMP) ## Mutation-test derived, validate, descriptor, handouts, markup and lesson against their unit tests (MODULE=derived)
	$(BIN)/python tools/mutate.py $(MODULE)

clean: ## Remove the virtual environment, caches and built reports
	rm -rf $(VENV) $(REPORTS) .pytest_cache .ruff_cache .lems-viz-cache build/mutate mutants

gallery: $(STAMP) ## Redraw the chart gallery (docs/teachers/gallery.md, docs/gallery, presentation theme, small)
	$(BIN)/python -c "from lems_viz.present import write_figures, update_readme_gallery; \
	  write_figures('docs/gallery', theme='presentation', dpi=48); update_readme_gallery('docs/teachers/gallery.md', 'docs/gallery')"
