"""schemathesis configuration for one API: every check on, the credentials for its schemes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from schemathesis.config import SchemathesisConfig

from keywright.apis import Api


@dataclass(frozen=True)
class Credentials:
    """One credential per security scheme, as the `KEYWRIGHT_*` variables name them."""

    proxy_api_key: str | None = None
    oauth_token: str | None = None
    basic_user: str | None = None
    basic_password: str | None = None
    admin_token: str | None = None

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] = os.environ, defaults: Credentials | None = None
    ) -> Credentials:
        base = defaults or cls()
        return cls(
            proxy_api_key=environ.get("KEYWRIGHT_PROXY_API_KEY") or base.proxy_api_key,
            oauth_token=environ.get("KEYWRIGHT_OAUTH_TOKEN") or base.oauth_token,
            basic_user=environ.get("KEYWRIGHT_BASIC_USER") or base.basic_user,
            basic_password=environ.get("KEYWRIGHT_BASIC_PASSWORD") or base.basic_password,
            admin_token=environ.get("KEYWRIGHT_ADMIN_TOKEN") or base.admin_token,
        )

    def or_else(self, defaults: Credentials) -> Credentials:
        """These credentials, with `defaults` where none was given."""
        given = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        return replace(defaults, **given)

    def for_api(self, api: Api) -> dict[str, dict[str, str]]:
        """schemathesis `auth.openapi` entries, one scheme per API (alternatives share a header)."""
        if api.name == "proxy-keys" and self.proxy_api_key:
            return {"x-api-key": {"api_key": self.proxy_api_key}}
        if api.name == "access-keys":
            if self.oauth_token:
                return {"OAuth2": {"bearer": self.oauth_token}}
            if self.basic_user and self.basic_password:
                return {"Basic": {"username": self.basic_user, "password": self.basic_password}}
        if api.name == "api-keys" and self.admin_token:
            return {"AdminToken": {"bearer": self.admin_token}}
        return {}


def schemathesis_config(
    api: Api, credentials: Credentials, *, seed: int | None = None, max_examples: int = 50
) -> SchemathesisConfig:
    data: dict[str, Any] = {
        "generation": {"max-examples": max_examples},
        "checks": {"enabled": True},
    }
    if seed is not None:
        data["seed"] = seed
    auth = credentials.for_api(api)
    if auth:
        data["auth"] = {"openapi": auth}
    return SchemathesisConfig.from_dict(data)
