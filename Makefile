# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= data

.PHONY: setup run test test-fast docs lock clean bench bench-translate bench-reports server

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "newsetl needs Python 3.11, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m tasks.compile_rules
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install newsetl with its pinned dependencies

run: setup  ## run the pipeline on examples/inbox into ./data and print a summary
	$(BIN)/newsetl run --input examples/inbox --data $(DATA) --install-models

test: setup  ## the import layers (lint-imports), then the whole test suite
	$(BIN)/lint-imports
	$(BIN)/pytest

test-fast: setup  ## stage functions only (no subprocesses, no servers)
	$(BIN)/pytest -m "not e2e"

server: setup  ## the Prefect stack: server + UI, work pool, deployments, worker (Ctrl-C stops it)
	$(BIN)/newsetl server --data $(DATA)

bench: setup  ## pipeline: per-stage and end-to-end articles/s, peak RSS, N = 1k, 10k, 100k (~30 min)
	$(BIN)/python bench/pipeline.py

bench-reports: setup  ## every report over 1,000,000 synthetic articles
	$(BIN)/python bench/reports.py

bench-translate: setup  ## translation throughput: stock Argos vs newsetl vs raw CTranslate2 (~8 min)
	$(BIN)/python bench/translate.py

docs: setup  ## regenerate the README's table reference from schemas/
	$(BIN)/python -m schemas.docs --write

lock: setup  ## re-pin constraints.txt from the current .venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^newsetl' > constraints.txt

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache
