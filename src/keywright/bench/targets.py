"""The servers under test: how to start each on a port, and where each operation lives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from keywright.apis import APIS, PROJECT_ROOT, Api

PRISM_VERSION = "5.14.2"  # 5.16.0's -m crashes at start on Node 20 ('isPrimary')
TOOLS_DIR = PROJECT_ROOT / "bench" / "tools"
WORKERS = os.cpu_count() or 1  # our servers use every core, as a deployment would


@dataclass(frozen=True)
class Target:
    """A server to measure. `per_api` targets serve one spec per process (Prism, Connexion)."""

    name: str
    per_api: bool
    strips_base_path: bool = False  # Prism ignores the path in `servers`

    def command(self, port: int, api: Api | None, db: Path) -> list[str]:
        keywright = [sys.executable, "-m", "keywright"]
        quiet = ["--log-level", "warning"]  # like Prism's `-v error` below: no line per request
        match self.name:
            case "keywright mock":
                return [*keywright, "mock", *quiet, "--port", str(port), "--workers", str(WORKERS)]
            case "keywright serve":
                return [
                    *keywright,
                    "serve",
                    *quiet,
                    "--port",
                    str(port),
                    "--db",
                    str(db),
                    "--workers",
                    str(WORKERS),
                ]
            case "prism -m":
                assert api is not None
                return [
                    str(prism_executable()),
                    "mock",
                    "-m",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-v",
                    "error",
                    str(api.spec_path),
                ]
            case "connexion --mock=all":
                assert api is not None
                return [
                    str(Path(sys.executable).parent / "connexion"),
                    "run",
                    str(api.spec_path),
                    "--mock=all",
                    "-f",
                    "async",
                    "-H",
                    "127.0.0.1",
                    "-p",
                    str(port),
                ]
        raise ValueError(self.name)

    def path(self, api: Api, route: str) -> str:
        return route if self.strips_base_path else api.base_path + route


TARGETS = (
    Target("keywright mock", per_api=False),
    Target("keywright serve", per_api=False),
    Target("prism -m", per_api=True, strips_base_path=True),
    Target("connexion --mock=all", per_api=True),
)
PEER = "prism -m"


def prism_executable() -> Path:
    """Prism, installed from the npm registry into bench/tools on first use."""
    executable = TOOLS_DIR / "node_modules" / ".bin" / "prism"
    if not executable.exists():
        if shutil.which("npm") is None:
            raise RuntimeError("npm is needed to install Prism for the benchmark")
        TOOLS_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(TOOLS_DIR),
                f"@stoplight/prism-cli@{PRISM_VERSION}",
            ],
            check=True,
        )
    return executable


__all__ = ["APIS", "PEER", "TARGETS", "Target", "prism_executable"]
