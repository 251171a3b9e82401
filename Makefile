# One entry point for people and CI. `make run` and `make test` do the whole set-up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# xstatic-bootstrap is an sdist whose build needs setuptools' pkg_resources (gone in setuptools 81).
PIP_INSTALL := $(BIN)/pip install --quiet --disable-pip-version-check --build-constraint .ci/build-constraints.txt

.PHONY: help install setup run try test bench lint format migrations-check messages loaddata organiser clean

help:
	@echo "make run      set up, then serve on http://127.0.0.1:$(PORT) and send the queued emails"
	@echo "make try      the same, with a copy of the programme a few weeks ahead, open for sign-up"
	@echo "make test     set up, then run the whole test suite"
	@echo "make setup    create .venv, install, migrate, load the programme (idempotent)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip>=25.3"

$(STAMP): pyproject.toml .ci/build-constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e ".[dev,postgres,prod]"
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_programme
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# The web server and the worker that sends the queued emails, together. Ctrl-C stops
# runserver, and the trap stops the worker (which ends its pass first): nothing is left behind.
SERVE = $(BIN)/python manage.py send_queued_mail_worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

run: setup
	$(SERVE)

# A copy of the programme a few weeks ahead, published and open for sign-up, and a demo
# organiser's account (programme/trial.py); idempotent, the copied edition stays as it is.
try: setup
	$(BIN)/python manage.py prepare_trial --base-url http://127.0.0.1:$(PORT)
	$(SERVE)

test: setup
	$(BIN)/python -m pytest

loaddata: install
	$(BIN)/python manage.py load_programme

# After a marked string changes (needs gettext): the English catalogue to translate, then the
# French one rewritten from the sources in French typography (programme/catalogue.py).
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=bench
messages: install
	$(BIN)/python manage.py makemessages -l en --no-location --no-wrap $(MAKEMESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv
	$(BIN)/python manage.py typeset_messages

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

organiser: install
	$(BIN)/python manage.py create_organiser

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm

# Not part of `make test`: loads a gunicorn on 127.0.0.1 with wrk for a bounded time.
bench: setup
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench.run
