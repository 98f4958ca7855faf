# aiwatt: build the book, run every check, benchmark.  'make help' lists the targets;
# each target's line there is the '## target: what it does' comment above it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := _build
HOST := 127.0.0.1
PORT ?= 8000
# The edition that 'make book' builds: instructor (with solutions) or student (without).
EDITION ?= instructor
# pytest markers (pyproject.toml) of the tests that need more than the package:
# the built book, a browser, executing every chapter, or PyPI.
SLOW_MARKERS := book or browser or chapters or network

.PHONY: help install install-test book check test chromium serve lab figures bench clean distclean

## help: list the targets
help:
	@sed -n 's/^## \([a-z-]*\): /\1|/p' $(MAKEFILE_LIST) | awk -F'|' '{ printf "  %-13s %s\n", $$1, $$2 }'

## install: the virtual environment (.venv) with the pinned requirements and aiwatt
install: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

## install-test: the pinned test tools on top (pytest, hypothesis, playwright, axe-core, ruff)
install-test: $(VENV)/.installed-test
$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

## book: execute every chapter and build the HTML book into _build/html, from clean, warnings as errors (EDITION=student: without solutions)
book: install
	rm -rf $(BUILD)
	AIWATT_CHARTS=book AIWATT_EDITION=$(EDITION) $(BIN)/jupyter-book build . --warningiserror --keep-going --builder html

## check: the fast loop: ruff, unit, property and doctest tests (no book, no browser)
check: install-test
	AIWATT_CHARTS=book $(BIN)/python -m pytest -q -m "not ($(SLOW_MARKERS))" tests aiwatt

## test: build the book, then every check: ruff, unit, property, doctest, chapter, Binder and browser tests
test: install-test chromium book
	AIWATT_CHARTS=book AIWATT_REQUIRE_ALL_TESTS=1 $(BIN)/python -m pytest tests aiwatt

## chromium: Debian's chromium for the browser tests, installed when missing
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

## serve: preview the built book on http://127.0.0.1:8000 (PORT=... to change)
serve:
	@test -f $(BUILD)/html/index.html || { echo "no $(BUILD)/html: run 'make book' first"; exit 1; }
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory $(BUILD)/html

## lab: JupyterLab on the chapters, with their live dashboards
lab: install
	$(BIN)/jupyter lab --ip=$(HOST) book

## figures: every chart of the book as SVG and PNG with its title, for slides (into figures/)
figures: install
	AIWATT_CHARTS=book $(BIN)/python -m aiwatt.charts.figures --out figures

## bench: the benchmarks (import time, build time, page sizes, model speed); BENCH_ARGS=--strict fails on a missed target
bench: install-test book
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

## clean: remove what building, testing and benchmarking create (keeps .venv and .vendor)
clean:
	rm -rf $(BUILD) .jupyter_cache screenshots figures benchmarks/results .pytest_cache .hypothesis .ruff_cache
	find . -path ./$(VENV) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -exec rm -rf {} +

## distclean: clean, and remove the virtual environment and the downloads in .vendor
distclean: clean
	rm -rf $(VENV) .vendor *.egg-info
