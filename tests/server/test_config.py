"""Configuration: documented development defaults, KEYWRIGHT_* variables win over the file, and
a configuration that could never work is refused in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from keywright.server.config import DEV_CONFIG, ConfigError, load_config
from keywright.server.credential_shapes import shape_problems
from tests.catalog import CATALOG


def test_development_defaults() -> None:
    config = load_config(environ={})
    assert config.source == DEV_CONFIG
    proxy = config.section("proxy-keys")
    assert proxy.admin_keys[0].accounts == {"dev_account"}
    assert proxy.accounts["dev_account"]["default"]["web_app"] == {"dev", "prod"}
    assert config.section("access-keys").key_limit("any-project") == 10, "the real limit"
    assert shape_problems(config, CATALOG) == []


def test_environment_variables_replace_the_bootstrap_credentials() -> None:
    config = load_config(
        environ={
            "KEYWRIGHT_PROXY_API_KEY": "pat.ci.proxy.key",
            "KEYWRIGHT_OAUTH_TOKEN": "ci-oauth",
            "KEYWRIGHT_BASIC_USER": "ci-user",
            "KEYWRIGHT_BASIC_PASSWORD": "ci-pass",
            "KEYWRIGHT_ADMIN_TOKEN": "ci-admin",
            "KEYWRIGHT_SECRET_KEY": "ci-secret",
        }
    )
    proxy, access = config.section("proxy-keys"), config.section("access-keys")
    assert proxy.admin_keys[0].key == "pat.ci.proxy.key"
    assert proxy.admin_keys[0].accounts == {"dev_account"}, "permissions stay"
    assert access.oauth_tokens[0].token == "ci-oauth"
    assert (access.basic_users[0].user, access.basic_users[0].password) == ("ci-user", "ci-pass")
    admin_tokens = config.section("api-keys").admin_tokens
    assert admin_tokens[0] == "ci-admin"
    assert "adm_kwdevadmintoken" not in admin_tokens
    assert config.secret_key == "ci-secret"
    assert shape_problems(config, CATALOG) == [], "any non-empty admin token is well-formed"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("secret_key: x\nproxy_keys: {}\n", "lacks 'access_keys'"),
        ("secret_key: [unclosed\n", "is not valid YAML: expected ',' or ']'"),
        ("- a list\n", "is not a YAML mapping of sections"),
    ],
    ids=["missing section", "YAML error", "not a mapping"],
)
def test_a_broken_config_is_a_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    assert message in str(raised.value) and str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_credential_without_its_documented_shape_is_named() -> None:
    config = load_config(environ={"KEYWRIGHT_PROXY_API_KEY": "foo", "KEYWRIGHT_OAUTH_TOKEN": "a b"})
    [oauth, proxy] = shape_problems(config, CATALOG)
    assert proxy.startswith("KEYWRIGHT_PROXY_API_KEY: not a well-formed proxy-keys x-api-key")
    assert "`<prefix>.<account id>.<token id>.<secret>`" in proxy, "the shape in full"
    assert oauth.startswith("KEYWRIGHT_OAUTH_TOKEN: not a well-formed access-keys OAuth2")


def test_a_config_file_credential_is_named_by_its_key(tmp_path: Path) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text(DEV_CONFIG.read_text().replace("adm_kwdevadmintoken", '""'))
    [problem] = shape_problems(load_config(path, environ={}), CATALOG)
    assert problem.startswith("kw.yaml: api_keys.admin_tokens[0]: not a well-formed")


def test_serve_refuses_a_malformed_credential_with_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "keywright", "serve", "--db", ":memory:"],
        env={"KEYWRIGHT_PROXY_API_KEY": "foo", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("✗ KEYWRIGHT_PROXY_API_KEY: not a well-formed")
    assert "Traceback" not in result.stderr and "keywright reference server" not in result.stdout


def test_serve_refuses_a_config_without_a_section_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text("secret_key: x\n")
    result = subprocess.run(
        [sys.executable, "-m", "keywright", "serve", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"✗ config {path} lacks 'access_keys'"
