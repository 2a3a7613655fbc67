"""`keywright contract`: judged by our specs, clean against our servers, failing loudly when a
deployment breaks the contract or when nothing was really tested."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from keywright.contract.local import serving
from tests.configs import roomy_config
from tests.contract import lax_server, recording_server
from tests.processes import keywright

NO_CREDENTIALS = {
    name: ""
    for name in (
        "KEYWRIGHT_PROXY_API_KEY",
        "KEYWRIGHT_OAUTH_TOKEN",
        "KEYWRIGHT_BASIC_USER",
        "KEYWRIGHT_BASIC_PASSWORD",
        "KEYWRIGHT_API_KEY",
        "KEYWRIGHT_ADMIN_TOKEN",
    )
}


EXAMPLES_ONLY = ("--phases", "examples")
"""For tests of what reaches the deployment: the spec's examples are enough, and fast."""


def _contract(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "keywright", "contract", "--seed", "1", "--max-examples", "5"),
            *("--report-dir", str(tmp_path / "reports"), *args),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **NO_CREDENTIALS, **(env or {})},
        timeout=600,
    )


def test_a_deployment_serving_a_lax_spec_is_judged_by_ours(tmp_path: Path) -> None:
    with serving(lax_server.app()) as url:
        result = _contract(tmp_path, "--url", url, "--api", "api-keys")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert '"key_value" is a required property' in output
    assert "API accepts requests without authentication" in output
    assert "curl -X POST" in output
    assert "✗ api-keys: the deployment breaks its contract" in output
    suite = ET.parse(tmp_path / "reports" / "junit.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("name") == "api-keys"
    assert int(suite.get("failures", "0")) >= 1


def test_without_credentials_nothing_is_tested_so_the_run_fails(tmp_path: Path) -> None:
    with keywright("serve", "--db", ":memory:") as (url, _):
        result = _contract(
            tmp_path, "--url", url, "--api", "api-keys", "--api", "proxy-keys", *EXAMPLES_ONLY
        )
    assert result.returncode == 1, result.stdout
    assert ": clean" not in result.stdout
    assert "✗ api-keys: every request to createApiKey was refused with 401" in result.stdout
    assert "pass --api-key or --admin-token or set KEYWRIGHT_API_KEY or KEYWRIGHT_ADMIN_TOKEN" in (
        result.stdout
    )
    assert "pass --proxy-api-key or set KEYWRIGHT_PROXY_API_KEY" in result.stdout
    junit = ET.parse(tmp_path / "reports" / "junit.xml").getroot()
    untested = [f.get("message", "") for f in junit.iter("failure") if f.get("type") == "untested"]
    assert len(untested) == 2 and all("refused with 401" in m for m in untested)


def test_keywright_serve_over_http_with_credentials_from_the_environment(tmp_path: Path) -> None:
    ci_credentials = {
        "KEYWRIGHT_PROXY_API_KEY": "pat.dev_account.ci.0badc0de",
        "KEYWRIGHT_OAUTH_TOKEN": "ci-oauth-token",
        "KEYWRIGHT_ADMIN_TOKEN": "adm_ci",
    }
    serve = ("serve", "--db", str(tmp_path / "kw.db"), "--config", str(roomy_config(tmp_path)))
    with keywright(*serve, env=ci_credentials) as (url, _):
        result = _contract(tmp_path, "--url", url, "--wait", "5", env=ci_credentials)
        again = _contract(tmp_path, "--url", url, *EXAMPLES_ONLY, env=ci_credentials)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("proxy-keys", "access-keys", "api-keys"):
        assert f"✓ {name}: clean" in result.stdout
    # The examples create keys whose identifiers and display names must be unique: a second
    # run against the same deployment still gets them accepted.
    assert again.returncode == 0, again.stdout + again.stderr


def test_our_mock_is_clean_with_a_junit_suite_named_after_each_api(tmp_path: Path) -> None:
    junit = tmp_path / "contract.xml"
    result = _contract(tmp_path, "--mock", "--junit", str(junit))
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(junit).getroot()
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"proxy-keys", "access-keys", "api-keys"}
    for name, suite in suites.items():
        names = [case.get("name", "") for case in suite.iter("testcase")]
        assert names and all(n.startswith(f"{name}: ") for n in names), names
        assert int(suite.get("tests", "0")) >= 2
    assert root.find(".//failure") is None and root.find(".//error") is None
    assert (tmp_path / "reports" / "api-keys" / "report.json").exists(), "reports are kept"
    assert (tmp_path / "reports" / "api-keys" / "schemathesis.toml").exists()


