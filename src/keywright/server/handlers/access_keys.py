"""POST /v1/projects/{projectId}/accessKeys: a key whose id and secret become Basic credentials."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from keywright.dispatch import Call, Reply
from keywright.errors import ApiError, Kind
from keywright.server.config import Config
from keywright.server.crypto import Keyring, new_access_key_secret, new_uuid
from keywright.server.store import AccessKeyRecord, AlreadyExists, LimitReached, Store
from keywright_models.access_keys import AccessKey, CreateAccessKeyRequest, CreateAccessKeyResponse


class AccessKeys:
    def __init__(self, config: Config, store: Store, keyring: Keyring) -> None:
        self.config = config
        self.store = store
        self.keyring = keyring

    def handlers(self) -> dict[str, Any]:
        return {"createAccessKey": self.create}

    async def create(self, call: Call) -> Reply:
        project_id = call.path["projectId"]
        if project_id not in call.caller["projects"]:
            raise ApiError(
                Kind.FORBIDDEN,
                f"The caller does not have permission to create access keys in project "
                f"'{project_id}', or it does not exist.",
            )
        request = CreateAccessKeyRequest.model_validate(call.body)
        now = datetime.now(UTC)
        secret = new_access_key_secret()
        record = AccessKeyRecord(
            access_key_id=new_uuid(),
            project_id=project_id,
            display_name=request.displayName,
            secret_digest=self.keyring.digest(secret),
            create_time=now,
            update_time=now,
        )
        limit = self.config.access_key_limit(project_id)
        try:
            await self.store.add_access_key(record, limit)
        except AlreadyExists:
            raise ApiError(
                Kind.CONFLICT,
                f"An access key named '{request.displayName}' already exists in project "
                f"'{project_id}'.",
            ) from None
        except LimitReached:
            raise ApiError(
                Kind.FAILED_PRECONDITION,
                f"Project '{project_id}' already holds {limit} access keys, the most it may; "
                "delete one first.",
            ) from None
        response = CreateAccessKeyResponse(
            accessKey=AccessKey(
                accessKeyId=record.access_key_id,
                displayName=record.display_name,
                projectId=record.project_id,
                createTime=record.create_time,
                updateTime=record.update_time,
            ),
            secret=secret,
        )
        return response.model_dump(mode="json", exclude_none=True), 200
