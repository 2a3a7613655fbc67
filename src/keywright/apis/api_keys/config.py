"""The `api_keys` section of the config file: the admin tokens (`x-admin-token`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from keywright.apis import ConfiguredCredential, CredentialOption

ADMIN_TOKEN = CredentialOption(
    "AdminToken",
    "--admin-token",
    "KEYWRIGHT_ADMIN_TOKEN",
    "API keys: an administrator token, for the x-admin-token header.",
)
API_KEY = CredentialOption(
    "APIKey",
    "--api-key",
    "KEYWRIGHT_API_KEY",
    "API keys: an API key holding admin:api-keys:create, for the x-api-key header.",
)


@dataclass(frozen=True)
class ApiKeysConfig:
    admin_tokens: tuple[str, ...]
    origins: tuple[str, ...]

    def credentials(self) -> Iterator[ConfiguredCredential]:
        for token, origin in zip(self.admin_tokens, self.origins, strict=True):
            yield ConfiguredCredential("AdminToken", (token,), origin, origin == ADMIN_TOKEN.envvar)


def load_config(
    section: Mapping[str, Any], environ: Mapping[str, str], source: str
) -> ApiKeysConfig:
    tokens = [str(token) for token in section["admin_tokens"]]
    origins = [f"{source}: api_keys.admin_tokens[{i}]" for i in range(len(tokens))]
    if (token := environ.get(ADMIN_TOKEN.envvar)) and tokens:
        tokens[0], origins[0] = token, ADMIN_TOKEN.envvar
    return ApiKeysConfig(tuple(tokens), tuple(origins))
