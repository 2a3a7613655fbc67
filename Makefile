# keywright — every target installs what it needs first (`make install`, `make system-tools`).
# A fresh machine needs only python3 and make (and, for the test suite's system tools, apt).

VENV    := .venv
TOOLS   := .tools
UV      := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
KW      := $(VENV)/bin/keywright
# pytest rewrites the asserts of every module of a plugin's package (all of hypothesis and
# schemathesis, ~4 s a process) and caches the result only where bytecode may be written.
PYTEST  := env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest

HOST ?= 127.0.0.1
PORT ?=

.PHONY: install install-runtime system-tools check-breaking lint generate check-generated test soak serve mock contract fuzz bench clean

install: $(VENV)/.installed          ## everything, the development tools included
install-runtime: $(VENV)/.runtime    ## only what running the servers needs

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled at install: every keywright, schemathesis and server process starts
# from it (where PYTHONDONTWRITEBYTECODE is set, nothing would ever be cached otherwise).
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-extras --compile-bytecode --python python3
	$(VENV)/bin/python -m compileall -q src generated
	@touch $@ $(VENV)/.runtime

# --inexact: a runtime install never removes the development tools of a full one.
$(VENV)/.runtime: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --no-dev --inexact --compile-bytecode --python python3
	$(VENV)/bin/python -m compileall -q src generated
	@touch $@

lint: install                 ## ruff, mypy (strict: handlers against the generated interfaces), the specs
	$(VENV)/bin/ruff check --output-format concise src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy
	$(KW) lint

generate: install             ## regenerate generated/ from specs/
	$(KW) generate

check-generated: install      ## fail if generated/ is stale
	$(KW) generate --check

BASE ?= origin/main
FORMAT ?= text
check-breaking: install       ## fail on a breaking change of specs/ since BASE (where HEAD left it)
	$(KW) diff --base $(BASE) --format $(FORMAT)

# What the test suite drives besides Python: wrk (the benchmark), Node.js and npm (Prism,
# Spectral, Redocly, pinned in tools/), Chromium (Swagger UI in a real browser). From Debian's
# packages where missing; elsewhere, the one line says what to install.
SYSTEM_TOOLS := wrk:wrk node:nodejs npm:npm chromium:chromium

system-tools:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
		command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
		command -v apt-get >/dev/null 2>&1 || { echo "✗ install:$$missing" >&2; exit 1; }; \
		echo "installing$$missing (apt)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# worksteal: a worker that runs dry takes queued tests from the other, which otherwise ends
# alone with the slow end-to-end tests for ~30 s.
test: system-tools lint check-generated    ## everything CI runs, the tests spread over every core
	$(PYTEST) --numprocesses auto --dist worksteal

# The short form runs in `make test`; this one is longer (a few minutes at most, every phase
# capped), prints its figures and writes them to bench/soak.md for the bench report.
soak: install                 ## the hostile soak, long: serve and mock attacked at once
	KEYWRIGHT_SOAK=long $(PYTEST) -p no:xdist -s -q tests/soak

serve: install-runtime        ## the reference server on $(HOST):$(PORT) (8000), SQLite in data/
	$(KW) serve --host $(HOST) --port $(or $(PORT),8000)

mock: install-runtime         ## the mock server on $(HOST):$(PORT) (4010)
	$(KW) mock --host $(HOST) --port $(or $(PORT),4010)

contract: install             ## keywright contract against our reference server and mock
	$(KW) contract --seed 1 --report-dir contract-report/server
	$(KW) contract --mock --seed 1 --report-dir contract-report/mock

fuzz: install                 ## the nightly, deeper run: thousands of examples per operation
	$(KW) contract --max-examples 2000 --workers 2 --report-dir contract-report/server
	$(KW) contract --mock --max-examples 2000 --workers 2 --report-dir contract-report/mock

bench: install system-tools   ## keywright bench: side by side with Prism and Connexion's mock
	$(KW) bench

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache
