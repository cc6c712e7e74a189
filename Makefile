# The two commands: `make report` and `make test`. Both set up .venv first
# (skipped when neither pyproject.toml nor requirements.lock has changed since
# the last install), with the exact versions of requirements.lock; `make lock`
# refreshes the lock from pyproject.toml in a fresh temporary venv.
# `make report CORPUS=path` runs the notebooks on another corpus; without it
# each notebook uses its own (the walkthrough the shipped corpus, 02 the article).
# `make explore [CORPUS=path]` serves the explorer notebook as a web page.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) 2>/dev/null | cksum | cut -d' ' -f1)
CORPUS ?=
TERMS ?=
NODE ?=
TARGET ?=
OUT ?= reports
PORT ?= 8866
EXTRAS := notebooks,test,dask

.PHONY: all setup lock report explore test lab lint bench clean

all: test

setup: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "analysis needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[$(EXTRAS)]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The exact versions pip picks today for pyproject.toml and every extra, in a
# venv of its own (the project's .venv is not touched), as pip constraints.
lock:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "analysis needs Python 3.11 or newer; set PYTHON=python3.11")'
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip; \
	"$$tmp/venv/bin/python" -m pip install --quiet -e '.[$(EXTRAS)]'; \
	{ echo "# Exact versions installed by make setup/test/report (pip constraints)."; \
	  echo "# Made by make lock from pyproject.toml [$(EXTRAS)] with $$("$$tmp/venv/bin/python" -V); do not edit."; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -iv '^analysis[ =@]'; \
	} > "$$tmp/lock"; \
	mv "$$tmp/lock" $(LOCK)
	@echo "wrote $(LOCK) ($$(grep -c '==' $(LOCK)) pinned packages)"

# The question, optional: make report CORPUS=path TERMS="wagner,prigozjin" NODE=wagner TARGET=2019
report: $(STAMP)
	$(BIN)/python -m analysis report $(CORPUS) --out $(OUT) $(if $(TERMS),--terms "$(TERMS)") \
	    $(if $(NODE),--node "$(NODE)") $(if $(TARGET),--target "$(TARGET)")

# The explorer as a web page (Voilà) at http://127.0.0.1:$(PORT)/, on CORPUS if given.
explore: $(STAMP)
	$(BIN)/python -m analysis explore $(CORPUS) --port $(PORT)

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
