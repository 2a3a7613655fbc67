"""Pydantic v2 models from one spec, by datamodel-code-generator, with the options below (one
place: a checkout and an installed package generate the same models)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from keywright.codegen.formatting import GenerationError, format_python

OPTIONS = [
    "--input-file-type", "openapi",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.11",
    "--disable-timestamp",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-schema-description",
    "--use-field-description",
    "--enum-field-as-literal", "one",
    "--use-double-quotes",
    "--keep-model-order",
    "--openapi-scopes", "schemas",
    "--formatters", "builtin",  # then ruff, with our settings (codegen/formatting.py)
    "--custom-file-header",
    "# Generated from specs/ by `keywright generate` (datamodel-code-generator). Do not edit:\n"
    "# change the spec, or the options in keywright/codegen/models.py, and run `make generate`.",
]  # fmt: skip


def write_models(spec: Path, output: Path) -> None:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(bin_dir / "datamodel-codegen"),
            *OPTIONS,
            "--input",
            str(spec.resolve()),
            "--output",
            str(output.resolve()),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise GenerationError(f"datamodel-codegen failed on {spec}:\n{result.stderr.strip()}")
    format_python(output)
