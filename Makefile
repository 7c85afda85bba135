# Two entry points for a fresh machine (Python 3.11, pip, make):
#   make run   - install into .venv and parse the bundled corpus into out/
#   make test  - install into .venv and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint golden-check golden-update bench bench-pdf bench-batch clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reportparse parse corpus/ -o out/

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/mypy

golden-check: $(STAMP)
	$(BIN)/reportparse golden check

golden-update: $(STAMP)
	$(BIN)/reportparse golden update

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_text.py

bench-pdf: $(STAMP)
	$(BIN)/python benchmarks/bench_pdf.py

bench-batch: $(STAMP)
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) out build src/*.egg-info
