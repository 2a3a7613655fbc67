"""A configured credential its scheme's documented shape refuses would never authenticate:
`serve` stops at start-up instead, naming the variable or config key and the shape."""

from __future__ import annotations

from keywright.apis import get_api
from keywright.dispatch.security import Scheme
from keywright.server.config import Config
from keywright.specs import load_spec


def shape_problems(config: Config) -> list[str]:
    """One line per configured credential that does not have its scheme's documented shape."""
    problems = []
    schemes: dict[tuple[str, str], Scheme] = {}
    for credential in config.credentials():
        key = (credential.api, credential.scheme)
        if key not in schemes:
            doc = load_spec(get_api(credential.api).spec_path)
            definition = doc.data["components"]["securitySchemes"][credential.scheme]
            schemes[key] = Scheme(credential.scheme, definition, _never_called)
        scheme = schemes[key]
        if not scheme.has_shape(credential.value):
            problems.append(
                f"{credential.origin}: not a well-formed {credential.api} {credential.scheme} "
                f"credential; expected {scheme.expected}"
            )
    return problems


def _never_called(*_credential: str) -> dict[str, object]:
    raise AssertionError("shapes are checked without verifying")
