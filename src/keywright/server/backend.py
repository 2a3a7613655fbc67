"""The reference implementation behind the shared Connexion app: real handlers, real credentials."""

from __future__ import annotations

from collections.abc import Mapping

from keywright.apis import Api
from keywright.app import Backend
from keywright.dispatch import Handler, Verifier
from keywright.server.auth import Authenticator
from keywright.server.config import Config
from keywright.server.crypto import Keyring
from keywright.server.handlers.access_keys import AccessKeys
from keywright.server.handlers.api_keys import ApiKeys
from keywright.server.handlers.proxy_keys import ProxyKeys
from keywright.server.store import Store


class ReferenceBackend(Backend):
    def __init__(self, config: Config, store: Store) -> None:
        keyring = Keyring(config.secret_key)
        self.authenticator = Authenticator(config, store, keyring)
        self._handlers = {
            "proxy-keys": ProxyKeys(config, store, keyring).handlers(),
            "access-keys": AccessKeys(config, store, keyring).handlers(),
            "api-keys": ApiKeys(store, keyring).handlers(),
        }

    def handlers(self, api: Api) -> Mapping[str, Handler]:
        return self._handlers[api.name]

    def verifiers(self, api: Api) -> Mapping[str, Verifier]:
        return self.authenticator.verifiers(api.name)
