"""Reading OpenAPI specs (`document`) and checking them beyond what a validator checks (`lint`)."""

from keywright.specs.document import SpecDocument, load_spec

__all__ = ["SpecDocument", "load_spec"]
