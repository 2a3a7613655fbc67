"""keywright as its users get it: a wheel installed into a fresh virtualenv, run from an empty
folder, with no checkout anywhere near. The specs and generated code travel inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.processes import keywright

CHECKOUT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    found = CHECKOUT / ".tools" / "bin" / "uv"
    uv = str(found) if found.exists() else shutil.which("uv")
    if uv is None:
        pytest.fail("uv is needed to build the wheel: run `make install`")
    return uv


class Installed:
    def __init__(self, venv: Path, home: Path) -> None:
        self.python = str(venv / "bin" / "python")
        self.home = home
        """An empty working folder, away from the checkout."""

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KEYWRIGHT_")}
        return subprocess.run(
            [self.python, "-m", "keywright", *args],
            cwd=self.home,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [_uv(), "build", "--wheel", "--quiet", "--out-dir", str(out)], cwd=CHECKOUT, check=True
    )
    [built] = out.glob("keywright-*.whl")
    return built


def _install(wheel: Path, root: Path, requirement: str) -> Installed:
    uv, venv = _uv(), root / "venv"
    subprocess.run([uv, "venv", "--quiet", "--python", "3.11", str(venv)], check=True)
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--refresh-package", "keywright",
         "--python", str(venv / "bin" / "python"), requirement],
        check=True,
    )  # fmt: skip
    (root / "home").mkdir()
    return Installed(venv, root / "home")


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """With every extra: `contract` and `generate`."""
    requirement = f"keywright[contract,generate] @ {wheel.as_uri()}"
    return _install(wheel, tmp_path_factory.mktemp("full"), requirement)


def test_serving_needs_no_test_or_generator_packages(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    bare = _install(wheel, tmp_path_factory.mktemp("bare"), str(wheel))
    for absent in ("schemathesis", "pytest", "datamodel_code_generator", "ruff", "playwright"):
        probe = subprocess.run([bare.python, "-c", f"import {absent}"], capture_output=True)
        assert probe.returncode != 0, f"{absent} is installed without being asked for"
    with keywright("mock", python=bare.python, cwd=bare.home) as (url, _):
        assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
    contract = bare.run("contract", "--mock")
    assert (contract.returncode, contract.stderr.strip()) == (
        2,
        "✗ this command needs keywright's 'contract' extra: pip install 'keywright[contract]'",
    )


def test_lint_finds_the_specs_it_carries(installed: Installed) -> None:
    linted = installed.run("lint", "--no-external")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    for name in ("access-keys", "api-keys", "proxy-keys"):
        assert f"keywright/bundled/specs/{name}.yaml" in linted.stdout


def test_generate_writes_where_it_is_asked_and_the_same_code(installed: Installed) -> None:
    generated = installed.run("generate", "--out", "gen")
    assert generated.returncode == 0, generated.stderr
    for package in ("keywright_models", "keywright_interfaces"):
        for committed in (CHECKOUT / "generated" / package).glob("*.py"):
            written = installed.home / "gen" / package / committed.name
            assert written.read_text() == committed.read_text(), written
    assert installed.run("generate", "--out", "gen", "--check").returncode == 0


def test_the_mock_serves_from_an_empty_folder(installed: Installed) -> None:
    with keywright("mock", python=installed.python, cwd=installed.home) as (url, _):
        response = httpx.post(
            f"{url}/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers={"x-admin-token": "any"},
        )
        assert response.status_code == 200, response.text
        assert httpx.get(f"{url}/api/admin/ui/").status_code == 200


def test_the_contract_runner_tests_the_mock(installed: Installed) -> None:
    run = installed.run("contract", "--mock", "--max-examples", "5", "--seed", "1")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count(": clean") == 3, run.stdout


def test_specs_points_at_a_teams_own_folder(installed: Installed, tmp_path: Path) -> None:
    fork = tmp_path / "our-specs"
    fork.mkdir()
    shutil.copy(CHECKOUT / "specs" / "api-keys.yaml", fork / "api-keys.yaml")
    linted = installed.run("lint", "--no-external", "--specs", str(fork))
    assert linted.returncode == 0, linted.stderr
    assert linted.stdout.strip() == f"✓ {fork / 'api-keys.yaml'}"
