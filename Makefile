# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   := 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test browser migrate seed lint serve screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Browser tests drive Debian's chromium; Playwright never downloads a browser.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium); \
	fi

migrate: install
	$(BIN)/python manage.py migrate --noinput -v0

seed: migrate
	$(BIN)/python manage.py seed_demo --demo-orders

run: seed
	@echo ""
	@echo "  Atelier is starting on http://$(HOST):$(PORT)/"
	@echo "    Store home      http://$(HOST):$(PORT)/"
	@echo "    Shop            http://$(HOST):$(PORT)/shop/catalogue/"
	@echo "    Help centre     http://$(HOST):$(PORT)/help/"
	@echo "    Staff dashboard http://$(HOST):$(PORT)/shop/dashboard/"
	@echo "    CMS (Wagtail)   http://$(HOST):$(PORT)/cms/"
	@echo "    Django admin    http://$(HOST):$(PORT)/django-admin/"
	@echo "    Health          http://$(HOST):$(PORT)/healthz"
	@echo ""
	@$(BIN)/python manage.py seed_demo --logins
	@echo ""
	@# Without real Stripe keys the checkout pays against localstripe on 127.0.0.1:8420, stopped with the server.
	@if [ -z "$$STRIPE_SECRET_KEY" ]; then \
		echo "  Payments: localstripe on http://127.0.0.1:8420 (test card 4242 4242 4242 4242, any future date, any CVC)"; \
		$(BIN)/python -m shop.payments.localstripe_server --port 8420 --persist & stripe_pid=$$!; \
		trap 'kill $$stripe_pid 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	else \
		echo "  Payments: Stripe (STRIPE_SECRET_KEY is set)"; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

# Production on this machine: gunicorn (DEBUG off), a Celery worker and beat (the Procfile's web, worker and beat,
# run by honcho), against PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). It refuses to start, saying what is
# missing, without them or without SECRET_KEY, ALLOWED_HOSTS, STRIPE_WEBHOOK_SECRET, SUPPORT_INBOUND_EMAIL_SECRET.
serve: install
	@$(BIN)/python -m shop.preflight --before-collectstatic
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py migrate --noinput -v0
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start --port $(PORT) web worker beat

# Style and structure: ruff (incl. module-level imports), the import contracts in pyproject.toml, and no
# six-line repetition outside migrations (pylint's duplicate-code).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pylint --rcfile=pyproject.toml shop configurator support tests benchmarks

# Two pytest-xdist workers (TEST_WORKERS=0: one process), each with its own test database copied from one seeded
# template (tests/database.py); a test file runs whole on one worker (its module fixtures, e.g. servers, start once).
TEST_WORKERS ?= 2
test: lint browser
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# The README's pictures of the shopper's path (static/img/readme/), taken in chromium against a seeded store.
screenshots: install-test browser
	$(BIN)/pytest tests/browser/shopper_path_screenshots.py -q

clean:
	rm -rf $(VENV) data
