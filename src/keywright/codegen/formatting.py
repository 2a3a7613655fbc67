"""Generated code is formatted by ruff with keywright's own settings (`templates/ruff.toml`),
never the settings of wherever it is written: a checkout and an installed package write the
same bytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class GenerationError(RuntimeError):
    """A generator failed on a spec."""


SETTINGS = Path(__file__).with_name("templates") / "ruff.toml"


def format_python(path: Path) -> None:
    ruff = Path(sys.executable).parent / "ruff"
    settings = ["--config", str(SETTINGS), "--no-cache"]
    for command in (
        [str(ruff), "check", *settings, "--quiet", "--fix", "--select", "I,F401,UP", str(path)],
        [str(ruff), "format", *settings, "--quiet", str(path)],
    ):
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise GenerationError(f"ruff failed on {path}: {result.stdout}{result.stderr}")
