"""The servers under test: how to start each on a port, and where each operation lives."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from keywright.catalog import ApiSpec
from keywright.node_tools import node_tool

PRISM_VERSION = "5.14.2"  # pinned in tools/package.json; 5.16.0's -m crashes on Node 20
WORKERS = os.cpu_count() or 1  # our servers use every core, as a deployment would


@dataclass(frozen=True)
class Target:
    """A server to measure. `per_api` targets serve one spec per process (Prism, Connexion)."""

    name: str
    per_api: bool
    strips_base_path: bool = False  # Prism ignores the path in `servers`

    def command(self, port: int, api: ApiSpec | None, db: Path, config: Path) -> list[str]:
        """`db` and `config` are the reference server's SQLite file and config file."""
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
                    "--config",
                    str(config),
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
                    str(api.path),
                ]
            case "connexion --mock=all":
                assert api is not None
                return [
                    str(Path(sys.executable).parent / "connexion"),
                    "run",
                    str(api.path),
                    "--mock=all",
                    "-f",
                    "async",
                    "-H",
                    "127.0.0.1",
                    "-p",
                    str(port),
                ]
        raise ValueError(self.name)

    def path(self, api: ApiSpec, route: str) -> str:
        return route if self.strips_base_path else api.base_path + route


TARGETS = (
    Target("keywright mock", per_api=False),
    Target("keywright serve", per_api=False),
    Target("prism -m", per_api=True, strips_base_path=True),
    Target("connexion --mock=all", per_api=True),
)
PEER = "prism -m"


def prism_executable() -> Path:
    """Prism, from the Node tools pinned in tools/package-lock.json (installed on first use)."""
    return node_tool("prism")


__all__ = ["PEER", "TARGETS", "Target", "prism_executable"]
