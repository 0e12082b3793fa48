# Two commands for a new machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test install lint worker bench clean chromium

$(BIN)/ct05: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/ct05

node_modules/htmx.org/dist/htmx.min.js node_modules/axe-core/axe.min.js &: package.json
	npm install --no-audit --no-fund --silent
	touch node_modules/htmx.org/dist/htmx.min.js node_modules/axe-core/axe.min.js

# The browser tests drive Debian's Chromium, never a downloaded browser: install the package when it is missing.
# Without it (no root, no apt) tests/browser/ is skipped and pytest says so loudly at the end of the run.
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
	  || echo "*** could not install Debian's chromium: the browser tests will be SKIPPED ***" >&2

ct05/locale/en/LC_MESSAGES/django.mo: ct05/locale/en/LC_MESSAGES/django.po $(BIN)/ct05
	cd ct05 && DEBUG=true ../$(BIN)/ct05 compilemessages --ignore=.venv >/dev/null
	touch $@  # compilemessages leaves an unchanged .mo alone: without this it ran on every make

install: $(BIN)/ct05 node_modules/htmx.org/dist/htmx.min.js node_modules/axe-core/axe.min.js ct05/locale/en/LC_MESSAGES/django.mo

# Migrate, seed the demo units once (when the database is empty), start the worker and serve.
# DEBUG=true: a development machine (the development key and the demo's shared password are allowed).
run: export DEBUG=true
run: install
	mkdir -p var
	$(BIN)/ct05 migrate --no-input
	$(BIN)/ct05 seed demo --if-empty --host $(HOST)
	$(BIN)/ct05 warnings --schedule
	@echo "CT05 đang chạy tại http://$(HOST)/ (Ctrl+C để dừng)"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/ct05 db_worker & \
	$(BIN)/ct05 runserver $(HOST)

worker: install
	$(BIN)/ct05 db_worker

# The suite on one worker a core (pytest-xdist): each has its own test database and folder of files
# (tests/settings.py), a test class stays whole on one (tests/conftest.py). `make test TEST_WORKERS=0`: one process.
TEST_WORKERS ?= auto
test: install chromium
	CT05_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n $(TEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/ct05 makemigrations --check --dry-run
	$(BIN)/mypy ct05

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules var/static
