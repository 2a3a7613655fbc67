"""The credential a contract run sends for each security scheme, and where a user gives it.

A credential belongs to one security scheme of one API (`api-keys` / `AdminToken`). Each
scheme of our specs has a named option and a `KEYWRIGHT_*` variable; any scheme of any spec
can also be given as `--credential [API:]SCHEME=VALUE`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Credential = tuple[str, ...]
"""`(token,)` for API keys, bearer and OAuth2 tokens; `(user, password)` for HTTP Basic."""


@dataclass(frozen=True)
class CredentialOption:
    """A command-line option, and the environment variable behind it, for one scheme."""

    api: str
    scheme: str
    option: str
    envvar: str
    help: str

    @property
    def parameter(self) -> str:
        """The click parameter name: `--admin-token` → `admin_token`."""
        return self.option.lstrip("-").replace("-", "_")


OPTIONS: tuple[CredentialOption, ...] = (
    CredentialOption(
        "proxy-keys",
        "x-api-key",
        "--proxy-api-key",
        "KEYWRIGHT_PROXY_API_KEY",
        "Proxy keys: an admin key for the x-api-key header (a pat.… or sat.… token).",
    ),
    CredentialOption(
        "access-keys",
        "OAuth2",
        "--oauth-token",
        "KEYWRIGHT_OAUTH_TOKEN",
        "Access keys: an OAuth2 access token, sent as Authorization: Bearer.",
    ),
    CredentialOption(
        "access-keys",
        "Basic",
        "--basic-user",
        "KEYWRIGHT_BASIC_USER",
        "Access keys: the HTTP Basic user (an access key id); needs --basic-password.",
    ),
    CredentialOption(
        "api-keys",
        "APIKey",
        "--api-key",
        "KEYWRIGHT_API_KEY",
        "API keys: an API key holding admin:api-keys:create, for the x-api-key header.",
    ),
    CredentialOption(
        "api-keys",
        "AdminToken",
        "--admin-token",
        "KEYWRIGHT_ADMIN_TOKEN",
        "API keys: an administrator token.",
    ),
)
BASIC_PASSWORD = CredentialOption(
    "access-keys",
    "Basic",
    "--basic-password",
    "KEYWRIGHT_BASIC_PASSWORD",
    "Access keys: the HTTP Basic password (the access key's secret).",
)


def options_for(api: str) -> list[CredentialOption]:
    return [option for option in OPTIONS if option.api == api]


@dataclass(frozen=True)
class Credentials:
    """Credentials by (API, scheme); an API of `None` stands for every API with that scheme."""

    by_scheme: Mapping[tuple[str | None, str], Credential]

    @classmethod
    def none(cls) -> Credentials:
        return cls({})

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Credentials:
        """`[API:]SCHEME=VALUE` entries; a Basic VALUE is `user:password`."""
        found: dict[tuple[str | None, str], Credential] = {}
        for entry in entries:
            target, equals, value = entry.partition("=")
            if not equals or not target or not value:
                raise ValueError(f"{entry!r} is not [API:]SCHEME=VALUE")
            api, colon, scheme = target.rpartition(":")
            found[(api if colon else None, scheme)] = (value,)
        return cls(found)

    def get(self, api: str, scheme: str) -> Credential | None:
        return self.by_scheme.get((api, scheme)) or self.by_scheme.get((None, scheme))

    def merged_over(self, defaults: Credentials) -> Credentials:
        """These credentials, with `defaults` for the schemes these leave out."""
        return Credentials({**defaults.by_scheme, **self.by_scheme})

    def schemathesis_auth(
        self, api: str, requirements: Iterable[str], schemes: Mapping[str, Mapping[str, Any]]
    ) -> dict[str, dict[str, str]]:
        """schemathesis `auth.openapi` for the first scheme, in the spec's order, that has a
        credential: one per API, since alternatives may share a header."""
        for name in requirements:
            credential = self.get(api, name)
            if credential is not None and name in schemes:
                return {name: _auth_entry(schemes[name], credential)}
        return {}


def _auth_entry(scheme: Mapping[str, Any], credential: Credential) -> dict[str, str]:
    if scheme["type"] == "http" and scheme["scheme"].lower() == "basic":
        if len(credential) == 2:
            user, password = credential
        else:
            user, _, password = credential[0].partition(":")
        return {"username": user, "password": password}
    if scheme["type"] == "apiKey":
        return {"api_key": credential[0]}
    return {"bearer": credential[0]}
