"""The `proxy_keys` section of the config file: the admin keys (`x-api-key`), the accounts each
may administer, and each account's organisations, projects and environments."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from keywright.apis import ConfiguredCredential, CredentialOption

PROXY_API_KEY = CredentialOption(
    "x-api-key",
    "--proxy-api-key",
    "KEYWRIGHT_PROXY_API_KEY",
    "Proxy keys: an admin key for the x-api-key header (a pat.… or sat.… token).",
)

Environments = frozenset[str]
Account = Mapping[str, Mapping[str, Environments]]
"""organisation -> project -> environments"""


@dataclass(frozen=True)
class AdminKey:
    key: str
    accounts: frozenset[str]
    origin: str
    from_environment: bool = False


@dataclass(frozen=True)
class ProxyKeysConfig:
    admin_keys: tuple[AdminKey, ...]
    accounts: Mapping[str, Account]

    def credentials(self) -> Iterator[ConfiguredCredential]:
        for admin_key in self.admin_keys:
            yield ConfiguredCredential(
                "x-api-key", (admin_key.key,), admin_key.origin, admin_key.from_environment
            )


def load_config(
    section: Mapping[str, Any], environ: Mapping[str, str], source: str
) -> ProxyKeysConfig:
    keys = [
        AdminKey(
            str(k["key"]), frozenset(k["accounts"]), f"{source}: proxy_keys.admin_keys[{i}].key"
        )
        for i, k in enumerate(section["admin_keys"])
    ]
    if (key := environ.get(PROXY_API_KEY.envvar)) and keys:
        keys[0] = AdminKey(key, keys[0].accounts, PROXY_API_KEY.envvar, from_environment=True)
    accounts = {
        account: {
            org: {project: frozenset(envs) for project, envs in projects.items()}
            for org, projects in orgs.items()
        }
        for account, orgs in section["accounts"].items()
    }
    return ProxyKeysConfig(tuple(keys), accounts)
