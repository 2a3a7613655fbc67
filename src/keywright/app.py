"""The one Connexion 3 app that serves every spec, for the reference server and the mock.

What differs between the two is only which function answers each operationId and
which function checks each security scheme; dispatch, validation and errors are shared.
Connexion loads the specs and serves Swagger UI, 404s and 405s; every documented
operation is answered by keywright's compiled dispatch, which sits in Connexion's
middleware stack in place of its per-request security and validation layers.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import partial
from typing import Any

from connexion import AsyncApp
from connexion.middleware.context import ContextMiddleware
from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver

from keywright.apis import APIS, SWAGGER_UI_PATH, Api
from keywright.dispatch import DispatchMiddleware, Handler, Operation, Routes, Verifier
from keywright.errors.handlers import install as install_error_handlers
from keywright.specs import load_spec


class Backend:
    """What an app mode supplies per API: operation handlers and credential verifiers."""

    def handlers(self, api: Api) -> Mapping[str, Handler]:
        raise NotImplementedError

    def verifiers(self, api: Api) -> Mapping[str, Verifier]:
        raise NotImplementedError


def build_app(
    backend: Backend, *, validate_responses: bool = False, **app_options: Any
) -> AsyncApp:
    routes = Routes()  # filled below, before the app serves its first request
    app = AsyncApp(
        "keywright",
        middlewares=[
            ServerErrorMiddleware,
            ExceptionMiddleware,
            partial(DispatchMiddleware, routes=routes),
            SwaggerUIMiddleware,
            RoutingMiddleware,
            LifespanMiddleware,
            ContextMiddleware,
        ],
        **app_options,
    )
    for api in APIS:
        doc = load_spec(api.spec_path)
        handlers = backend.handlers(api)
        verifiers = backend.verifiers(api)
        for (_, route, method), operation in doc.operations():
            compiled = Operation(
                api,
                doc,
                str(route),
                str(method),
                handlers[operation["operationId"]],
                verifiers,
                validate_responses=validate_responses,
            )
            routes.add(api.base_path + str(route), compiled)
        app.add_api(
            copy.deepcopy(doc.data),
            base_path=api.base_path,
            name=api.name,
            resolver=Resolver(function_resolver=lambda operation_id, h=handlers: h[operation_id]),
            strict_validation=True,
            swagger_ui_options=SwaggerUIOptions(swagger_ui_path=SWAGGER_UI_PATH),
        )
    install_error_handlers(app)
    return app


__all__ = ["Backend", "build_app"]
