"""The reference server: real, stateful semantics for all three APIs on one Connexion app."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from connexion import AsyncApp

from keywright.app import build_app
from keywright.server.backend import ReferenceBackend
from keywright.server.config import DEFAULT_DB, Config, load_config
from keywright.server.store import Store, open_store


def create_app(
    config: Config | None = None, store: Store | None = None, *, validate_responses: bool = False
) -> AsyncApp:
    """The reference server as an ASGI app (development config and in-memory store by default)."""
    config = config or load_config()
    store = store if store is not None else open_store(":memory:")
    return build_app(ReferenceBackend(config, store), validate_responses=validate_responses)


def app_from_environment() -> AsyncApp:
    """For uvicorn workers: each process builds the app from KEYWRIGHT_DB and KEYWRIGHT_CONFIG."""
    config_path = os.environ.get("KEYWRIGHT_CONFIG")
    config = load_config(Path(config_path) if config_path else None)
    app = create_app(config, open_store(os.environ.get("KEYWRIGHT_DB", DEFAULT_DB)))
    gc.freeze()  # start-up objects never die; keep the collector from rescanning them
    return app


__all__ = ["DEFAULT_DB", "create_app", "load_config", "open_store"]
