# AfriMail Pro: routine commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# The test run on the embedded default ignores any server settings.
EMBEDDED := env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL

.PHONY: help setup run test test-sqlite test-postgres lint assets messages demo bench-import

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) ## create .venv and install dependencies

run: setup ## migrate, load the demo and start web, worker, beat and mail catcher
	$(EMBEDDED) $(BIN)/python -m afrimail.devstack

lint: setup ## ruff, migrations and compiled translations up to date
	$(BIN)/ruff check .
	$(EMBEDDED) $(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite: setup
	$(EMBEDDED) $(BIN)/pytest

test-postgres: setup
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/pytest; \
	else echo "DATABASE_URL is not set: PostgreSQL run skipped"; fi

test: lint test-sqlite test-postgres ## the whole suite on SQLite, and on PostgreSQL when DATABASE_URL is set

messages: setup ## extract and compile translations (needs GNU gettext)
	$(BIN)/python manage.py makemessages -l en -l fr --ignore=.venv --ignore=node_modules --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

assets: ## rebuild static/css/app.css and vendored JS (needs Node and npm)
	npm ci --no-audit --no-fund
	npx @tailwindcss/cli -i assets/app.css -o static/css/app.css --minify
	cp node_modules/htmx.org/dist/htmx.min.js static/js/htmx.min.js
	cp node_modules/alpinejs/dist/cdn.min.js static/js/alpine.min.js
