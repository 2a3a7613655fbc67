"""The APIs keywright serves: one per spec file found in the specs folder, nothing listed by hand.

A new `specs/<name>.yaml` is an API called `<name>`: lint, generate, the mock, the contract runner
and the Swagger UIs pick it up; the reference server serves it once a package in `keywright.apis`
implements it (and answers its operations 501 until then).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from keywright.specs.document import SpecDocument, load_spec

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout, when keywright runs from one (src layout)."""
SPECS_VARIABLE = "KEYWRIGHT_SPECS"
SWAGGER_UI_PATH = "/ui"
"""Each API's Swagger UI is at its base path + this."""


BUNDLED_SPECS = Path(__file__).resolve().parent / "bundled" / "specs"
"""Where an installed wheel carries the specs (`[tool.hatch.build]` in pyproject.toml)."""


def in_checkout() -> bool:
    """Whether keywright runs from its source checkout rather than an installed package."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "specs").is_dir()


def default_specs_dir() -> Path:
    """`KEYWRIGHT_SPECS`, else the checkout's specs/, else the specs shipped in the package."""
    if os.environ.get(SPECS_VARIABLE):
        return Path(os.environ[SPECS_VARIABLE])
    return PROJECT_ROOT / "specs" if in_checkout() else BUNDLED_SPECS


@dataclass(frozen=True)
class ApiSpec:
    """One API: its name (the spec's file name without `.yaml`) and its spec."""

    name: str
    path: Path

    @property
    def doc(self) -> SpecDocument:
        return load_spec(self.path)

    @property
    def module_name(self) -> str:
        """The Python name of the API, e.g. `proxy_keys` (generated modules, packages)."""
        return self.name.replace("-", "_")

    @property
    def title(self) -> str:
        return str(self.doc.data.get("info", {}).get("title", self.name))

    @cached_property
    def base_path(self) -> str:
        """The path every operation is under: the path of the spec's first server URL."""
        servers = self.doc.data.get("servers") or [{"url": "/"}]
        path = urlsplit(str(servers[0].get("url", "/"))).path.strip("/")
        return f"/{path}" if path else ""


@dataclass(frozen=True)
class Catalog:
    """The APIs of one specs folder, in file-name order."""

    specs_dir: Path
    apis: tuple[ApiSpec, ...]

    @classmethod
    def load(cls, specs_dir: Path | None = None) -> Catalog:
        folder = specs_dir if specs_dir is not None else default_specs_dir()
        if not folder.is_dir():
            raise FileNotFoundError(f"no specs folder at {folder}")
        paths = sorted(folder.glob("*.yaml"))
        return cls(folder, tuple(ApiSpec(path.stem, path) for path in paths))

    def __iter__(self) -> Iterator[ApiSpec]:
        return iter(self.apis)

    def __len__(self) -> int:
        return len(self.apis)

    @property
    def names(self) -> list[str]:
        return [api.name for api in self.apis]

    def get(self, name: str) -> ApiSpec:
        for api in self.apis:
            if api.name == name:
                return api
        raise KeyError(f"unknown API {name!r}; known: {', '.join(self.names)}")

    def owner_of(self, path: str) -> ApiSpec | None:
        """The API whose base path owns `path`, the longest base path first."""
        for api in sorted(self.apis, key=lambda a: len(a.base_path), reverse=True):
            if path == api.base_path or path.startswith(api.base_path + "/"):
                return api
        return None
