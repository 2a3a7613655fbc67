"""POST /v1/projects/{projectId}/accessKeys: a key whose id and secret become Basic credentials."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from keywright_interfaces.access_keys import (
    AccessKeysInterface,
    CreateAccessKeyError,
    CreateAccessKeyOk,
    CreateAccessKeyReply,
)

from keywright.apis.access_keys.config import AccessKeysConfig
from keywright.apis.access_keys.store import AccessKeyRecord, AccessKeyStore, LimitReached
from keywright.interface import Authenticated, Unauthenticated
from keywright.server.context import ServerContext
from keywright.server.crypto import constant_time_equal, constant_time_find, opaque_secret
from keywright.server.storage import AlreadyExists
from keywright_models.access_keys import AccessKey, CreateAccessKeyRequest, CreateAccessKeyResponse


@dataclass(frozen=True)
class Caller:
    sub: str
    projects: frozenset[str]


class AccessKeys(AccessKeysInterface[Caller]):
    def __init__(self, context: ServerContext) -> None:
        self.config: AccessKeysConfig = context.config
        self.store = AccessKeyStore(context.database)
        self.keyring = context.keyring
        self.clock = context.clock
        self.new_id = context.new_id

    async def verify_oauth2(self, credential: str) -> Caller:
        tokens = self.config.oauth_tokens
        index = constant_time_find([t.token for t in tokens], credential)
        if index is None:
            raise Unauthenticated("The OAuth2 bearer token is not valid")
        return Caller(f"oauth-token:{index}", tokens[index].projects)

    async def verify_basic(self, user: str, password: str) -> Caller:
        users = self.config.basic_users
        index = constant_time_find([u.user for u in users], user)
        if index is not None:
            if not constant_time_equal(users[index].password, password):
                raise Unauthenticated("The Basic credentials are not valid")
            return Caller(f"user:{user}", users[index].projects)
        access_key = await self.store.get(user)
        if access_key is None or not self.keyring.matches(password, access_key.secret_digest):
            raise Unauthenticated("The Basic credentials are not valid")
        return Caller(f"access-key:{access_key.access_key_id}", frozenset({access_key.project_id}))

    async def create_access_key(
        self, *, caller: Authenticated[Caller], body: CreateAccessKeyRequest, project_id: str
    ) -> CreateAccessKeyReply:
        if project_id not in caller.identity.projects:
            raise CreateAccessKeyError(
                403,
                f"The caller does not have permission to create access keys in project "
                f"'{project_id}', or it does not exist.",
            )
        display_name = canonical_name(body.displayName)
        if not display_name:
            raise CreateAccessKeyError(400, "displayName has no visible character.")
        now = self.clock()
        secret = opaque_secret()  # opaque, as the real service's secrets are
        record = AccessKeyRecord(
            access_key_id=self.new_id(),
            project_id=project_id,
            display_name=display_name,
            secret_digest=self.keyring.digest(secret),
            create_time=now,
            update_time=now,
        )
        limit = self.config.key_limit(project_id)
        try:
            await self.store.add(record, limit)
        except AlreadyExists:
            raise CreateAccessKeyError(
                409,
                f"An access key named '{record.display_name}' already exists in project "
                f"'{project_id}'.",
            ) from None
        except LimitReached:
            raise CreateAccessKeyError(
                400,
                f"Project '{project_id}' already holds {limit} access keys, the most it may; "
                "delete one first.",
                reason="FAILED_PRECONDITION",
            ) from None
        return CreateAccessKeyOk(
            CreateAccessKeyResponse(
                accessKey=AccessKey(
                    accessKeyId=record.access_key_id,
                    displayName=record.display_name,
                    projectId=record.project_id,
                    createTime=record.create_time,
                    updateTime=record.update_time,
                ),
                secret=secret,
            )
        )


def build(context: ServerContext) -> AccessKeysInterface[Caller]:
    return AccessKeys(context)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
"""Zero-width space, word joiner, byte-order mark: invisible, and meaningless in a name (unlike
the zero-width joiners inside emoji and some scripts, which are kept)."""


def canonical_name(name: str) -> str:
    """One spelling per name as a person sees it: NFC, invisible characters dropped."""
    return unicodedata.normalize("NFC", name).translate(_INVISIBLE)
