# Two commands do all the set-up: `make run` and `make test` (see README.md).
# Both create or update .venv from uv.lock first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test browser lint typecheck pytest format schema migrations clean vendor-htmx messages bench

$(PY):
	$(PYTHON) -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Re-synchronised whenever the lock file or the project file changes.
$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

run: $(VENV)/.synced
	$(PY) -m app serve --prepare

test: $(VENV)/.synced lint typecheck pytest

# Debian's Chromium drives the browser tests (Playwright cannot download browsers here).
browser:
	scripts/apt-ensure chromium:chromium

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.synced
	$(VENV)/bin/mypy

pytest: $(VENV)/.synced browser
	$(VENV)/bin/pytest

format: $(VENV)/.synced
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Writes graphql/schema.graphql from the strawberry schema.
schema: $(VENV)/.synced
	$(PY) -m app export-schema

# Writes a new migration after a model change (review it before committing).
migrations: $(VENV)/.synced
	$(PY) -m app makemigrations

# Benchmarks /graphql against raw asyncpg on a database of its own and writes
# bench/RESULTS.md (installs Debian's wrk when it is missing).
bench: $(VENV)/.synced
	scripts/apt-ensure wrk:wrk
	$(PY) -m bench.graphql

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

HTMX_VERSION := 4.0.1
# Vendors htmx from the npm registry at the pinned version (needs npm).
vendor-htmx:
	rm -rf .vendor-tmp && mkdir .vendor-tmp
	cd .vendor-tmp && npm pack --silent htmx.org@$(HTMX_VERSION) && tar xzf htmx.org-$(HTMX_VERSION).tgz
	cp .vendor-tmp/package/dist/htmx.min.js .vendor-tmp/package/LICENSE static/vendor/htmx/
	rm -rf .vendor-tmp

# Extracts the Danish UI texts and merges them into the English catalogue.
messages: $(VENV)/.synced
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -o locale/messages.pot --no-location --omit-header .
	$(VENV)/bin/pybabel update -i locale/messages.pot -d locale -l en --no-fuzzy-matching --omit-header
