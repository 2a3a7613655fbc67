"""The Makefile does what the README says (dry runs: `make -n`, every recipe printed)."""

from __future__ import annotations

import subprocess
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def _recipes(*args: str) -> list[str]:
    run = subprocess.run(
        ["make", "--dry-run", "--always-make", *args],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.splitlines()


def test_serve_and_mock_install_only_what_running_needs() -> None:
    """No development group, no extras: neither schemathesis (and the pytest it brings) nor
    the generators."""
    for target in ("serve", "mock"):
        syncs = [line for line in _recipes(target) if " sync " in line]
        assert syncs == [
            ".tools/bin/uv sync --frozen --no-dev --inexact --compile-bytecode --python python3"
        ], target


def test_test_installs_the_development_tools() -> None:
    syncs = [line for line in _recipes("test") if " sync " in line]
    assert syncs == [".tools/bin/uv sync --frozen --all-extras --compile-bytecode --python python3"]


def test_port_picks_the_port_of_either_server() -> None:
    assert ".venv/bin/keywright serve --host 127.0.0.1 --port 9000" in _recipes(
        "serve", "PORT=9000"
    )
    assert ".venv/bin/keywright mock --host 127.0.0.1 --port 5000" in _recipes("mock", "PORT=5000")
    assert ".venv/bin/keywright serve --host 127.0.0.1 --port 8000" in _recipes("serve")
    assert ".venv/bin/keywright mock --host 127.0.0.1 --port 4010" in _recipes("mock")
