"""Reading OpenAPI specs and checking them beyond what a validator checks."""

from keywright.specs.document import SpecDocument, load_spec
from keywright.specs.lint import Finding, lint_spec

__all__ = ["Finding", "SpecDocument", "lint_spec", "load_spec"]
