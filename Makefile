# make run  — set everything up and start the app with its background jobs on http://127.0.0.1:8000
# make test — set everything up and run ruff and the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# A Python >= 3.12: $(PYTHON) if given, else the first suitable one on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	  then command -v $$p; break; fi; done)

.PHONY: help run test lint setup migrate demo worker web messages bench clean

help:
	@echo "make run   — install, migrate, load the demo county once, start web + worker + beat"
	@echo "make test  — install, then ruff and the whole pytest suite"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "需要 Python 3.12 或更高版本 (Python >= 3.12 is needed): none found on PATH or under ~/.pyenv." >&2; \
	  echo "Install one, or name it: make run PYTHON=/path/to/python3.12" >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8

$(VENV)/.installed: $(BIN)/python uv.lock pyproject.toml
	$(BIN)/uv sync --frozen --all-groups --python $(BIN)/python --quiet
	@touch $@

setup: $(VENV)/.installed

migrate: setup
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v 0

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty

run: setup
	$(BIN)/python manage.py run $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .

test: setup
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

messages: setup
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var/staticfiles
