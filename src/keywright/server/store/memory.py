"""An in-memory store for tests and `--db :memory:`; a lock makes each method atomic."""

from __future__ import annotations

import threading
from datetime import datetime

from keywright.server.store.base import (
    AccessKeyRecord,
    AlreadyExists,
    ApiKeyRecord,
    IdempotencyRecord,
    LimitReached,
    ProxyKeyRecord,
)


class MemoryStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proxy_keys: dict[tuple[str, str], ProxyKeyRecord] = {}
        self._access_keys: dict[str, AccessKeyRecord] = {}
        self._access_key_names: set[tuple[str, str]] = set()
        self._api_keys: dict[str, ApiKeyRecord] = {}
        self._api_keys_by_digest: dict[str, ApiKeyRecord] = {}
        self._idempotency: dict[tuple[str, str], IdempotencyRecord] = {}

    async def add_proxy_key(self, record: ProxyKeyRecord) -> None:
        with self._lock:
            key = (record.account, record.identifier)
            if key in self._proxy_keys:
                raise AlreadyExists(key)
            self._proxy_keys[key] = record

    def proxy_key(self, account: str, identifier: str) -> ProxyKeyRecord | None:
        return self._proxy_keys.get((account, identifier))

    async def add_access_key(self, record: AccessKeyRecord, limit: int) -> None:
        with self._lock:
            name = (record.project_id, record.display_name)
            if name in self._access_key_names or record.access_key_id in self._access_keys:
                raise AlreadyExists(name)
            held = sum(1 for project, _ in self._access_key_names if project == record.project_id)
            if held >= limit:
                raise LimitReached(record.project_id)
            self._access_key_names.add(name)
            self._access_keys[record.access_key_id] = record

    def access_key(self, access_key_id: str) -> AccessKeyRecord | None:
        return self._access_keys.get(access_key_id)

    async def add_api_key(
        self, record: ApiKeyRecord, idempotency: IdempotencyRecord | None = None
    ) -> IdempotencyRecord | None:
        with self._lock:
            if idempotency is not None:
                existing = self._idempotency.get((idempotency.owner, idempotency.key))
                if existing and existing.expires_at > record.created_at:
                    return existing
                self._idempotency[(idempotency.owner, idempotency.key)] = idempotency
            self._api_keys[record.id] = record
            self._api_keys_by_digest[record.key_digest] = record
            return None

    def api_key(self, key_id: str) -> ApiKeyRecord | None:
        return self._api_keys.get(key_id)

    def api_key_by_digest(self, key_digest: str) -> ApiKeyRecord | None:
        return self._api_keys_by_digest.get(key_digest)

    def idempotency_record(self, owner: str, key: str, now: datetime) -> IdempotencyRecord | None:
        record = self._idempotency.get((owner, key))
        return record if record and record.expires_at > now else None

    def close(self) -> None:
        pass
