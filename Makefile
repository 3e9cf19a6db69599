# The two commands that matter: `make demo` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test setup lock bench evaluate clean

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# Every dependency, the spaCy model included, is pinned by hash.
	$(BIN)/pip install -q --require-hashes -r requirements/base.txt
	$(BIN)/pip install -q --require-hashes -r requirements/dev.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/militantmap demo --shared $(SHARED)

test: setup
	$(BIN)/python -m pytest -q

evaluate: setup
	$(BIN)/militantmap evaluate $(SHARED)/corpus/dev

bench: setup
	$(BIN)/militantmap bench --shared $(SHARED)

# Regenerate the hash-pinned lock files (needs the registries).
lock:
	$(PY) -m venv /tmp/militantmap-lock && /tmp/militantmap-lock/bin/pip install -q pip-tools
	cd requirements && /tmp/militantmap-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras -q -o base.txt base.in
	cd requirements && /tmp/militantmap-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras -q -o dev.txt dev.in

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
