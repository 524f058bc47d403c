# Mubiao: `make run` sets everything up and serves http://127.0.0.1:8000 with the seeds loaded;
# `make test` runs the whole suite (SQLite and, beside it, PostgreSQL when it is reachable).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1:8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run dev test setup seed lint bench chromium soak

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

setup: $(STAMP) var/secret_key
	DJANGO_SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py migrate --noinput
	DJANGO_SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

seed: setup
	DJANGO_SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py import_sources --publish data/sources/*.txt
	DJANGO_SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py import_targets data/targets/*.csv
	DJANGO_SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py import_actuals data/actuals/*.csv
	@# Every derived value of every row as the one refresh path computes it today.
	DJANGO_SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py verify_record

# The background worker (huey consumer: uploads are extracted there) runs beside the server
# and stops with it. Its queue is var/huey.sqlite3, or Redis when REDIS_URL is set.
# `make run` serves with gunicorn (config/gunicorn.py: WEB_CONCURRENCY workers, default one
# per CPU); `make dev` with Django's development server (reloads on code changes).
run: seed
	@echo "Mubiao: http://$(HOST)/ (gunicorn, with the background worker for uploads)"
	export DJANGO_SECRET_KEY=$$(cat var/secret_key) HOST=$(HOST); \
	$(BIN)/python manage.py run_huey --quiet --max-delay 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c config/gunicorn.py

dev: seed
	@echo "Mubiao (development server): http://$(HOST)/ (with the background worker)"
	export DJANGO_SECRET_KEY=$$(cat var/secret_key); \
	$(BIN)/python manage.py run_huey --quiet --max-delay 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "== import rules and static types of the pipeline"
	$(BIN)/python -m plans.import_rules
	$(BIN)/mypy
	@echo "== migrations match the models"
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	@# The two databases run side by side (one per core); each run's output is printed whole
	@# when both are done, and the target fails if either failed.
	@mkdir -p var; \
	if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then pg=1; else pg=0; fi; \
	echo "== test suite on SQLite$$( [ $$pg = 1 ] && echo ' and, beside it, on PostgreSQL ($(PG_URL))')"; \
	DJANGO_DEBUG=1 $(BIN)/pytest -p no:cacheprovider > var/test-sqlite.log 2>&1 & sqlite=$$!; \
	if [ $$pg = 1 ]; then \
	  DJANGO_DEBUG=1 DATABASE_URL=$(PG_URL) MUBIAO_TEST_SERVER_PORT=8407 \
	    $(BIN)/pytest -p no:cacheprovider > var/test-postgres.log 2>&1 & postgres=$$!; fi; \
	wait $$sqlite; sqlite_rc=$$?; postgres_rc=0; \
	if [ $$pg = 1 ]; then wait $$postgres; postgres_rc=$$?; fi; \
	echo "== test suite on SQLite (exit $$sqlite_rc)"; cat var/test-sqlite.log; \
	if [ $$pg = 1 ]; then echo "== test suite on PostgreSQL (exit $$postgres_rc)"; cat var/test-postgres.log; \
	else echo "== PostgreSQL not reachable at $(PG_URL): the PostgreSQL run was skipped"; fi; \
	[ $$sqlite_rc = 0 ] && [ $$postgres_rc = 0 ]

# The long security and fault runs (marked soak): big uploads, load with an import running.
soak: $(STAMP) chromium
	DJANGO_DEBUG=1 $(BIN)/pytest -m soak
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  DJANGO_DEBUG=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -p no:cacheprovider -m soak; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m plans.import_rules
	$(BIN)/mypy
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# The serving benchmark compares with Datasette, kept in its own environment (.venv-bench)
# so that its dependencies never touch the project's; it installs Debian's wrk and nginx
# itself when they are missing.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: requirements-bench.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r requirements-bench.txt
	touch $@

bench: $(STAMP) $(BENCH_VENV)/.installed
	$(BIN)/python benchmarks/run_all.py
