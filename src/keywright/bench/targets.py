"""The servers under test: how to start each on a port, and where each operation lives."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from keywright.catalog import ApiSpec
from keywright.node_tools import node_tool

PRISM_VERSION = "5.14.2"  # pinned in tools/package.json; 5.16.0's -m crashes on Node 20


@dataclass(frozen=True)
class Setting:
    """How every server is started for one table of the report."""

    name: str
    heading: str
    quiet: bool
    """Only problems logged: ours at `--log-level warning`, Prism at `-v error`."""
    workers: int = 1
    """Our servers' processes; 1 is their default. Prism and Connexion have one."""
    peer: str = ""
    """The setting whose Prism figures the ratios use, when Prism is not started again."""

    @property
    def compared_with(self) -> str:
        return self.peer or self.name


SETTINGS = (
    Setting(
        "defaults",
        "At defaults (the headline): every server as its users start it, a log line per request",
        quiet=False,
    ),
    Setting(
        "quiet",
        "Quiet: only problems logged (ours at `--log-level warning`, Prism at `-v error`; "
        "`connexion run` has no such switch and is not measured again)",
        quiet=True,
    ),
    Setting(
        "quiet, every core",
        f"Quiet, every core: our servers at `--workers {os.cpu_count() or 1}`, as a deployment "
        "would run them, against Prism's quiet figures above (Prism is one Node process)",
        quiet=True,
        workers=os.cpu_count() or 1,
        peer="quiet",
    ),
)


@dataclass(frozen=True)
class Target:
    """A server to measure. `per_api` targets serve one spec per process (Prism, Connexion)."""

    name: str
    per_api: bool
    strips_base_path: bool = False  # Prism ignores the path in `servers`

    def runs_under(self, setting: Setting) -> bool:
        if self.name.startswith("keywright"):
            return True
        return not setting.peer and (self.name == PEER or not setting.quiet)

    def command(
        self, port: int, api: ApiSpec | None, db: Path, config: Path, setting: Setting
    ) -> list[str]:
        """`db` and `config` are the reference server's SQLite file and config file."""
        keywright = [sys.executable, "-m", "keywright"]
        quiet = ["--log-level", "warning"] if setting.quiet else []
        workers = ["--workers", str(setting.workers)] if setting.workers > 1 else []
        match self.name:
            case "keywright mock":
                return [*keywright, "mock", *quiet, *workers, "--port", str(port)]
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
                    *workers,
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
                    *(["-v", "error"] if setting.quiet else []),
                    str(api.path),
                ]
            case "connexion --mock=all":  # `connexion run` has no switch for its access log
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


__all__ = ["PEER", "SETTINGS", "TARGETS", "Setting", "Target", "prism_executable"]
