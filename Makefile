# cpassist: `make run` installs (first time), ingests the bundled studies and opens the chat UI;
# `make test` runs the whole test suite (real LLM, browser and servers included), then the benchmarks
# in short mode.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run test test-fast lint bench browser ocr clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet torch==2.13.0
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ocr

run: install
	$(VENV)/bin/cpassist ingest
	$(PY) app.py

# Debian's chromium for the real-browser test (installed once; needs root and the package registry).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium for the browser test"; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: the browser test will be skipped"; }

# Tesseract with Indonesian and English data, to OCR scanned PDF pages (installed once; needs root
# and the package registry). Without it scanned pages are skipped with a note saying so.
ocr:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind || { \
	  echo "installing tesseract-ocr (ind+eng) for OCR of scanned PDF pages"; \
	  (apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng >/dev/null) \
	  || echo "tesseract could not be installed: scanned PDF pages will be skipped (and the OCR test too)"; }

test-fast: install
	$(PY) -m pytest -m "not slow" -q

test: install browser
	$(PY) -m pytest -q
	$(PY) bench/run_all.py --quick

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf .cpassist test-artifacts .pytest_cache
