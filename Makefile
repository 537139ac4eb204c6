# One developer loop. `make site` and `make test` each set everything up from nothing.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: site test check lint bench serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q generator  # bytecode now, even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

## site: set up, check the bundled playbook and build the site into site/
site: $(STAMP)
	$(BIN)/playbook build --site-dir site

## test: set up and run the whole test suite (browser tests need /usr/bin/chromium)
test: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy generator
	$(BIN)/python -m pytest -q

## check: validate, render and lint the playbook without building
check: $(STAMP)
	$(BIN)/playbook check

serve: $(STAMP)
	$(BIN)/playbook serve

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline_bench.py
	$(BIN)/python benchmarks/vale_bench.py
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/tone_bench.py --misses none
	$(BIN)/python benchmarks/scale_bench.py --sizes 100 1000 --runs 3 --browser --json scale.json

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache
