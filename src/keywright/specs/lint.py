"""Lint a spec: openapi-spec-validator first, then keywright's own checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator

from keywright.jsonpath import json_path
from keywright.specs.checks import CHECKS
from keywright.specs.document import load_spec


@dataclass(frozen=True)
class Finding:
    """One problem in one spec, at one JSON path."""

    file: Path
    path: str
    message: str
    check: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message} [{self.check}]"


def lint_spec(path: Path) -> list[Finding]:
    """All findings for the spec at `path`; empty when it is clean."""
    try:
        doc = load_spec(path)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return [Finding(path, "$", f"cannot be read: {exc}", "load")]
    findings = [
        Finding(
            path,
            json_path(tuple(error.absolute_path)),
            error.message.splitlines()[0],
            "openapi-spec-validator",
        )
        for error in OpenAPIV30SpecValidator(doc.data).iter_errors()
    ]
    if findings:  # Our checks assume a structurally valid document.
        return findings
    for check in CHECKS:
        for location, message in check(doc):
            findings.append(Finding(path, json_path(location), message, check.__name__))
    return findings
