"""A temporary copy of the project, for tests of the spec → generate → type check loop."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from keywright.catalog import Catalog

CHECKOUT = Path(__file__).resolve().parents[1]
COPIED = ("src", "specs", "generated")


class ProjectCopy:
    """The checkout's sources, specs and generated code, copied to `root`; keywright and mypy run
    on the copy (the copy's `src/` and `generated/` come first on the path)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in COPIED:
            shutil.copytree(
                CHECKOUT / name, root / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        shutil.copy(CHECKOUT / "pyproject.toml", root / "pyproject.toml")
        if (CHECKOUT / ".mypy_cache").is_dir():
            # mypy re-checks what differs from its cache, by content: without the checkout's
            # (left by `make lint`), the first check of a copy spends ~12 s on site-packages.
            shutil.copytree(CHECKOUT / ".mypy_cache", root / ".mypy_cache")

    @property
    def catalog(self) -> Catalog:
        return Catalog.load(self.root / "specs")

    def edit_spec(self, api: str, edit: Callable[[dict[str, Any]], None]) -> None:
        path = self.root / "specs" / f"{api}.yaml"
        data = yaml.safe_load(path.read_text())
        edit(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False))

    def restore(self) -> None:
        """Back to the checkout's specs and generated code (the type checker's cache stays)."""
        for name in ("specs", "generated"):
            shutil.rmtree(self.root / name)
            shutil.copytree(
                CHECKOUT / name, self.root / name, ignore=shutil.ignore_patterns("__pycache__")
            )

    def keywright(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self._run(sys.executable, "-m", "keywright", *args)

    def type_check(self) -> subprocess.CompletedProcess[str]:
        return self._run(sys.executable, "-m", "mypy")

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        path = os.pathsep.join(str(self.root / name) for name in ("src", "generated"))
        env = {**os.environ, "PYTHONPATH": path, "KEYWRIGHT_SPECS": str(self.root / "specs")}
        return subprocess.run(
            command, cwd=self.root, env=env, capture_output=True, text=True, timeout=300
        )
