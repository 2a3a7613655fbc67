"""Generate the pydantic models in `generated/` from the specs, or check they are current.

The generator's options live in `[tool.datamodel-codegen]` of pyproject.toml;
datamodel-codegen reads them from there because we run it in the project root.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from keywright.apis import APIS, GENERATED_DIR, MODELS_PACKAGE, PROJECT_ROOT, SPECS_DIR

PACKAGE_INIT = '''\
"""Pydantic v2 models generated from specs/ by `keywright generate`. Do not edit."""
'''


class GenerationError(RuntimeError):
    """datamodel-codegen failed on a spec."""


def generate(out_dir: Path = GENERATED_DIR, specs_dir: Path = SPECS_DIR) -> list[Path]:
    """Write one module per API into `out_dir/keywright_models`; return the files written."""
    package = out_dir / MODELS_PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    init = package / "__init__.py"
    init.write_text(PACKAGE_INIT, encoding="utf-8")
    written = [init]
    for api in APIS:
        target = package / f"{api.module_name}.py"
        _run_codegen(specs_dir / api.spec_path.name, target)
        written.append(target)
    return written


def stale_files(committed_dir: Path = GENERATED_DIR, specs_dir: Path = SPECS_DIR) -> list[str]:
    """Regenerate into a temporary folder; names of committed files that differ or are missing.

    The folder sits in the project root so that ruff formats with the project's settings.
    """
    with tempfile.TemporaryDirectory(prefix=".keywright-generated-", dir=PROJECT_ROOT) as tmp:
        fresh = generate(Path(tmp), specs_dir)
        stale = []
        for path in fresh:
            relative = path.relative_to(tmp)
            committed = committed_dir / relative
            if not committed.exists() or not filecmp.cmp(path, committed, shallow=False):
                stale.append(str(Path(committed_dir.name) / relative))
        return stale


def _run_codegen(spec: Path, output: Path) -> None:
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
