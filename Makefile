# Two commands do everything on a fresh clone: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test validate baselines bench clean-venv

# (Re)create the environment when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

validate: $(STAMP)
	$(PY) -m whosaid validate --release

# Validate, build data/ and the generated docs, then load every config back.
build: $(STAMP)
	$(PY) -m whosaid validate --release
	$(PY) -m whosaid build
	$(PY) -m whosaid summary

test: $(STAMP)
	$(PY) -m pytest -q

clean-venv:
	rm -rf $(VENV)
