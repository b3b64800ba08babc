# Two commands on a fresh machine: `make run` (code the bundled sample, store it, show it) and
# `make test`. Each creates or reuses .venv and installs the pinned dependencies from PyPI.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean browser

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,ray]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/eventscope ingest examples --db eventscope.db
	$(BIN)/eventscope show --db eventscope.db
	$(BIN)/eventscope serve --db eventscope.db --port 8000

# The dashboard's browser test drives Debian's chromium; install it where it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
	    || echo "could not install chromium and chromium-driver (need root and Debian): the browser test will skip"; }

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) eventscope.db eventscope.db-wal eventscope.db-shm
