"""The Node tools keywright drives (Spectral and Redocly for lint, Prism for the benchmark),
pinned in tools/package-lock.json and installed into tools/node_modules with `npm ci`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from keywright.catalog import PROJECT_ROOT

TOOLS_DIR = PROJECT_ROOT / "tools"


class NodeToolsMissing(RuntimeError):
    """Node or npm is not installed, so the Node tools cannot be."""


def node_tool(name: str) -> Path:
    """The executable of a pinned Node tool, installing them all on first use."""
    executable = TOOLS_DIR / "node_modules" / ".bin" / name
    if not executable.exists():
        if shutil.which("npm") is None or shutil.which("node") is None:
            raise NodeToolsMissing(f"{name} needs Node.js and npm, which are not installed")
        subprocess.run(
            ["npm", "ci", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS_DIR)],
            check=True,
        )
    return executable
