"""schemathesis configuration for one API: every check on, the credentials for its schemes."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from schemathesis.config import SchemathesisConfig

from keywright.apis import Api

if TYPE_CHECKING:  # a type only: contract runs against any deployment, not just ours
    from keywright.server.config import Config


@dataclass(frozen=True)
class Credentials:
    """One credential per security scheme, as the `KEYWRIGHT_*` variables name them."""

    proxy_api_key: str | None = None
    oauth_token: str | None = None
    basic_user: str | None = None
    basic_password: str | None = None
    admin_token: str | None = None

    @classmethod
    def from_config(cls, config: Config) -> Credentials:
        """The first credential of each kind the reference server accepts."""
        return cls(
            proxy_api_key=config.proxy_admin_keys[0].key,
            oauth_token=config.oauth_tokens[0].token,
            admin_token=config.admin_tokens[0],
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
