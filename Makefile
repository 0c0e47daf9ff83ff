# Claim Registry: the commands a developer and CI use. `make help` lists them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PROXY_PORT ?= 8080

.PHONY: help run serve proxy setup setup-dev migrate load messages test lint format clean \
	bench bench-scale bench-tools

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed  ## Create the virtualenv with the runtime dependencies

setup-dev: $(BIN)/.installed-dev  ## Add the test and tooling dependencies

messages: setup  ## Compile the English and Traditional Chinese translations
	cd $(CURDIR) && DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv -v0

migrate: setup  ## Bring the database schema up to date
	DEBUG=true $(BIN)/python manage.py migrate --noinput -v1

load: migrate  ## Load the shipped article and its claims (safe to repeat)
	DEBUG=true $(BIN)/python manage.py load_article

run: messages load  ## Set up, load the article and serve on http://127.0.0.1:8000 (SQLite by default)
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: messages  ## Serve as production does (Granian; production settings from the environment)
	GRANIAN_HOST=$(HOST) GRANIAN_PORT=$(PORT) $(BIN)/python -m registry.serve

proxy: setup  ## Run the shipped nginx configuration on PROXY_PORT in front of `make serve` (needs nginx)
	$(BIN)/python -m deploy.nginx --listen $(HOST):$(PROXY_PORT) --upstream $(HOST):$(PORT)

# One pytest worker per core. Tests go out in collection order, so the transactional ones
# still run last on each worker; tests marked with one xdist_group share a worker.
PYTEST_WORKERS ?= auto

# Node packages the tests run, each folder with its lockfile: Joi for shields.io's schema
# (tests/contract/) and axe-core for accessibility (tests/axe/).
NODE_TESTS := tests/contract/node_modules/.installed tests/axe/node_modules/.installed

tests/%/node_modules/.installed: tests/%/package-lock.json
	cd tests/$* && npm ci --no-audit --no-fund --silent
	touch $@

test: setup-dev messages $(NODE_TESTS)  ## Run the test suite (DATABASE_URL picks the database; SQLite by default)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

lint: setup-dev  ## Check style, formatting, the layers between apps (.importlinter) and migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run -v1

format: setup-dev  ## Fix style and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:  ## Remove the virtualenv and the SQLite database
	rm -rf $(VENV) db.sqlite3 staticfiles

# The benchmark (bench/README.md). Datasette lives in its own virtualenv: it is a
# competitor under test, not a dependency of the application.
BENCH_VENV := bench/.venv

$(BENCH_VENV)/.installed: bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@

bench-tools: setup $(BENCH_VENV)/.installed  ## Install the benchmark's tools: nginx and wrk (apt), Datasette
	@if ! command -v wrk >/dev/null || ! { command -v nginx >/dev/null || test -x /usr/sbin/nginx; }; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk; \
	  else echo "Install nginx and wrk first: sudo apt-get install nginx wrk"; exit 2; fi; \
	fi

bench: bench-tools messages  ## Benchmark at 10,000 claims on PostgreSQL; writes bench/results/
	$(BIN)/python -m bench.run --sizes 10000

bench-scale: bench-tools messages  ## Benchmark at 10,000 then 1,000,000 claims (takes about 15 minutes)
	$(BIN)/python -m bench.run --sizes 10000,1000000
