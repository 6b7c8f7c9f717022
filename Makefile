# Two set-up commands, both safe on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test bench lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsweave --db $(DEMO_DB) ingest examples/seeds
	$(BIN)/newsweave --db $(DEMO_DB) articles
	$(BIN)/newsweave --db $(DEMO_DB) show --all
	$(BIN)/newsweave --db $(DEMO_DB) entities --limit 15
	$(BIN)/newsweave --db $(DEMO_DB) timeline Dmitriev
	$(BIN)/newsweave --db $(DEMO_DB) stories

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/newsweave bench --articles $${BENCH_ARTICLES:-10000}

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm build src/*.egg-info .pytest_cache .hypothesis
