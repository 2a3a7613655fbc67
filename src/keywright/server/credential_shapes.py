"""A configured credential its scheme's documented shape refuses would never authenticate:
`serve` stops at start-up instead, naming the variable or config key and the shape."""

from __future__ import annotations

from keywright.catalog import Catalog
from keywright.dispatch.security import Scheme
from keywright.server.config import Config


def shape_problems(config: Config, catalog: Catalog | None = None) -> list[str]:
    """One line per configured credential that does not have its scheme's documented shape."""
    catalog = catalog or Catalog.load()
    problems = []
    for api, credential in config.credentials():
        doc = catalog.get(api).doc
        definition = doc.inline(doc.data["components"]["securitySchemes"][credential.scheme])
        scheme = Scheme(credential.scheme, definition, _never_called)
        if not scheme.has_shape(":".join(credential.value)):
            problems.append(
                f"{credential.origin}: not a well-formed {api} {credential.scheme} "
                f"credential; expected {scheme.expected}"
            )
    return problems


async def _never_called(*_credential: str) -> object:
    raise AssertionError("shapes are checked without verifying")
