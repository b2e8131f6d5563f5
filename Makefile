# Two entry points (see README): `make demo` and `make test`. Each creates .venv if needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint bench

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

# torch (CPU build) must come before argostranslate, or pip pulls a multi-GB CUDA build.
$(VENV)/.dev: $(VENV)/.runtime
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[dev,argos,semantic]"
	touch $@

# The main job: check the sample draft against its source. Exit 1 (findings) is expected.
demo: $(VENV)/.runtime
	$(VENV)/bin/transcheck check samples/draft.en.txt --source samples/source.es.txt || [ $$? -eq 1 ]

test: $(VENV)/.dev
	$(PY) -m pytest -q

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check transcheck tests bench

bench: $(VENV)/.dev
	$(PY) bench/run_all.py
