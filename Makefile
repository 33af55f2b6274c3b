# Two commands for people: `make run` and `make test` (see README). The rest are helpers.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
# A uv already on PATH is used; otherwise one is installed into .tools/ (pip, pinned version).
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2
# Development commands run with debug on (and the second factor optional) unless the environment
# says otherwise; the settings' own defaults are production's.
DEV_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-true} IOP_REQUIRE_2FA=$${IOP_REQUIRE_2FA:-false}

.PHONY: help run test sync migrate demo-data lint messages ci chromium ghostscript

help:
	@echo "make run   – install, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test  – install and run the whole test suite (browser tests included)"
	@echo "make lint | make messages | make ci"

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

sync: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)
	$(UV) sync --locked --quiet

migrate: sync
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo-data: migrate
	$(DEV_ENV) $(PY) manage.py load_demo_data

run: demo-data
	@echo "Serving http://$(HOST):$(PORT)/ (stop with Ctrl-C)"
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@scripts/ensure-chromium

# Ghostscript makes the PDF/A renditions of signed copies for the archive package.
ghostscript:
	@scripts/ensure-ghostscript

# axe-core for the accessibility browser test, from package-lock.json (npm ci: exact versions).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test: sync chromium ghostscript $(AXE)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: sync
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Compile every app's catalogue (the .mo files are committed; run after editing a .po file).
messages: sync
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

ci:
	.ci/run
