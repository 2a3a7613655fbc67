"""The one Connexion 3 app that serves every spec, for the reference server and the mock.

What differs between the two is only which function answers each operationId and
which function checks each security scheme; validation and errors are shared.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

from connexion import AsyncApp
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.security import (
    ApiKeySecurityHandler,
    BasicSecurityHandler,
    BearerSecurityHandler,
    OAuthSecurityHandler,
)

from keywright.apis import APIS, SWAGGER_UI_PATH, Api
from keywright.errors import ApiError, Kind
from keywright.errors.handlers import install as install_error_handlers
from keywright.specs import load_spec
from keywright.validation import VALIDATOR_MAP

Handler = Callable[..., Any]
Verifier = Callable[..., Any]
"""Checks one credential, already known to have its documented shape: `(api_key)`,
`(username, password)` or `(token)`. Returns token info (a dict); raises `ApiError`."""

CREDENTIAL_PATTERN = "x-credential-pattern"


class Backend:
    """What an app mode supplies per API: operation handlers and credential verifiers."""

    def handlers(self, api: Api) -> Mapping[str, Handler]:
        raise NotImplementedError

    def verifiers(self, api: Api) -> Mapping[str, Verifier]:
        raise NotImplementedError


def build_app(
    backend: Backend, *, validate_responses: bool = False, **app_options: Any
) -> AsyncApp:
    app = AsyncApp("keywright", **app_options)
    for api in APIS:
        handlers = backend.handlers(api)
        spec = load_spec(api.spec_path).data
        schemes = spec.get("components", {}).get("securitySchemes", {})
        app.add_api(
            copy.deepcopy(spec),
            base_path=api.base_path,
            name=api.name,
            resolver=Resolver(function_resolver=lambda operation_id, h=handlers: h[operation_id]),
            resolver_error=501,
            security_map=_security_map(schemes, backend.verifiers(api)),
            validator_map=VALIDATOR_MAP,
            strict_validation=True,
            validate_responses=validate_responses,
            pythonic_params=True,
            swagger_ui_options=SwaggerUIOptions(swagger_ui_path=SWAGGER_UI_PATH),
        )
    install_error_handlers(app)
    return app


def _security_map(
    schemes: Mapping[str, dict[str, Any]], verifiers: Mapping[str, Verifier]
) -> dict[str, type]:
    """Connexion security handlers that take their check function from `verifiers`.

    Connexion hands a handler the scheme's definition, not its name; within one spec the
    definitions differ, so the definition finds the name.
    """

    def resolve(_handler: object, scheme: dict[str, Any]) -> Verifier | None:
        for name, definition in schemes.items():
            if definition == scheme and name in verifiers:
                return _check_shape(name, definition, verifiers[name])
        return None

    def subclass(base: type, method: str) -> type:
        return type(f"Keywright{base.__name__}", (base,), {method: resolve})

    return {
        "apiKey": subclass(ApiKeySecurityHandler, "_resolve_func"),
        "basic": subclass(BasicSecurityHandler, "_resolve_func"),
        "bearer": subclass(BearerSecurityHandler, "_resolve_func"),
        "oauth2": subclass(OAuthSecurityHandler, "get_tokeninfo_func"),
    }


def _check_shape(name: str, scheme: dict[str, Any], verify: Verifier) -> Verifier:
    """Refuse a credential that does not have the shape its scheme documents
    (`x-credential-pattern`; Basic credentials as `user:password`), then verify it."""
    pattern = re.compile(scheme.get(CREDENTIAL_PATTERN, ".+"))
    expected = (
        scheme.get("description", "").strip().splitlines()[0] if "description" in scheme else ""
    )

    def check(*credential: str, **_connexion_kwargs: Any) -> Any:
        if not pattern.fullmatch(":".join(credential)):
            raise ApiError(
                Kind.UNAUTHENTICATED,
                f"Malformed {name} credential; expected {expected}".rstrip("; "),
            )
        return verify(*credential)

    return check


__all__ = ["Backend", "Handler", "Verifier", "build_app"]
