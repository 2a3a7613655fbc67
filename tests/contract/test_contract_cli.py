"""`keywright contract`: clean against our servers, failing loudly against a broken one."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from keywright.contract.local import serving
from tests.contract import broken_server
from tests.processes import keywright


def _contract(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "keywright", "contract", "--seed", "1", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def test_a_broken_server_fails_with_a_readable_report(tmp_path: Path) -> None:
    junit = tmp_path / "contract.xml"
    with serving(broken_server.app) as url:
        result = _contract(
            "--url",
            url,
            "--api",
            "api-keys",
            "--max-examples",
            "20",
            "--junit",
            str(junit),
            env={"KEYWRIGHT_ADMIN_TOKEN": "adm_ci"},
        )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Response violates schema" in output
    assert '"key_value" is a required property' in output
    assert "curl -X POST" in output
    assert "✗ api-keys: the deployment breaks its contract" in output
    assert ET.parse(junit).getroot().find(".//failure") is not None


def test_our_mock_is_clean_with_a_junit_report_for_every_api(tmp_path: Path) -> None:
    junit = tmp_path / "contract.xml"
    result = _contract("--mock", "--max-examples", "10", "--junit", str(junit))
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("proxy-keys", "access-keys", "api-keys"):
        assert f"✓ {name}: clean" in result.stdout
    suites = ET.parse(junit).getroot().findall("testsuite")
    assert len(suites) == 3
    assert ET.parse(junit).getroot().find(".//failure") is None


def test_keywright_serve_over_http_with_credentials_from_the_environment(tmp_path: Path) -> None:
    ci_credentials = {
        "KEYWRIGHT_PROXY_API_KEY": "pat.dev_account.ci.0badc0de",
        "KEYWRIGHT_OAUTH_TOKEN": "ci-oauth-token",
        "KEYWRIGHT_ADMIN_TOKEN": "adm_ci",
    }
    with keywright("serve", "--db", str(tmp_path / "kw.db"), env=ci_credentials) as (url, _):
        result = _contract("--url", url, "--max-examples", "10", env=ci_credentials)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": clean") == 3
