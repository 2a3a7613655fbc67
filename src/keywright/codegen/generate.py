"""`keywright generate`: every spec's models and interface into `generated/`, or a check that
the committed ones are current."""

from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

from keywright.catalog import PROJECT_ROOT, Catalog, in_checkout
from keywright.codegen.formatting import GenerationError
from keywright.codegen.interfaces import write_interface
from keywright.codegen.models import write_models

GENERATED_DIR = PROJECT_ROOT / "generated"
MODELS = "keywright_models"
INTERFACES = "keywright_interfaces"
PACKAGE_DOCS = {
    MODELS: "Pydantic v2 models generated from specs/ by `keywright generate`. Do not edit.",
    INTERFACES: "API interfaces generated from specs/ by `keywright generate`. Do not edit: "
    "implement them (keywright.apis).",
}

__all__ = ["GENERATED_DIR", "GenerationError", "default_output_dir", "generate", "stale_files"]


def default_output_dir() -> Path:
    """The checkout's generated/ when keywright runs from one; ./generated when installed."""
    return GENERATED_DIR if in_checkout() else Path.cwd() / "generated"


def generate(catalog: Catalog, out_dir: Path = GENERATED_DIR) -> list[Path]:
    """Write each API's models and interface under `out_dir`; return the files written."""
    written = []
    for package, doc in PACKAGE_DOCS.items():
        folder = out_dir / package
        folder.mkdir(parents=True, exist_ok=True)
        init = folder / "__init__.py"
        init.write_text(f'"""{doc}"""\n', encoding="utf-8")
        written.append(init)
    for api in catalog:
        models = out_dir / MODELS / f"{api.module_name}.py"
        write_models(api.path, models)
        interface = out_dir / INTERFACES / f"{api.module_name}.py"
        write_interface(api, interface)
        written += [models, interface]
    return written


def stale_files(catalog: Catalog, committed_dir: Path = GENERATED_DIR) -> list[str]:
    """Regenerate into a temporary folder; the committed files that differ, are missing, or
    are left over from a spec that is gone."""
    with tempfile.TemporaryDirectory(prefix="keywright-generated-") as tmp:
        fresh = {path.relative_to(tmp) for path in generate(catalog, Path(tmp))}
        stale = []
        for relative in sorted(fresh):
            committed = committed_dir / relative
            if not committed.exists() or not filecmp.cmp(
                Path(tmp) / relative, committed, shallow=False
            ):
                stale.append(str(Path(committed_dir.name) / relative))
        for package in PACKAGE_DOCS:
            for leftover in sorted((committed_dir / package).glob("*.py")):
                if leftover.relative_to(committed_dir) not in fresh:
                    stale.append(
                        str(Path(committed_dir.name) / leftover.relative_to(committed_dir))
                    )
        return stale
