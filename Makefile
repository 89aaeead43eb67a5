# AfriMail Pro: routine commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# The test run on the embedded default ignores any server settings.
EMBEDDED := env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL

.PHONY: help setup run demo test test-sqlite test-postgres lint check-generated assets assets-check messages bench-render bench-send bench-import bench-segments

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "AfriMail Pro needs Python 3.11 or newer: make PYTHON=python3.12 ..."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) ## create .venv and install dependencies

run: setup ## migrate, load the demo and start web, worker, beat and mail catcher
	$(EMBEDDED) $(BIN)/python -m afrimail.devstack $(RUN_ARGS)

demo: setup ## create the demo workspace in var/ (idempotent)
	$(EMBEDDED) $(BIN)/python manage.py migrate --noinput
	$(EMBEDDED) $(BIN)/python manage.py load_demo

lint: setup check-generated ## ruff, migrations, committed CSS and translations
	$(BIN)/ruff check .
	$(EMBEDDED) $(BIN)/python manage.py makemigrations --check --dry-run

# Running the app needs no Node and no gettext: what they build is committed.
check-generated:
	@test -s static/css/app.css || { echo "static/css/app.css is missing: make assets"; exit 1; }
	@for po in $$(find locale -name '*.po'); do \
	  test -s "$${po%.po}.mo" || { echo "$${po%.po}.mo is missing: make messages"; exit 1; }; \
	done
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git ls-files --error-unmatch static/css/app.css $$(find locale -name '*.mo') >/dev/null \
	    || { echo "built CSS or compiled translations are not committed"; exit 1; }; \
	fi

test-sqlite: setup
	$(EMBEDDED) $(BIN)/pytest

test-postgres: setup
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/pytest; \
	else echo "DATABASE_URL is not set: PostgreSQL run skipped"; fi

test: lint test-sqlite test-postgres ## the whole suite on SQLite, and on PostgreSQL when DATABASE_URL is set

messages: setup ## extract and compile translations (needs GNU gettext)
	$(BIN)/python manage.py makemessages -l en -l fr --ignore=.venv --ignore=node_modules --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

assets-check: ## fail when built CSS or vendored JS differ from their sources (needs npm)
	npm ci --no-audit --no-fund --silent
	mkdir -p var
	npx tailwindcss -i assets/app.css -o var/app.css.check --minify 2>/dev/null
	@cmp -s var/app.css.check static/css/app.css \
	  || { echo "static/css/app.css is out of date: run make assets and commit it"; exit 1; }
	@cmp -s node_modules/htmx.org/dist/htmx.min.js static/js/htmx.min.js \
	  && cmp -s node_modules/alpinejs/dist/cdn.min.js static/js/alpine.min.js \
	  && cmp -s node_modules/grapesjs/dist/grapes.min.js static/templates_lib/vendor/grapes.min.js \
	  && cmp -s node_modules/grapesjs-mjml/dist/index.js static/templates_lib/vendor/grapesjs-mjml.js \
	  && cmp -s node_modules/grapesjs/locale/fr.mjs static/templates_lib/vendor/locale/fr.mjs \
	  || { echo "vendored JS differs from package-lock.json: run make assets"; exit 1; }

assets: ## rebuild static/css/app.css and vendored JS (needs Node and npm)
	npm ci --no-audit --no-fund
	mkdir -p static/css static/js
	npx tailwindcss -i assets/app.css -o static/css/app.css --minify
	cp node_modules/htmx.org/dist/htmx.min.js static/js/htmx.min.js
	cp node_modules/alpinejs/dist/cdn.min.js static/js/alpine.min.js
	mkdir -p static/templates_lib/vendor/css
	cp node_modules/grapesjs/dist/grapes.min.js static/templates_lib/vendor/grapes.min.js
	cp node_modules/grapesjs/dist/css/grapes.min.css static/templates_lib/vendor/css/grapes.min.css
	mkdir -p static/templates_lib/vendor/locale
	cp node_modules/grapesjs/locale/fr.mjs static/templates_lib/vendor/locale/fr.mjs
	cp node_modules/grapesjs-mjml/dist/index.js static/templates_lib/vendor/grapesjs-mjml.js

bench-send: setup ## send benchmark: pipeline vs smtplib vs django-post-office (BENCH_ARGS="--count 100000" for the long run)
	$(BIN)/pip install --quiet -r requirements-bench.txt
	$(BIN)/python bench/bench_send.py $(BENCH_ARGS)

bench-render: setup ## personalise a 20 KB design for 100,000 contacts vs Django's engine
	$(EMBEDDED) $(BIN)/python bench/bench_render.py

bench-segments: setup ## a 3-rule segment over 1M contacts on PostgreSQL, vs hand-written SQL
	env -u DATABASE_URL $(BIN)/python bench/bench_segments.py

bench-import: setup ## contact import into PostgreSQL against django-import-export (ratio last)
	$(BIN)/pip install --quiet -r requirements-bench.txt
	$(BIN)/python bench/bench_import.py $(BENCH_ARGS)
