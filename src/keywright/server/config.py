"""The reference server's configuration: a small YAML file, bootstrap credentials from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

DEV_CONFIG = Path(__file__).with_name("dev-config.yaml")
DEFAULT_DB = "data/keywright.db"


class ConfigError(ValueError):
    """The configuration file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class ProxyAdminKey:
    key: str
    accounts: frozenset[str]


@dataclass(frozen=True)
class OAuthToken:
    token: str
    projects: frozenset[str]


@dataclass(frozen=True)
class BasicUser:
    user: str
    password: str
    projects: frozenset[str]


Environments = frozenset[str]
Account = Mapping[str, Mapping[str, Environments]]
"""organisation -> project -> environments"""


@dataclass(frozen=True)
class Config:
    secret_key: str
    proxy_admin_keys: tuple[ProxyAdminKey, ...]
    accounts: Mapping[str, Account]
    oauth_tokens: tuple[OAuthToken, ...]
    basic_users: tuple[BasicUser, ...]
    admin_tokens: tuple[str, ...]
    source: Path = field(default=DEV_CONFIG)

    def bootstrap_credentials(self) -> dict[str, str]:
        """The first credential of each kind, as a person would type it (printed at start-up)."""
        out = {}
        if self.proxy_admin_keys:
            out["proxy keys  x-api-key"] = self.proxy_admin_keys[0].key
        if self.oauth_tokens:
            out["access keys OAuth2 bearer"] = self.oauth_tokens[0].token
        if self.basic_users:
            user = self.basic_users[0]
            out["access keys Basic"] = f"{user.user}:{user.password}"
        if self.admin_tokens:
            out["API keys    AdminToken bearer"] = self.admin_tokens[0]
        return out


def load_config(path: Path | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    source = path or DEV_CONFIG
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read config {source}: {exc}") from exc
    try:
        config = _parse(data, source)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"config {source} is incomplete or malformed near {exc}") from exc
    return _apply_environment(config, environ)


def _parse(data: dict[str, Any], source: Path) -> Config:
    proxy, access, api = data["proxy_keys"], data["access_keys"], data["api_keys"]
    return Config(
        secret_key=str(data["secret_key"]),
        proxy_admin_keys=tuple(
            ProxyAdminKey(str(k["key"]), frozenset(k["accounts"])) for k in proxy["admin_keys"]
        ),
        accounts={
            account: {
                org: {project: frozenset(envs) for project, envs in projects.items()}
                for org, projects in orgs.items()
            }
            for account, orgs in proxy["accounts"].items()
        },
        oauth_tokens=tuple(
            OAuthToken(str(t["token"]), frozenset(t["projects"])) for t in access["oauth_tokens"]
        ),
        basic_users=tuple(
            BasicUser(str(u["user"]), str(u["password"]), frozenset(u["projects"]))
            for u in access["basic_users"]
        ),
        admin_tokens=tuple(str(t) for t in api["admin_tokens"]),
        source=source,
    )


def _apply_environment(config: Config, environ: Mapping[str, str]) -> Config:
    """KEYWRIGHT_* variables replace the first credential of their kind (and the secret key)."""
    if secret := environ.get("KEYWRIGHT_SECRET_KEY"):
        config = replace(config, secret_key=secret)
    if (key := environ.get("KEYWRIGHT_PROXY_API_KEY")) and config.proxy_admin_keys:
        first, *rest = config.proxy_admin_keys
        config = replace(config, proxy_admin_keys=(replace(first, key=key), *rest))
    if (token := environ.get("KEYWRIGHT_OAUTH_TOKEN")) and config.oauth_tokens:
        first, *rest = config.oauth_tokens
        config = replace(config, oauth_tokens=(replace(first, token=token), *rest))
    user, password = environ.get("KEYWRIGHT_BASIC_USER"), environ.get("KEYWRIGHT_BASIC_PASSWORD")
    if (user or password) and config.basic_users:
        first, *rest = config.basic_users
        first = replace(first, user=user or first.user, password=password or first.password)
        config = replace(config, basic_users=(first, *rest))
    if (admin := environ.get("KEYWRIGHT_ADMIN_TOKEN")) and config.admin_tokens:
        config = replace(config, admin_tokens=(admin, *config.admin_tokens[1:]))
    return config
