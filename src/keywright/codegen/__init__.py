"""Generated code in `generated/`, from the specs: pydantic models (datamodel-code-generator)
and the interfaces implementations subclass (our templates). Regenerated, never edited."""

from keywright.codegen.generate import GenerationError, default_output_dir, generate, stale_files

__all__ = ["GenerationError", "default_output_dir", "generate", "stale_files"]
