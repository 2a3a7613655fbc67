# keywright — every target installs what it needs first (`make install`).
# A fresh machine needs only python3 and make.

VENV    := .venv
TOOLS   := .tools
UV      := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
KW      := $(VENV)/bin/keywright
PYTEST  := $(VENV)/bin/pytest

HOST ?= 127.0.0.1
PORT ?=

.PHONY: install install-runtime lint generate check-generated test serve mock contract fuzz bench clean

install: $(VENV)/.installed          ## everything, the development tools included
install-runtime: $(VENV)/.runtime    ## only what running the servers needs

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled at install: every keywright, schemathesis and server process starts
# from it (where PYTHONDONTWRITEBYTECODE is set, nothing would ever be cached otherwise).
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python python3
	$(VENV)/bin/python -m compileall -q src generated
	@touch $@ $(VENV)/.runtime

# --inexact: a runtime install never removes the development tools of a full one.
$(VENV)/.runtime: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --no-dev --inexact --compile-bytecode --python python3
	$(VENV)/bin/python -m compileall -q src generated
	@touch $@

lint: install                 ## ruff, mypy (strict: handlers against the generated interfaces), the specs
	$(VENV)/bin/ruff check --output-format concise src tests
	$(VENV)/bin/mypy
	$(KW) lint

generate: install             ## regenerate generated/ from specs/
	$(KW) generate

check-generated: install      ## fail if generated/ is stale
	$(KW) generate --check

test: lint check-generated    ## everything CI runs
	$(PYTEST)

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

bench: install                ## keywright bench: side by side with Prism and Connexion's mock
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(KW) bench

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache
