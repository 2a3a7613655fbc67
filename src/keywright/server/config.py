"""The reference server's configuration: a small YAML file, bootstrap credentials from the environment."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

DEV_CONFIG = Path(__file__).with_name("dev-config.yaml")
DEFAULT_DB = "data/keywright.db"
ACCESS_KEYS_PER_PROJECT = 10
"""The real service's limit: a project holds at most 10 access keys."""


class ConfigError(ValueError):
    """The configuration file is missing, malformed or incomplete (a one-line message)."""


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
class ConfiguredCredential:
    """One credential the server accepts, for one security scheme, and where it was set."""

    api: str
    scheme: str
    value: str
    origin: str
    """The environment variable, or the config file and key (`dev-config.yaml: api_keys.admin_tokens[0]`)."""


@dataclass(frozen=True)
class Config:
    secret_key: str
    proxy_admin_keys: tuple[ProxyAdminKey, ...]
    accounts: Mapping[str, Account]
    oauth_tokens: tuple[OAuthToken, ...]
    basic_users: tuple[BasicUser, ...]
    admin_tokens: tuple[str, ...]
    access_key_limits: Mapping[str, int] = field(default_factory=dict)
    """Per project, the most access keys it may hold; `default` for every other project."""
    source: Path = field(default=DEV_CONFIG)
    from_environment: Mapping[str, str] = field(default_factory=dict)
    """Config keys whose value came from a `KEYWRIGHT_*` variable: key -> variable."""

    def access_key_limit(self, project_id: str) -> int:
        limits = self.access_key_limits
        return limits.get(project_id, limits.get("default", ACCESS_KEYS_PER_PROJECT))

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
            out["API keys    x-admin-token"] = self.admin_tokens[0]
        return out

    def credentials(self) -> Iterator[ConfiguredCredential]:
        """Every configured credential with its scheme, to check its shape before serving."""

        def origin(key: str) -> str:
            return self.from_environment.get(key) or f"{self.source.name}: {key}"

        for i, admin_key in enumerate(self.proxy_admin_keys):
            key = f"proxy_keys.admin_keys[{i}].key"
            yield ConfiguredCredential("proxy-keys", "x-api-key", admin_key.key, origin(key))
        for i, token in enumerate(self.oauth_tokens):
            key = f"access_keys.oauth_tokens[{i}].token"
            yield ConfiguredCredential("access-keys", "OAuth2", token.token, origin(key))
        for i, user in enumerate(self.basic_users):
            key = f"access_keys.basic_users[{i}]"
            pair = f"{user.user}:{user.password}"
            yield ConfiguredCredential("access-keys", "Basic", pair, origin(key))
        for i, admin_token in enumerate(self.admin_tokens):
            key = f"api_keys.admin_tokens[{i}]"
            yield ConfiguredCredential("api-keys", "AdminToken", admin_token, origin(key))


def load_config(path: Path | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    source = path or DEV_CONFIG
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {source}: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"config {source} is not valid YAML: {_yaml_problem(exc)}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"config {source} is not a YAML mapping of sections")
    try:
        config = _parse(data, source)
    except KeyError as exc:
        raise ConfigError(f"config {source} lacks {exc.args[0]!r}") from exc
    except (TypeError, AttributeError, ValueError) as exc:
        raise ConfigError(f"config {source} is malformed: {exc}") from exc
    return _apply_environment(config, environ)


def _parse(data: dict[str, Any], source: Path) -> Config:
    proxy, access, api = data["proxy_keys"], data["access_keys"], data["api_keys"]
    limits = access.get("max_keys_per_project") or {}
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
        access_key_limits={str(project): int(limit) for project, limit in limits.items()},
        source=source,
    )


def _apply_environment(config: Config, environ: Mapping[str, str]) -> Config:
    """KEYWRIGHT_* variables replace the first credential of their kind (and the secret key)."""
    set_by: dict[str, str] = {}
    if secret := environ.get("KEYWRIGHT_SECRET_KEY"):
        config = replace(config, secret_key=secret)
    if (key := environ.get("KEYWRIGHT_PROXY_API_KEY")) and config.proxy_admin_keys:
        first, *rest = config.proxy_admin_keys
        config = replace(config, proxy_admin_keys=(replace(first, key=key), *rest))
        set_by["proxy_keys.admin_keys[0].key"] = "KEYWRIGHT_PROXY_API_KEY"
    if (token := environ.get("KEYWRIGHT_OAUTH_TOKEN")) and config.oauth_tokens:
        first, *rest = config.oauth_tokens
        config = replace(config, oauth_tokens=(replace(first, token=token), *rest))
        set_by["access_keys.oauth_tokens[0].token"] = "KEYWRIGHT_OAUTH_TOKEN"
    user, password = environ.get("KEYWRIGHT_BASIC_USER"), environ.get("KEYWRIGHT_BASIC_PASSWORD")
    if (user or password) and config.basic_users:
        first, *rest = config.basic_users
        first = replace(first, user=user or first.user, password=password or first.password)
        config = replace(config, basic_users=(first, *rest))
        set_by["access_keys.basic_users[0]"] = "KEYWRIGHT_BASIC_USER / KEYWRIGHT_BASIC_PASSWORD"
    if (admin := environ.get("KEYWRIGHT_ADMIN_TOKEN")) and config.admin_tokens:
        config = replace(config, admin_tokens=(admin, *config.admin_tokens[1:]))
        set_by["api_keys.admin_tokens[0]"] = "KEYWRIGHT_ADMIN_TOKEN"
    return replace(config, from_environment=set_by)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return problem
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
