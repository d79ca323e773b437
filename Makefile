# The two quick-start commands are `make demo` and `make test`; everything else is what they need.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: setup system-deps demo test lint bench

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

system-deps:
	@scripts/install-system-deps.sh

demo: setup
	$(VENV)/bin/hotseat demo

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: system-deps setup lint
	$(PY) -m pytest -q

bench: setup
	@for b in bench/bench_*.py bench/voice_models.py; do \
		echo "== $$b"; $(PY) $$b || exit 1; done
	$(VENV)/bin/hotseat bench voice --json
