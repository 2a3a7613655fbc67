"""Configuration: documented development defaults, KEYWRIGHT_* variables win over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from keywright.server.config import DEV_CONFIG, ConfigError, load_config


def test_development_defaults() -> None:
    config = load_config(environ={})
    assert config.source == DEV_CONFIG
    assert config.proxy_admin_keys[0].accounts == {"dev_account"}
    assert config.accounts["dev_account"]["default"]["web_app"] == {"dev", "prod"}


def test_environment_variables_replace_the_bootstrap_credentials() -> None:
    config = load_config(
        environ={
            "KEYWRIGHT_PROXY_API_KEY": "ci-proxy",
            "KEYWRIGHT_OAUTH_TOKEN": "ci-oauth",
            "KEYWRIGHT_BASIC_USER": "ci-user",
            "KEYWRIGHT_BASIC_PASSWORD": "ci-pass",
            "KEYWRIGHT_ADMIN_TOKEN": "ci-admin",
            "KEYWRIGHT_SECRET_KEY": "ci-secret",
        }
    )
    assert config.proxy_admin_keys[0].key == "ci-proxy"
    assert config.proxy_admin_keys[0].accounts == {"dev_account"}, "permissions stay"
    assert config.oauth_tokens[0].token == "ci-oauth"
    assert (config.basic_users[0].user, config.basic_users[0].password) == ("ci-user", "ci-pass")
    assert config.admin_tokens[0] == "ci-admin"
    assert config.secret_key == "ci-secret"
    assert "adm_kwdevadmintoken" not in config.admin_tokens


def test_a_broken_config_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text("secret_key: x\nproxy_keys: {}\n")
    with pytest.raises(ConfigError, match="incomplete or malformed"):
        load_config(path, environ={})
