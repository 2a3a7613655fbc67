"""The `keywright` command line: exit codes and messages a person can act on."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
from click.testing import CliRunner

from keywright.cli import main
from tests.catalog import CATALOG
from tests.credentials import ADMIN
from tests.processes import keywright


def test_lint_passes_on_our_specs() -> None:
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 0, result.output
    assert result.output.count("✓") == 3


def test_lint_fails_naming_file_and_spot(tmp_path: Path) -> None:
    spec = tmp_path / "api-keys.yaml"
    spec.write_text(CATALOG.get("api-keys").path.read_text().replace("example: 3600", "example: 0"))
    result = CliRunner().invoke(main, ["lint", str(spec)])
    assert result.exit_code == 1
    assert "CreateApiKeyRequest.properties.expiration_time.example" in result.output
    assert "api-keys.yaml" in result.output


def test_serve_starts_on_a_fresh_data_folder_and_prints_how_to_get_in(tmp_path: Path) -> None:
    db = tmp_path / "data" / "keywright.db"
    env = {k: "" for k in os.environ if k.startswith("KEYWRIGHT_")}
    with keywright("serve", "--db", str(db), env=env, output=subprocess.PIPE) as (url, server):
        response = httpx.post(
            f"{url}/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers=ADMIN,
        )
        assert response.status_code == 200
        key_value = response.json()["key_value"]
        assert db.exists()
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert f"{url}/api/admin/ui/" in output
    assert ADMIN["x-admin-token"] in output  # development credentials are printed
    assert key_value not in output
