"""What a contract run tests for one API: its spec (ours, or one the user names), where its
operations live on the deployment, and how schemathesis labels them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from keywright.apis import CredentialOption, package_for
from keywright.catalog import ApiSpec
from keywright.specs import load_spec


@dataclass(frozen=True)
class SuiteOperation:
    label: str
    """As schemathesis names it: `POST /api-keys` (the path without the base path)."""
    operation_id: str
    security: tuple[str, ...]
    """The schemes that can authenticate it, in the spec's order."""


@dataclass(frozen=True)
class Suite:
    """One API under contract: the schema always comes from `spec`, never from the target."""

    name: str
    spec: Path
    base_path: str
    operations: tuple[SuiteOperation, ...] = ()
    schemes: dict[str, dict[str, Any]] = field(default_factory=dict)
    load_error: str | None = None
    """Why the spec could not be read; the run reports it as an error instead of testing."""
    credential_options: tuple[CredentialOption, ...] = ()
    """The options that give its credentials (from its API package), for hints."""

    @classmethod
    def from_api(cls, api: ApiSpec, *, base_path: str | None = None) -> Suite:
        """One of our APIs, with its package's credential options."""
        package = package_for(api)
        options = package.credential_options if package is not None else ()
        return cls.from_spec(
            api.path, name=api.name, base_path=base_path, credential_options=options
        )

    @classmethod
    def from_spec(
        cls,
        spec: Path,
        *,
        name: str | None = None,
        base_path: str | None = None,
        credential_options: tuple[CredentialOption, ...] = (),
    ) -> Suite:
        try:
            suite = cls._read(spec, name or spec.stem, base_path)
            return replace(suite, credential_options=credential_options)
        except (OSError, ValueError, yaml.YAMLError, LookupError, TypeError, AttributeError) as exc:
            message = f"the spec {spec} cannot be read: {type(exc).__name__}: {exc}"
            return cls(name or spec.stem, spec, base_path or "", load_error=message)

    @classmethod
    def _read(cls, spec: Path, name: str, base_path: str | None) -> Suite:
        doc = load_spec(spec)
        servers = doc.data.get("servers") or [{"url": "/"}]
        if base_path is None:
            base_path = urlsplit(servers[0]["url"]).path
        schemes = doc.inline(doc.data.get("components", {}).get("securitySchemes", {}))
        global_security = doc.data.get("security", [])
        operations = tuple(
            SuiteOperation(
                label=f"{method.upper()} {route}",
                operation_id=operation.get("operationId", f"{method.upper()} {route}"),
                security=tuple(
                    name
                    for requirement in operation.get("security", global_security)
                    for name in requirement
                ),
            )
            for (_, route, method), operation in doc.operations()
        )
        return cls(
            name,
            spec,
            "/" + base_path.strip("/") if base_path.strip("/") else "",
            operations,
            schemes,
        )

    def security(self) -> list[str]:
        """Every scheme any operation accepts, in the spec's order."""
        return list(dict.fromkeys(name for op in self.operations for name in op.security))
