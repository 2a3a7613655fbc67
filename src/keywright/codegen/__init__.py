"""Generated code in `generated/`, from the specs: pydantic models (datamodel-code-generator)
and the interfaces implementations subclass (our templates). Regenerated, never edited."""

from keywright.codegen.generate import GenerationError, generate, stale_files

__all__ = ["GenerationError", "generate", "stale_files"]
