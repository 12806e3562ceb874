# Two commands for a fresh machine (see README):
#   make run   installs everything into .venv and starts the app on http://127.0.0.1:8501
#   make test  installs everything (and Debian's chromium when missing, if root) and runs every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev kernels browser bench sample lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@$(MAKE) --no-print-directory kernels

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@$(MAKE) --no-print-directory kernels

# The compiled kernels (numba, every analysis/*/*_kernels.py: the pain rules, the alert runs, the activity
# numbers and rules, the daily grid, the dose log, the day-counting rules) are compiled at install into
# numba's cache (the __pycache__ beside each): the first page a patient opens, and every test process, then
# load them in well under a second instead of waiting for the compiler. A summary of the demo diaries in a
# temporary file runs them, and a report the daily activity (the Progress page's); the stamp redoes it only
# when a kernels' file changes.
KERNELS_STAMP := analysis/alerts/__pycache__/pain_kernels.compiled

kernels: $(KERNELS_STAMP)

KERNEL_FILES := $(wildcard analysis/*/*_kernels.py)

$(KERNELS_STAMP): $(KERNEL_FILES)
	@tmp=$$(mktemp -d) && $(BIN)/python -m analysis demo --db $$tmp/warm.db >/dev/null && \
	  $(BIN)/python -m analysis summary --db $$tmp/warm.db >/dev/null && \
	  $(BIN)/python -m analysis report --db $$tmp/warm.db --patient "Anna (demo)" -o $$tmp/warm.pdf >/dev/null; \
	  status=$$?; rm -rf $$tmp; [ $$status = 0 ] && touch $@; exit $$status

browser:
	@{ command -v chromium && command -v pdftotext && [ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] \
	  && [ -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf ]; } >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils \
	  fonts-noto-color-emoji fonts-droid-fallback fonts-nanum >/dev/null; } || \
	  echo "Chromium is not installed and this user cannot install it: browser tests will be skipped."

run: install
	$(BIN)/python -m analysis demo --if-empty --recent
	$(BIN)/python -m streamlit run dashboard/app.py

test: install-dev browser
	$(BIN)/python -m pytest -n auto --dist loadfile

lint: install-dev
	$(BIN)/ruff check analysis dashboard tests benchmarks sample_data

bench: install-dev
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

sample: install
	$(BIN)/python sample_data/generate.py
