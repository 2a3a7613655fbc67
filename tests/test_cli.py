"""The `keywright` command line: exit codes and messages a person can act on."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from keywright.apis import get_api
from keywright.cli import main


def test_lint_passes_on_our_specs() -> None:
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 0, result.output
    assert result.output.count("✓") == 3


def test_lint_fails_naming_file_and_spot(tmp_path: Path) -> None:
    spec = tmp_path / "api-keys.yaml"
    spec.write_text(
        get_api("api-keys").spec_path.read_text().replace("example: 3600", "example: 0")
    )
    result = CliRunner().invoke(main, ["lint", str(spec)])
    assert result.exit_code == 1
    assert "CreateApiKeyRequest.properties.expiration_time.example" in result.output
    assert "api-keys.yaml" in result.output
