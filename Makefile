# The two commands that matter: `make demo` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test setup lock bench evaluate eval-voa clean web-assets

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# Every dependency, the spaCy model included, is pinned by hash.
	$(BIN)/pip install -q --require-hashes -r requirements/base.txt
	$(BIN)/pip install -q --require-hashes -r requirements/dev.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The web app's browser libraries come with the set-up, so `make test` runs its browser tests.
setup: $(STAMP) web-assets

demo: setup
	$(BIN)/militantmap demo --shared $(SHARED)

# Type-checked first (mypy, configured in pyproject.toml): the package must stay clean.
test: setup
	$(BIN)/mypy src/militantmap
	$(BIN)/python -m pytest -q

evaluate: setup
	$(BIN)/militantmap evaluate $(SHARED)/corpus/dev

# The hand-annotated VOA stories (eval/voa, offsets into the shared feed: scripts/voa_gold.py).
eval-voa: setup
	d=$$(mktemp -d) && $(BIN)/python scripts/voa_gold.py unpack $$d --shared $(SHARED) && \
	  $(BIN)/militantmap evaluate $$d; rc=$$?; rm -rf $$d; exit $$rc

bench: setup
	$(BIN)/militantmap bench --shared $(SHARED) --queries

# Regenerate the hash-pinned lock files (needs the registries).
lock:
	$(PY) -m venv /tmp/militantmap-lock && /tmp/militantmap-lock/bin/pip install -q pip-tools
	cd requirements && /tmp/militantmap-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras -q -o base.txt base.in
	cd requirements && /tmp/militantmap-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras -q -o dev.txt dev.in

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info web/node_modules

# Browser libraries of the web app (sigma.js, graphology, Natural Earth shapes), pinned with
# their integrity hashes by web/package-lock.json and installed from the npm registry into the
# git-ignored web/node_modules; the app serves them itself (no CDN, nothing fetched at run time).
# npm writes node_modules/.package-lock.json, which is the stamp: re-run only when the lock changes.
WEB_STAMP := web/node_modules/.package-lock.json

web-assets: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/.package-lock.json; \
	else \
	  echo "web-assets: npm not found (apt-get install npm); the app still runs, but the network graph and the events map stay empty and their browser tests skip"; \
	fi
