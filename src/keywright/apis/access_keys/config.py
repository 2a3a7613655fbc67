"""The `access_keys` section of the config file: OAuth2 tokens and Basic users with the
projects each may create keys in, and how many keys a project may hold."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from keywright.apis import ConfiguredCredential, CredentialOption

KEYS_PER_PROJECT = 10
"""The real service's limit: a project holds at most 10 access keys."""

OAUTH_TOKEN = CredentialOption(
    "OAuth2",
    "--oauth-token",
    "KEYWRIGHT_OAUTH_TOKEN",
    "Access keys: an OAuth2 access token, sent as Authorization: Bearer.",
)
BASIC = CredentialOption(
    "Basic",
    "--basic-user",
    "KEYWRIGHT_BASIC_USER",
    "Access keys: the HTTP Basic user (an access key id); with --basic-password.",
    password_option="--basic-password",
    password_envvar="KEYWRIGHT_BASIC_PASSWORD",
)


@dataclass(frozen=True)
class OAuthToken:
    token: str
    projects: frozenset[str]
    origin: str
    from_environment: bool = False


@dataclass(frozen=True)
class BasicUser:
    user: str
    password: str
    projects: frozenset[str]
    origin: str
    from_environment: bool = False


@dataclass(frozen=True)
class AccessKeysConfig:
    oauth_tokens: tuple[OAuthToken, ...]
    basic_users: tuple[BasicUser, ...]
    key_limits: Mapping[str, int] = field(default_factory=dict)
    """Per project, the most access keys it may hold; `default` for every other project."""

    def key_limit(self, project_id: str) -> int:
        return self.key_limits.get(project_id, self.key_limits.get("default", KEYS_PER_PROJECT))

    def credentials(self) -> Iterator[ConfiguredCredential]:
        for token in self.oauth_tokens:
            yield ConfiguredCredential(
                "OAuth2", (token.token,), token.origin, token.from_environment
            )
        for user in self.basic_users:
            yield ConfiguredCredential(
                "Basic", (user.user, user.password), user.origin, user.from_environment
            )


def load_config(
    section: Mapping[str, Any], environ: Mapping[str, str], source: str
) -> AccessKeysConfig:
    tokens = [
        OAuthToken(
            str(t["token"]),
            frozenset(t["projects"]),
            f"{source}: access_keys.oauth_tokens[{i}].token",
        )
        for i, t in enumerate(section["oauth_tokens"])
    ]
    users = [
        BasicUser(
            str(u["user"]),
            str(u["password"]),
            frozenset(u["projects"]),
            f"{source}: access_keys.basic_users[{i}]",
        )
        for i, u in enumerate(section["basic_users"])
    ]
    if (token := environ.get(OAUTH_TOKEN.envvar)) and tokens:
        tokens[0] = OAuthToken(token, tokens[0].projects, OAUTH_TOKEN.envvar, from_environment=True)
    assert BASIC.password_envvar is not None
    user, password = environ.get(BASIC.envvar), environ.get(BASIC.password_envvar)
    if (user or password) and users:
        first = users[0]
        users[0] = BasicUser(
            user or first.user,
            password or first.password,
            first.projects,
            f"{BASIC.envvar} / {BASIC.password_envvar}",
            from_environment=True,
        )
    limits = section.get("max_keys_per_project") or {}
    return AccessKeysConfig(
        tuple(tokens), tuple(users), {str(project): int(n) for project, n in limits.items()}
    )
