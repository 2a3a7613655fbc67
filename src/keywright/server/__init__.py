"""The reference server: real, stateful semantics, one API package per spec it implements
(`keywright.apis`), one SQLite database, one app for all of them."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from keywright.apis import package_for
from keywright.catalog import ApiSpec, Catalog
from keywright.server.config import DEFAULT_DB, Config, load_config
from keywright.server.context import ServerContext, utc_now
from keywright.server.crypto import Keyring, new_uuid
from keywright.server.storage import THROWAWAY, Database
from keywright.serving import protocol
from keywright.serving.settings import Settings

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from keywright.dispatch import ApiBinding

# The app's machinery (Connexion, dispatch, validation) is imported where an app is built:
# commands that only read the config or the storage (lint, diff, contract's options) start fast.


def open_database(path: str, catalog: Catalog, *, busy_timeout: float = 10.0) -> Database:
    """The database at `path` (THROWAWAY for a throwaway one) with every API package's tables."""
    tables = [package.tables for api in catalog if (package := package_for(api)) is not None]
    return Database(path, tables, busy_timeout=busy_timeout)


def create_app(
    config: Config | None = None,
    database: Database | None = None,
    *,
    catalog: Catalog | None = None,
    clock: Callable[[], datetime] = utc_now,
    new_id: Callable[[], str] = new_uuid,
    validate_responses: bool = False,
    cors: bool = True,
) -> ASGIApp:
    """The reference server as an ASGI app (development config and a throwaway database by
    default). The clock and the id source are the tests' to replace. The database stays open
    as long as the process: whoever opened it closes it."""
    from keywright.app import build_app
    from keywright.dispatch import ApiBinding, binding
    from keywright.serving.access_log import AccessLog
    from keywright.serving.site import Site, with_cors

    catalog = catalog or Catalog.load()
    config = config or load_config(catalog=catalog)
    database = database if database is not None else open_database(THROWAWAY, catalog)
    keyring = Keyring(config.secret_keys)
    bindings = []
    for api in catalog:
        package = package_for(api)
        if package is None:
            bindings.append(_unimplemented(api, validate_responses))
            continue
        context = ServerContext(config.section(api.name), database, keyring, clock, new_id)
        implementation = package.implementation(context)
        bindings.append(
            ApiBinding(
                api,
                binding.endpoints(implementation),
                binding.verifiers(implementation),
                package.envelope,
                validate_responses,
            )
        )
    app: ASGIApp = Site(
        build_app(bindings), catalog, name="keywright reference server", readiness=database.ready
    )
    return AccessLog(with_cors(app, catalog) if cors else app)


def _unimplemented(api: ApiSpec, validate_responses: bool) -> ApiBinding:
    """A spec no package implements: every operation answers 501 in the spec's own envelope."""
    from keywright.dispatch import ApiBinding, binding
    from keywright.errors import SchemaEnvelope

    operations = [operation["operationId"] for _, operation in api.doc.operations()]
    return ApiBinding(
        api,
        {operation_id: binding.unimplemented(operation_id) for operation_id in operations},
        {},
        SchemaEnvelope.for_spec(api.doc),
        validate_responses,
    )


def app_from_settings() -> ASGIApp:
    """For uvicorn workers: each process builds the app from the command's settings."""
    settings = Settings.from_environment()
    protocol.limit(settings.limits)
    catalog = Catalog.load(settings.specs_path)
    config = load_config(
        None if settings.config is None else Path(settings.config), catalog=catalog
    )
    database = open_database(settings.db, catalog)
    app = create_app(config, database, catalog=catalog, cors=settings.cors)
    gc.freeze()  # start-up objects never die; keep the collector from rescanning them
    return app


__all__ = ["DEFAULT_DB", "create_app", "load_config", "open_database"]
