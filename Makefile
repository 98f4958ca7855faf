# aiwatt: build the book, run every check, benchmark.  See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1
PORT ?= 8000
# The edition that 'make book' builds: instructor (with solutions) or student (without).
EDITION ?= instructor
# npm packages served from the book itself (never from a CDN).
NPM_PACKAGES := @jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8 mathjax@3.2.2

.PHONY: book test serve lab bench vendor install install-test chromium clean figures

## install: the virtual environment with the pinned requirements and aiwatt
install: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

## install-test: the pinned test tools on top
install-test: $(VENV)/.installed-test
$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

## vendor: the npm packages the book serves itself (widget manager, RequireJS, MathJax)
vendor: .vendor/npm/.done
.vendor/npm/.done: Makefile
	rm -rf .vendor/npm && mkdir -p .vendor/npm/tarballs
	cd .vendor/npm/tarballs && npm pack --silent $(NPM_PACKAGES) >/dev/null
	mkdir -p .vendor/npm/html-manager .vendor/npm/requirejs .vendor/npm/mathjax
	tar xzf .vendor/npm/tarballs/jupyter-widgets-html-manager-*.tgz -C .vendor/npm/html-manager --strip-components=1
	tar xzf .vendor/npm/tarballs/requirejs-*.tgz -C .vendor/npm/requirejs --strip-components=1
	tar xzf .vendor/npm/tarballs/mathjax-*.tgz -C .vendor/npm/mathjax --strip-components=1
	touch $@

## book: execute every chapter and build the HTML book into _build/html from a clean build folder (EDITION=student: without solutions)
book: install vendor
	rm -rf _build
	AIWATT_CHARTS=book AIWATT_EDITION=$(EDITION) $(BIN)/jupyter-book build . --warningiserror --keep-going --builder html

## chromium: Debian's chromium for the browser tests, installed when missing
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

## test: build the book, then unit, property, doctest, chapter and browser tests
test: install-test chromium book
	AIWATT_CHARTS=book $(BIN)/python -m pytest tests aiwatt

## serve: preview the built book on http://127.0.0.1:$(PORT)
serve:
	@test -d _build/html || { echo "no _build/html: run 'make book' first"; exit 1; }
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory _build/html

## lab: JupyterLab on the chapters
lab: install
	$(BIN)/jupyter lab --ip=$(HOST) book

## figures: every chart of the book as SVG and PNG with its title, for slides (into figures/)
figures: install
	AIWATT_CHARTS=book $(BIN)/python -m aiwatt.charts.figures --out figures

## bench: the benchmarks (import time, build time, page sizes, model speed)
bench: install-test book
	$(BIN)/python benchmarks/run.py


clean:
	rm -rf _build .jupyter_cache screenshots benchmarks/results
