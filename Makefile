# Climate Neutral Now offset platform. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The local PostgreSQL server used for the second pass of the test suite.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cnn
PYTEST_ARGS ?=
# A scratch database the benchmarks fill with offers, orders and cancellations.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cnn_bench
# The fulfilment worker benchmark's own scratch database (it places 1,000 orders per run).
BENCH_FULFILMENT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cnn_bench_fulfilment

.DEFAULT_GOAL := help
.PHONY: help install install-production lock setup run test test-sqlite test-postgres test-production production production-stop lint format messages compilemessages bench clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

# requirements.txt: what the site needs to run (production installs only this); requirements-dev.txt: tests and tools.
# Both are compiled by `make lock` from requirements.in / requirements-dev.in, where the direct dependencies are.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

$(VENV)/.installed-runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# npm ci installs the pinned axe-core the browser tests inject into pages.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Create .venv and node_modules with the pinned dependencies

install-production: $(VENV)/.installed-runtime ## Create .venv with requirements.txt only (deploy/'s /srv/cnn: no test tools, no npm)

# pip-tools runs from a venv of its own (var/pip-tools), never from .venv: the lock files are its output, not its input.
# It keeps every pin it finds in the existing lock files; `make lock LOCK_ARGS="--upgrade-package django"` moves one.
LOCK_VENV := var/pip-tools
LOCK_ARGS ?=
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

lock: ## Recompile requirements.txt and requirements-dev.txt from requirements.in and requirements-dev.in
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2)
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

compilemessages: $(VENV)/.installed-runtime ## Compile the fr and es message catalogues
	cd $(CURDIR) && $(MANAGE) compilemessages --ignore=.venv -v0

setup: install compilemessages ## Install, compile messages, migrate and load the demo data
	mkdir -p var/mail var/media
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_demo_data

# Links in emails, the QR codes and the PayPal simulator's webhooks follow HOST and PORT (unless SITE_URL is set).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup ## Set everything up and serve http://127.0.0.1:8000 with the embedded defaults
	@$(MANAGE) demo_logins
	$(MANAGE) runserver $(HOST):$(PORT)

test: install compilemessages ## Check, then run the whole suite on SQLite and on PostgreSQL
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) test-production

# Run once, in the PostgreSQL pass only: the browser journeys (the pages are the same on either database) and the
# fault tests (real concurrency: PostgreSQL's row locks are what production relies on). test_embedded_concurrency.py
# stays in the SQLite pass: it is about the embedded default (`make run`: SQLite), and it runs on PostgreSQL too.
POSTGRES_PASS_ONLY := tests/browser tests/security/test_csp_browser.py \
	$(filter-out tests/faults/test_embedded_concurrency.py,$(wildcard tests/faults/test_*.py))

test-sqlite: install ## The suite on SQLite (without the browser and fault tests: the PostgreSQL pass runs them)
	DATABASE_URL= $(PY) -m pytest --create-db $(addprefix --ignore=,$(POSTGRES_PASS_ONLY)) $(PYTEST_ARGS)

test-postgres: install ## The suite on the local PostgreSQL server
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) scripts/ensure_database.py
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest --create-db $(PYTEST_ARGS)

# The stack starts once for every test in tests/production/ (a session fixture) and stops after them.
test-production: install compilemessages ## The production stack (nginx, 2 gunicorns, Celery...) tested over HTTPS
	CNN_PRODUCTION_TESTS=1 $(PY) -m pytest tests/production $(PYTEST_ARGS)

production: install compilemessages ## deploy/'s stack on https://127.0.0.1:8443 (PostgreSQL cnn_production, nginx, 2 gunicorns, Celery, simulators)
	$(PY) scripts/production.py start

production-stop: ## Stop exactly the processes `make production` started (pid files in var/production/pids/)
	$(PY) scripts/production.py stop

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## ruff fix and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## makemessages and compilemessages for fr and es
	$(MANAGE) makemessages -l fr -l es --no-wrap --ignore=.venv --ignore=var --ignore=node_modules
	$(MANAGE) compilemessages --ignore=.venv

bench: install compilemessages ## Benchmarks, not run in CI: web pages under wrk, certificate render, 1,000 lines fulfilled (var/bench/results.json)
	command -v wrk >/dev/null || (apt-get install -y wrk || sudo apt-get install -y wrk)
	mkdir -p var/bench
	$(PY) tests/benchmarks/fulfilment_bench.py render
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) scripts/ensure_database.py
	DATABASE_URL=$(BENCH_FULFILMENT_DATABASE_URL) $(PY) scripts/ensure_database.py
	DATABASE_URL=$(BENCH_FULFILMENT_DATABASE_URL) $(PY) tests/benchmarks/fulfilment_bench.py workers
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) tests/benchmarks/web_bench.py

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
