# The two commands: `make run` (set up and serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
CATALOGUE := kd/translations/sq/LC_MESSAGES/messages
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: serve-prod run test test-sqlite test-postgres setup translations messages migrate seed check clean

run: setup translations migrate
	@$(FLASK) kd seed-demo
	@echo "KD is serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@$(FLASK) run --host $(HOST) --port $(PORT)

test: $(VENV)/.dev-installed translations
	$(BIN)/python -m pytest -n auto -q $(PYTEST_ARGS)

setup: $(VENV)/.installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

translations: $(CATALOGUE).mo

$(CATALOGUE).mo: $(CATALOGUE).po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d kd/translations -D messages

# Developers: after changing user-facing text, refresh the catalogue and translate the new entries.
messages: setup
	$(BIN)/pybabel extract --no-location -F babel.cfg -k _l -k lazy_gettext -o kd/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i kd/translations/messages.pot -d kd/translations -D messages

migrate: setup
	@$(FLASK) kd migrate

check: setup
	@$(FLASK) kd check

clean:
	rm -rf $(VENV) .pytest_cache

# Production-style serving: several sync gunicorn workers (set KD_DATABASE_URL / KD_REDIS_URL first).
serve-prod: setup translations migrate
	$(BIN)/gunicorn -c gunicorn.conf.py app:app
