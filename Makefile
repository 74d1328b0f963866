# The two commands: `make run` (set up and serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
CATALOGUE := kd/translations/sq/LC_MESSAGES/messages
HOST ?= 127.0.0.1
PORT ?= 5000
# Links in mails and page metadata are built on the site's address: it follows the port unless set.
KD_SITE_URL ?= http://$(HOST):$(PORT)
export KD_SITE_URL

.PHONY: serve-prod run test lint newcomer e2e faults lighthouse e2e-tools lighthouse-tools test-sqlite test-postgres setup translations messages migrate seed check clean

run: setup translations migrate
	@$(FLASK) kd seed-demo
	@echo "KD is serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@$(FLASK) run --host $(HOST) --port $(PORT)

# Style (ruff, rules in pyproject.toml) and the package boundaries (import-linter contracts in pyproject.toml).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: $(VENV)/.dev-installed translations
	$(BIN)/python -m pytest -n auto -q -m "not e2e and not faults and not newcomer" $(PYTEST_ARGS)

# The newcomer's first five minutes: a clean clone of the committed tree, `make run` as the README says,
# then a visitor searches, looks at photos and crawls two links deep (tests/newcomer).
newcomer: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -p no:xdist -q -s -m newcomer tests/newcomer $(PYTEST_ARGS)

# Fault tests (tests/faults): the site under gunicorn against private PostgreSQL and Redis servers that the
# tests stop, kill and fill up (never the machine's own). One at a time; as root (initdb runs as postgres,
# the upload disk is a tmpfs in a mount namespace of gunicorn's own).
faults: $(VENV)/.dev-installed translations
	$(BIN)/python -m pytest -p no:xdist -q -m faults tests/faults $(PYTEST_ARGS)

# Browser tests (tests/e2e): Debian's Chromium (apt-get install chromium chromium-driver; .ci/run does it),
# axe-core, the Nu HTML checker and Lighthouse from the npm registry, in .cache/node.
NODE_TOOLS := .cache/node
E2E_NPM_PACKAGES := axe-core@4.14.1 vnu-jar@26.9.27 lighthouse@12.2.3

e2e: $(VENV)/.dev-installed translations $(NODE_TOOLS)/.installed
	$(BIN)/python -m pytest -n 2 -q -m "e2e and not lighthouse" tests/e2e $(PYTEST_ARGS)

# Alone, not beside other browsers: its performance score depends on an idle CPU.
lighthouse: $(VENV)/.dev-installed translations $(NODE_TOOLS)/.installed
	$(BIN)/python -m pytest -q -m lighthouse tests/e2e $(PYTEST_ARGS)

e2e-tools lighthouse-tools: $(NODE_TOOLS)/.installed

$(NODE_TOOLS)/.installed: Makefile
	npm install --prefix $(NODE_TOOLS) --no-audit --no-fund --ignore-scripts --loglevel=error $(E2E_NPM_PACKAGES)
	@touch $@

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
# --ignore-dirs replaces pybabel's default, which also skips folders starting with _ (templates/_macros).
messages: setup
	$(BIN)/pybabel extract --no-location -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".* __pycache__" -o kd/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i kd/translations/messages.pot -d kd/translations -D messages

migrate: setup
	@$(FLASK) kd migrate

check: setup
	@$(FLASK) kd check

clean:
	rm -rf $(VENV) .pytest_cache

# Production-style serving: several sync gunicorn workers (set KD_DATABASE_URL / KD_REDIS_URL first).
serve-prod: setup translations migrate
	@$(FLASK) kd reindex --if-needed
	@if [ -n "$$KD_REDIS_URL" ]; then echo "Starting the job worker (flask kd worker)"; $(FLASK) kd worker & fi; \
	$(BIN)/gunicorn -c gunicorn.conf.py app:app

# Search and browse benchmark on a synthetic corpus in instance/bench/ (its own database and index).
# bench-pg: the PostgreSQL full-text backend on 100k profiles + 200k stories in a database kd_bench.
.PHONY: bench bench-full bench-pg bench-import
BENCH_ARGS ?=
bench: setup
	$(BIN)/python -m bench.run --profiles 10000 --stories 20000 $(BENCH_ARGS)

bench-full: setup
	$(BIN)/python -m bench.run --profiles 100000 --stories 200000 $(BENCH_ARGS)

bench-pg: setup
	$(BIN)/python -m bench.search_pg $(BENCH_ARGS)

# WordPress import: 1,000 generated posts with 1,000 small images through `kd import-wordpress`, in instance/bench-import/.
bench-import: setup
	$(BIN)/python -m bench.bench_wordpress_import --posts 1000 $(BENCH_ARGS)

# Load test: gunicorn + PostgreSQL + Redis on the 100k/200k corpus in a database kd_load (see bench/load.py).
# Quick: make load LOAD_ARGS="--profiles 10000 --stories 20000 --seconds 20 --database kd_load_small"
.PHONY: load
LOAD_ARGS ?=
load: setup
	$(BIN)/python -m bench.load $(LOAD_ARGS)
