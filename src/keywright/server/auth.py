"""Who is calling: credential checks for each security scheme of the three APIs.

Each verifier returns token info (handlers see it as `Call.caller`)
or raises ApiError(UNAUTHENTICATED) with the real reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from keywright.errors import ApiError, Kind
from keywright.server.config import Config
from keywright.server.crypto import Keyring, constant_time_equal
from keywright.server.store import Store

TokenInfo = dict[str, Any]


def _unauthenticated(message: str) -> ApiError:
    return ApiError(Kind.UNAUTHENTICATED, message)


def _find(candidates: Iterable[tuple[str, Any]], presented: str) -> Any | None:
    """The item whose secret equals `presented`, comparing every candidate in constant time."""
    found = None
    for secret, item in candidates:
        if constant_time_equal(secret, presented) and found is None:
            found = item
    return found


class Authenticator:
    def __init__(self, config: Config, store: Store, keyring: Keyring) -> None:
        self.config = config
        self.store = store
        self.keyring = keyring

    def verifiers(self, api_name: str) -> dict[str, Callable[..., TokenInfo]]:
        return {
            "proxy-keys": {"x-api-key": self.proxy_admin_key},
            "access-keys": {"OAuth2": self.oauth_token, "Basic": self.basic},
            "api-keys": {"AdminToken": self.admin_token, "APIKey": self.api_key},
        }[api_name]

    # proxy keys
    def proxy_admin_key(self, api_key: str) -> TokenInfo:
        candidates = ((k.key, (i, k)) for i, k in enumerate(self.config.proxy_admin_keys))
        match = _find(candidates, api_key)
        if match is None:
            raise _unauthenticated("The x-api-key is not a valid admin key")
        index, admin_key = match
        return {"sub": f"proxy-admin-key:{index}", "accounts": admin_key.accounts}

    # access keys
    def oauth_token(self, token: str) -> TokenInfo:
        candidates = ((t.token, (i, t)) for i, t in enumerate(self.config.oauth_tokens))
        match = _find(candidates, token)
        if match is None:
            raise _unauthenticated("The OAuth2 bearer token is not valid")
        index, oauth = match
        return {"sub": f"oauth-token:{index}", "projects": oauth.projects, "scope": []}

    def basic(self, username: str, password: str) -> TokenInfo:
        user = _find(((u.user, u) for u in self.config.basic_users), username)
        if user is not None:
            if not constant_time_equal(user.password, password):
                raise _unauthenticated("The Basic credentials are not valid")
            return {"sub": f"user:{user.user}", "projects": user.projects}
        access_key = self.store.access_key(username)
        if access_key is None or not self.keyring.matches(password, access_key.secret_digest):
            raise _unauthenticated("The Basic credentials are not valid")
        return {
            "sub": f"access-key:{access_key.access_key_id}",
            "projects": frozenset({access_key.project_id}),
        }

    # API keys
    def admin_token(self, token: str) -> TokenInfo:
        candidates = ((t, i) for i, t in enumerate(self.config.admin_tokens))
        index = _find(candidates, token)
        if index is None:
            raise _unauthenticated("The admin token is not valid")
        return {"sub": f"admin-token:{index}", "admin": True, "scopes": frozenset()}

    def api_key(self, api_key: str) -> TokenInfo:
        record = self.store.api_key_by_digest(self.keyring.digest(api_key))
        if record is None:
            raise _unauthenticated("The API key is not valid")
        if record.expires_at is not None and record.expires_at <= datetime.now(UTC):
            raise _unauthenticated(f"The API key expired at {record.expires_at.isoformat()}")
        return {"sub": f"api-key:{record.id}", "admin": False, "scopes": frozenset(record.scopes)}
