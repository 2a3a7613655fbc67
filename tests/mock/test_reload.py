"""`keywright mock --reload` picks up a spec edit without a manual restart, and survives a
spec that stops being YAML mid-edit: it answers 503 naming the file and line, then recovers."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.catalog import CATALOG
from tests.processes import keywright

ORIGINAL = "The API key does not hold scope 'pci:tokens:delete'"
EDITED = "Edited while the mock was running"


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    shutil.copytree(CATALOG.specs_dir, folder)
    return folder


@pytest.fixture
def running(specs: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with keywright("mock", "--reload", "--specs", str(specs), output=subprocess.PIPE) as started:
        yield started


def _answer(url: str) -> tuple[int, dict[str, object]] | None:
    try:
        response = httpx.post(
            f"{url}/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers={"x-admin-token": "reload-admin", "Prefer": "code=403"},
            timeout=5,
        )
    except httpx.TransportError:
        return None  # restarting
    return response.status_code, response.json()


def _wait_for(url: str, expected: Callable[[int, dict[str, object]], bool]) -> None:
    deadline = time.monotonic() + 30
    while (answer := _answer(url)) is None or not expected(*answer):
        assert time.monotonic() < deadline, f"the mock never answered as expected; last {answer}"
        time.sleep(0.3)


def _says(message: str) -> Callable[[int, dict[str, object]], bool]:
    return lambda status, body: status == 403 and body["message"] == message


def test_reload_restarts_on_a_spec_edit(
    specs: Path, running: tuple[str, subprocess.Popen[str]]
) -> None:
    url, _ = running
    spec = specs / "api-keys.yaml"
    _wait_for(url, _says(ORIGINAL))
    spec.write_text(spec.read_text().replace(ORIGINAL, EDITED))
    _wait_for(url, _says(EDITED))


def test_a_yaml_slip_is_answered_503_naming_the_file_and_line(
    specs: Path, running: tuple[str, subprocess.Popen[str]]
) -> None:
    url, process = running
    spec = specs / "api-keys.yaml"
    good = spec.read_text()
    _wait_for(url, _says(ORIGINAL))
    lines = good.splitlines()
    assert lines[2] == "  title: API Keys API"
    lines[2] = "  title: [API Keys API"  # line 3: a flow sequence never closed
    spec.write_text("\n".join(lines) + "\n")

    def broken(status: int, body: dict[str, object]) -> bool:
        return status == 503 and str(spec) in str(body["message"])

    _wait_for(url, broken)
    [(status, body)] = [a for a in [_answer(url)] if a is not None]
    assert "not valid YAML" in str(body["message"])
    assert "(line " in str(body["message"])
    assert status == 503
    spec.write_text(good)
    _wait_for(url, _says(ORIGINAL))
    process.terminate()
    output, _ = process.communicate(timeout=15)
    assert f"{spec}: not valid YAML" in output
    assert "Traceback" not in output
