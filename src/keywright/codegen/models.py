"""Pydantic v2 models from one spec, by datamodel-code-generator.

Its options live in `[tool.datamodel-codegen]` of pyproject.toml, which it reads from the
folder it runs in: the project root.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from keywright.catalog import PROJECT_ROOT


class GenerationError(RuntimeError):
    """A generator failed on a spec."""


def write_models(spec: Path, output: Path) -> None:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(bin_dir / "datamodel-codegen"), "--input", str(spec), "--output", str(output)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise GenerationError(f"datamodel-codegen failed on {spec}:\n{result.stderr.strip()}")