def test_a_spec_that_does_not_load_is_an_error_not_an_empty_green_suite(tmp_path: Path) -> None:
    spec = tmp_path / "broken-api.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a: {get: 7}\n")
    with serving(lax_server.app()) as url:
        result = _contract(tmp_path, "--url", url, "--spec", str(spec))
    assert result.returncode == 1
    suite = ET.parse(tmp_path / "reports" / "junit.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("name") == "broken-api"
    assert suite.get("errors") == "1" and suite.get("tests") == "1"
    assert "cannot be read" in result.stdout


def test_headers_parameters_and_credentials_reach_the_deployment(tmp_path: Path) -> None:
    seen = recording_server.Recorder()
    with serving(recording_server.app(seen)) as url:
        _contract(
            tmp_path,
            "--url",
            url,
            "--api",
            "proxy-keys",
            "--api",
            "api-keys",
            "-H",
            "X-Trace: ci-run-7",
            "--param",
            "accountIdentifier=acme",
            "--proxy-api-key",
            "pat.acme.ci.0badc0de",
            "--credential",
            "api-keys:APIKey=key_fromci",
            *EXAMPLES_ONLY,
        )
    assert seen.requests, "the deployment was called"
    assert all(r.headers.get("x-trace") == "ci-run-7" for r in seen.requests)
    accounts = {
        r.query.get("accountIdentifier") for r in seen.requests if r.path.startswith("/cf/")
    }
    assert "acme" in accounts and "dev_account" not in accounts
    proxy_keys = {r.headers.get("x-api-key") for r in seen.requests if r.path.startswith("/cf/")}
    assert "pat.acme.ci.0badc0de" in proxy_keys
    api_keys = {r.headers.get("x-api-key") for r in seen.requests if r.path.startswith("/api/")}
    assert "key_fromci" in api_keys


def test_checks_can_be_chosen(tmp_path: Path) -> None:
    with serving(lax_server.app()) as url:
        only_5xx = _contract(
            tmp_path,
            "--url",
            url,
            "--api",
            "api-keys",
            "--checks",
            "not_a_server_error",
            *EXAMPLES_ONLY,
        )
        every_check = _contract(tmp_path, "--url", url, "--api", "api-keys", *EXAMPLES_ONLY)
        excluded = _contract(
            tmp_path,
            "--url",
            url,
            "--api",
            "api-keys",
            "--exclude-checks",
            "ignored_auth,response_schema_conformance,negative_data_rejection,"
            "positive_data_acceptance,missing_required_header,unsupported_method,"
            "status_code_conformance",
            *EXAMPLES_ONLY,
        )
    assert every_check.returncode == 1
    assert only_5xx.returncode == 0, only_5xx.stdout
    assert "✓ api-keys: clean" in only_5xx.stdout
    assert excluded.returncode == 0, excluded.stdout


def test_a_slow_deployment_times_out_per_request(tmp_path: Path) -> None:
    with serving(recording_server.app(recording_server.Recorder(), delay=2.0)) as url:
        result = _contract(tmp_path, "--url", url, "--api", "api-keys", "--request-timeout", "0.2")
    assert result.returncode == 1
    assert "failed without an answer" in result.stdout


def test_wait_gives_up_on_a_target_that_never_answers(tmp_path: Path) -> None:
    result = _contract(tmp_path, "--url", "http://127.0.0.1:9", "--wait", "1")
    assert result.returncode == 1
    assert "did not answer within 1 s" in result.stderr


def test_tls_verification_can_be_turned_off(tmp_path: Path) -> None:
    certificate, key = recording_server.self_signed(tmp_path)
    seen = recording_server.Recorder()
    app = recording_server.app(seen)
    with serving(app, ssl_certfile=str(certificate), ssl_keyfile=str(key)) as url:
        verified = _contract(tmp_path, "--url", url, "--api", "api-keys", *EXAMPLES_ONLY)
        calls_when_verified = len(seen.requests)
        unverified = _contract(
            tmp_path, "--url", url, "--api", "api-keys", "--no-tls-verify", *EXAMPLES_ONLY
        )
    assert verified.returncode == 1
    assert calls_when_verified == 0, "a self-signed certificate is refused by default"
    assert len(seen.requests) > 0, "--no-tls-verify reaches the deployment"
    assert unverified.returncode == 1  # the recording server breaks the contract
