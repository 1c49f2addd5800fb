# tx: make setup | demo | test | lint | bench
VENV ?= .venv
PY := $(VENV)/bin/python
TX := $(VENV)/bin/tx
NODE_DIR := $(VENV)/node
export VNU_JAR := $(abspath $(NODE_DIR))/node_modules/vnu-jar/build/dist/vnu.jar
export SITEMAP_XSD := $(abspath $(NODE_DIR))/node_modules/sitemap/schema/sitemap.xsd
# Debian packages the tests and benchmarks use: apertium's English-Spanish pair, LibreOffice
# (review documents re-saved as a reviewer's Word would, DOCX to PDF), pandoc (benchmark peer),
# Java (the Nu HTML Checker), OmegaT (a CAT tool that reads tx's TMX and XLIFF headless; its
# jar ships the TMX 1.4 DTD and the TBX core schema the tests validate against), the
# official XLIFF 1.2 and 2.0 XML schemas (shipped by php-symfony-translation), Chromium
# (headless screenshots of edition pages) and poppler-utils (pdftoppm: rendered DOCX pages).
APT_PACKAGES := apertium apertium-eng-spa libreoffice-writer-nogui pandoc default-jre-headless \
	omegat php-symfony-translation chromium poppler-utils
SAMPLE := articles/ukraine-guarantees-talks.md

.PHONY: setup system-packages demo test lint bench clean

setup: $(VENV)/.installed

# apt-get when we are root (or have sudo) and a package is missing; otherwise say what to install.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	  echo "note: install these Debian packages for the full test suite:$$missing"; exit 0; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing

$(VENV)/.installed: pyproject.toml | system-packages
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch's CPU build first (it lies on the machine's disk); otherwise argostranslate's
	# dependency stanza pulls a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	# Bytecode now, as a regular install would: with PYTHONDONTWRITEBYTECODE set, an editable
	# checkout would otherwise compile tx's modules again in every command.
	$(PY) -m compileall -q translate
	@if command -v npm >/dev/null; then npm install -s --no-audit --no-fund --prefix $(NODE_DIR) vnu-jar@latest sitemap@9 >/dev/null || echo "note: vnu-jar and sitemap (its XSD) not installed; HTML and sitemap validity tests will be skipped"; fi
	touch $@

demo: setup
	$(TX) glossary check $(SAMPLE)
	$(TX) segments $(SAMPLE)
	$(TX) translate $(SAMPLE) --to es
	$(TX) status
	$(TX) review export $(SAMPLE) --lang es
	$(TX) export --lang es --draft
	@echo "demo: work file translations/es/, review document exports/review/es/, draft edition exports/drafts/es/"
	@echo "tx is installed in .venv: run '. .venv/bin/activate' to put it on your PATH (or call .venv/bin/tx)"

test: lint
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check translate tests benchmarks
	$(VENV)/bin/ruff format --check translate tests benchmarks
	$(VENV)/bin/mypy translate
	$(VENV)/bin/lint-imports

bench: setup
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
