"""Connexion, for what no documented operation answers: each API's `openapi.json` and Swagger
UI, a path no operation has (404) and a method its path does not document (405), each failure
in the owning API's envelope (`errors/connexion.py`).

Importing Connexion takes longer than everything else a server needs at start-up, and a
documented request never reaches it, so `app.py` builds it on first use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.catalog import SWAGGER_UI_PATH
from keywright.dispatch import ApiBinding
from keywright.errors.connexion import ConnexionErrors
from keywright.errors.owners import Owners


class NoRedirectRouting(RoutingMiddleware):
    """Connexion's routing without Starlette's trailing-slash redirect: `POST …/api-keys/` is
    a 404 in the API's envelope, not a 307 to a `Location` built from the `Host` header."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.router.redirect_slashes = False

    def add_api(self, *args: Any, **kwargs: Any) -> None:
        super().add_api(*args, **kwargs)
        for route in self.router.routes:
            if isinstance(route, Mount) and isinstance(route.app, Router):
                route.app.redirect_slashes = False


MIDDLEWARES = [
    ServerErrorMiddleware,
    ExceptionMiddleware,
    NoRedirectRouting,
    SwaggerUIMiddleware,
]
"""Connexion's, outermost first; no lifespan middleware: `app.OnFirstUse` answers the
lifespan, so Connexion never sees one."""


async def _not_found(scope: Scope, receive: Receive, send: Send) -> None:
    """The app inside Connexion's middleware: reached by what Connexion did not answer."""
    if scope["type"] == "http":
        raise HTTPException(status_code=404)


def _never_called(*_: Any, **__: Any) -> Any:
    raise AssertionError("dispatch answers every operation")


ROUTING_ONLY = Resolver(function_resolver=lambda _operation_id: _never_called)
"""Connexion's router wants a function per operationId; dispatch answers them all first."""


def connexion_app(bindings: Sequence[ApiBinding], owners: Owners) -> ConnexionMiddleware:
    app = ConnexionMiddleware(_not_found, middlewares=list(MIDDLEWARES))
    for binding in bindings:
        app.add_api(
            binding.api.doc.data,
            base_path=binding.api.base_path,
            name=binding.api.name,
            resolver=ROUTING_ONLY,
            swagger_ui_options=SwaggerUIOptions(swagger_ui_path=SWAGGER_UI_PATH),
        )
    ConnexionErrors(owners).install(app)
    return app
