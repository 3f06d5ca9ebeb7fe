# govlearn: `make run` serves the site with demo data, `make test` runs the tests.
# Both set up whatever is missing first (uv, Python packages, GOV.UK Frontend) and
# re-use what is already installed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
MANAGE := .venv/bin/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM_PATH ?= /usr/bin/chromium

# uv uses the machine's own Python 3.11 and never downloads one.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: help setup run test bench lint format clean

help:
	@echo "make run    set up, migrate, load the demo data and serve http://$(HOST):$(PORT)/ with the task worker"
	@echo "make test   set up and run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make bench  run manage.py bench (BENCH_ARGS=...) on DATABASE_URL's PostgreSQL database, which it fills with bench data"
	@echo "make lint   ruff check and format check"

# uv, installed inside a virtual environment: Debian's pip refuses system-wide installs.
.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --omit=optional --ignore-scripts --no-audit --no-fund
	@touch $@

build/static/css/govlearn.css: node_modules/.installed $(wildcard frontend/*)
	npm run --silent build

setup: .venv/.synced build/static/css/govlearn.css
	@.venv/bin/python -m certificates.system_libraries

run: export DEBUG ?= 1
run: export LINE_MANAGERS_CAN_EXTEND ?= 1
run: setup
	@echo "Bringing the database up to date ($${DATABASE_URL:-SQLite file govlearn.sqlite3})..."
	@$(MANAGE) migrate --noinput --verbosity 0
	@$(MANAGE) certificate_signing_key --development
	$(MANAGE) load_demo
	@echo "govlearn is starting on http://$(HOST):$(PORT)/ with its background-task worker (Ctrl+C stops both)."
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(MANAGE) db_worker & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: setup
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
	  echo "Chromium is not installed, so the browser tests will be skipped. Install it with: sudo apt-get install chromium"; \
	fi
	.venv/bin/pytest $(PYTEST_ARGS)

# The benchmark app is installed only with BENCH=1, so that its commands never exist in production.
bench: setup
	BENCH=1 $(MANAGE) bench $(BENCH_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf build staticfiles .pytest_cache .ruff_cache
