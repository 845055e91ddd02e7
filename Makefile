# Dotterel: `make run` and `make test` are all a new machine needs (Python 3.11 + PyPI).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
WAREHOUSE ?= warehouse/dotterel.duckdb
REPORT    ?= warehouse/report

.PHONY: install run test bench clean

install: $(VENV)/.installed

# Every dependency is pinned with hashes in requirements.lock (spaCy model included);
# the project itself is installed editable on top, without resolving anything further.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

run: install
	$(BIN)/dotterel run --input corpus/sample --warehouse $(WAREHOUSE) --report $(REPORT)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench.throughput

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/data_docs warehouse/report warehouse/.prefect
