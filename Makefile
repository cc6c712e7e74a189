# The two commands: `make report` and `make test`. Both set up .venv first
# (skipped when pyproject.toml has not changed since the last install).
# `make report CORPUS=path` runs the notebooks on another corpus; without it
# each notebook uses its own (the walkthrough the shipped corpus, 02 the article).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
CORPUS ?=
OUT ?= reports
EXTRAS := notebooks,test,dask

.PHONY: all setup report test lab lint bench clean

all: test

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "analysis needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@rm -f $(VENV)/.installed-*
	@touch $@

report: $(STAMP)
	$(BIN)/python -m analysis report $(CORPUS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/python -m pytest -q tests/test_style.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_tokenize.py
	$(BIN)/python benchmarks/bench_frequency.py
	$(BIN)/python benchmarks/bench_cooccurrence.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
