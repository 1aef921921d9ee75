# Two commands do everything on a fresh clone: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test lint validate baselines bench clean-venv site screenshot

# (Re)create the environment when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

validate: $(STAMP)
	$(PY) -m whosaid validate --release

# Build data/ and the generated docs (the build validates in release mode
# first and writes nothing when anything is invalid), then load every config back.
build: $(STAMP)
	$(PY) -m whosaid build
	$(PY) -m whosaid summary

test: $(STAMP)
	$(PY) -m pytest -q

# The HTML view of the corpus, with review controls, in site/ (not committed):
# open site/index.html. The README's picture of a document page is taken by the
# same headless Chromium the browser tests use (apt-get install chromium chromium-driver).
site: $(STAMP)
	$(PY) -m whosaid site

screenshot: $(STAMP)
	$(PY) scripts/screenshot.py

# The linter and its rule set are declared in pyproject.toml ([tool.ruff]).
lint: $(STAMP)
	$(PY) -m ruff check .

# Baseline systems, in their own environment (spaCy, textacy, sayswho, HeidelTime,
# dateparser): hash-pinned, installed with --no-deps (see the header of the
# requirements file for why). Runs every system on every seed, scores it, and
# rebuilds so that the README's Baselines table shows the fresh results.
BASELINES_VENV := .venv-baselines
BASELINES_STAMP := $(BASELINES_VENV)/.installed

$(BASELINES_STAMP): scripts/baselines/requirements.txt pyproject.toml
	test -x $(BASELINES_VENV)/bin/python || $(PYTHON) -m venv $(BASELINES_VENV)
	$(BASELINES_VENV)/bin/python -m pip install --quiet --no-deps --require-hashes -r scripts/baselines/requirements.txt
	$(BASELINES_VENV)/bin/python -m pip install --quiet -e .
	touch $(BASELINES_STAMP)

baselines: $(STAMP) $(BASELINES_STAMP)
	bash scripts/baselines/run_all.sh $(BASELINES_VENV)/bin/python
	$(PY) scripts/baselines/score.py
	$(PY) -m whosaid build

# Benchmark of validate and build against the pyarrow floor (not a test).
bench: $(STAMP)
	$(PY) scripts/bench_build.py

clean-venv:
	rm -rf $(VENV) $(BASELINES_VENV)
