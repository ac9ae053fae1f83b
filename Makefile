# Two commands matter: `make run` and `make test`. Both set up whatever is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ORDO := $(BIN)/ordo
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
export ORDO_TEST_DATABASE_URL ?= $(PG_URL)

FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.js frontend/tsconfig.json api/openapi.json -type f 2>/dev/null)

.PHONY: run test lint bench setup frontend postgres clean demo openapi graphviz chromium

run: setup frontend
	$(ORDO) db upgrade
	$(ORDO) pack seed rulepacks/telco-demo
	$(ORDO) user demo
	@echo "Open http://127.0.0.1:8000 and sign in as processAdmin (the studio), businessAnalyst, auditor or another role:"
	@echo "the demo users' passwords are printed above on the first run; set one again with: $(ORDO) user password processAdmin"
	$(ORDO) serve --with-worker --dev

# with `make run` going (another terminal): play every example of the demo pack on it, as its people would
demo: setup
	$(ORDO) demo

# pytest-xdist: the suite on SQLite, then the database tests on PostgreSQL (one database per worker), each over
# TEST_WORKERS processes; the browser tests (one server and one Chromium per session) run on their own after
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist loadgroup

test: setup frontend postgres
	$(BIN)/ruff check .
	npm run test:unit
	$(BIN)/pytest $(XDIST) -m "not browser"
	$(BIN)/pytest -m browser
	ORDO_TEST_BACKEND=postgresql $(BIN)/pytest $(XDIST) -m db

setup: $(VENV)/.installed graphviz chromium

# Graphviz's dot draws the studio's SVG graphs (without it the server answers 503 for SVG; DOT still works)
graphviz:
	@command -v dot >/dev/null || apt-get install -y -q --no-install-recommends graphviz >/dev/null \
		|| (apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends graphviz >/dev/null) \
		|| echo "graphviz could not be installed: studio graphs answer DOT only"

# Debian's Chromium, driven by Playwright in the browser tests (tests/browser; Playwright's own browser builds are not used)
chromium:
	@test -x /usr/bin/chromium || apt-get install -y -q --no-install-recommends chromium >/dev/null \
		|| (apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null) \
		|| echo "chromium could not be installed: the browser tests (tests/browser) will fail"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Ordo needs Python >= 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# the native API's OpenAPI document, committed as api/openapi.json (the front end's client is generated from it)
openapi: setup
	$(BIN)/python -m api.native.openapi --out api/openapi.json

frontend: frontend/dist/index.html

frontend/dist/index.html: package.json package-lock.json $(FRONTEND_SOURCES)
	npm ci --no-audit --no-fund --loglevel=error
	npm run build

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@pg_isready -h 127.0.0.1 -p 5432

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python bench/orders_e2e.py

clean:
	rm -rf $(VENV) node_modules frontend/dist var
