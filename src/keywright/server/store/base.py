"""The records the server stores and the interface every store implements.

Records hold digests of secrets, never the secrets. Each method is atomic: it
either stores everything it was given or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


class AlreadyExists(Exception):
    """A uniqueness rule would be broken; nothing was stored."""


class LimitReached(Exception):
    """A count limit would be exceeded; nothing was stored."""


@dataclass(frozen=True)
class ProxyKeyRecord:
    account: str
    identifier: str
    name: str
    description: str | None
    organizations: dict[str, Any]
    key_digest: str
    created_at: datetime


@dataclass(frozen=True)
class AccessKeyRecord:
    access_key_id: str
    project_id: str
    display_name: str
    secret_digest: str
    create_time: datetime
    update_time: datetime


@dataclass(frozen=True)
class ApiKeyRecord:
    id: str
    key_digest: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    created_by: str


@dataclass(frozen=True)
class IdempotencyRecord:
    """The encrypted response to a request made with an idempotency key, until it expires."""

    owner: str
    key: str
    request_digest: str
    response: bytes
    expires_at: datetime


class Store(Protocol):
    async def add_proxy_key(self, record: ProxyKeyRecord) -> None:
        """Raises AlreadyExists when the account has a key with this identifier."""

    def proxy_key(self, account: str, identifier: str) -> ProxyKeyRecord | None: ...

    async def add_access_key(self, record: AccessKeyRecord, limit: int) -> None:
        """Raises AlreadyExists when the project has a key with this display name, and
        LimitReached when it already holds `limit` keys (checked in the same transaction)."""

    def access_key(self, access_key_id: str) -> AccessKeyRecord | None: ...

    async def add_api_key(
        self, record: ApiKeyRecord, idempotency: IdempotencyRecord | None = None
    ) -> IdempotencyRecord | None:
        """Store the key (and its idempotency record), unless a live record for the same
        owner and idempotency key exists: then store nothing and return that record."""

    def api_key(self, key_id: str) -> ApiKeyRecord | None: ...

    def api_key_by_digest(self, key_digest: str) -> ApiKeyRecord | None: ...

    def idempotency_record(self, owner: str, key: str, now: datetime) -> IdempotencyRecord | None:
        """The live (unexpired) record, if any."""

    def close(self) -> None: ...
