"""POST /api/admin/api-keys: scoped keys, no escalation, idempotent retries."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from keywright.dispatch import Call, Reply
from keywright.errors import ApiError, Kind, Violation
from keywright.server.crypto import Keyring, new_api_key_value
from keywright.server.store import ApiKeyRecord, IdempotencyRecord, Store
from keywright_models.api_keys import ApiKey, CreateApiKeyRequest, Scopes

CREATE_SCOPE = "admin:api-keys:create"
IDEMPOTENCY_TTL = timedelta(hours=24)
IDEMPOTENCY_HEADER = "x-idempotency-key"


class ApiKeys:
    def __init__(self, store: Store, keyring: Keyring) -> None:
        self.store = store
        self.keyring = keyring

    def handlers(self) -> dict[str, Any]:
        return {"createApiKey": self.create}

    async def create(self, call: Call) -> Reply:
        caller = call.caller
        body = call.body
        payload = CreateApiKeyRequest.model_validate(body)
        scopes = [scope.value for scope in payload.scopes.root]
        _check_may_grant(caller, scopes)

        owner = caller["sub"]
        idempotency_key = call.headers.get(IDEMPOTENCY_HEADER)
        request_digest = hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()
        now = datetime.now(UTC).replace(microsecond=0)
        if idempotency_key is not None:
            previous = self.store.idempotency_record(owner, idempotency_key, now)
            if previous is not None:
                return self._replay(previous, request_digest)

        key_value = new_api_key_value()
        expires_at = None
        if payload.expiration_time is not None:
            expires_at = now + timedelta(seconds=payload.expiration_time)
        record = ApiKeyRecord(
            id=str(uuid.uuid4()),
            key_digest=self.keyring.digest(key_value),
            scopes=tuple(scopes),
            created_at=now,
            expires_at=expires_at,
            created_by=owner,
        )
        response = ApiKey(
            id=uuid.UUID(record.id),
            created_at=now,
            expires_at=expires_at,
            key_value=key_value,
            scopes=Scopes(payload.scopes.root),
        ).model_dump(mode="json", exclude_none=True)

        idempotency = None
        if idempotency_key is not None:
            idempotency = IdempotencyRecord(
                owner=owner,
                key=idempotency_key,
                request_digest=request_digest,
                response=self.keyring.encrypt(orjson.dumps(response)),
                expires_at=now + IDEMPOTENCY_TTL,
            )
        winner = await self.store.add_api_key(record, idempotency)
        if winner is not None:  # a concurrent request with the same key got there first
            return self._replay(winner, request_digest)
        return response, 200

    def _replay(self, previous: IdempotencyRecord, request_digest: str) -> Reply:
        if previous.request_digest != request_digest:
            raise ApiError(
                Kind.INVALID,
                "The idempotency key was already used with a different request body",
                [
                    Violation(
                        f"$.headers['{IDEMPOTENCY_HEADER}']", "already used with a different body"
                    )
                ],
            )
        return orjson.loads(self.keyring.decrypt(previous.response)), 200


def _check_may_grant(caller: dict[str, Any], scopes: list[str]) -> None:
    if caller["admin"]:
        return
    held = caller["scopes"]
    if CREATE_SCOPE not in held:
        raise ApiError(Kind.FORBIDDEN, f"The API key does not hold scope '{CREATE_SCOPE}'")
    missing = [scope for scope in scopes if scope not in held]
    if missing:
        names = ", ".join(f"'{scope}'" for scope in missing)
        raise ApiError(Kind.FORBIDDEN, f"The API key cannot grant scopes it does not hold: {names}")
