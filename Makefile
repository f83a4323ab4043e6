# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean install messages

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: on Debian run 'apt-get install -y python3-venv python3-dev'"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tallytale demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Extract every string into the Welsh and Arabic catalogues, fill them from
# src/tallytale/locale/tools/translations.py and compile; tests/web/test_translations.py then
# refuses a fuzzy, missing or placeholder-losing entry.
messages: $(STAMP)
	cd src/tallytale && DJANGO_SETTINGS_MODULE=tallytale.settings ../../$(BIN)/django-admin makemessages -l cy -l ar --no-location
	cd src/tallytale/locale/tools && ../../../../$(BIN)/python fill_po.py
	cd src/tallytale && DJANGO_SETTINGS_MODULE=tallytale.settings ../../$(BIN)/django-admin compilemessages

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .tallytale .pytest_cache
