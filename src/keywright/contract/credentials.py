"""The credential a contract run sends for each security scheme, and where a user gives it.

A credential belongs to one security scheme of one API (`api-keys` / `AdminToken`). Each API
package names an option and a `KEYWRIGHT_*` variable per scheme; any scheme of any spec can
also be given as `--credential [API:]SCHEME=VALUE`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from keywright.apis import CredentialOption, package_for
from keywright.catalog import Catalog

Credential = tuple[str, ...]
"""`(token,)` for API keys, bearer and OAuth2 tokens; `(user, password)` for HTTP Basic."""


@dataclass(frozen=True)
class NamedOption:
    """A credential option of one API (`--admin-token` for `api-keys` / `AdminToken`)."""

    api: str
    option: CredentialOption


def named_options(catalog: Catalog) -> list[NamedOption]:
    """The credential options of every API that has a package, in catalog order."""
    return [
        NamedOption(api.name, option)
        for api in catalog
        if (package := package_for(api)) is not None
        for option in package.credential_options
    ]


def options_for(api: str, catalog: Catalog) -> list[CredentialOption]:
    return [named.option for named in named_options(catalog) if named.api == api]


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
