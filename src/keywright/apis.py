"""The three APIs keywright carries, and where each one's spec and models live.

Everything that needs "all the APIs" (lint, codegen, the server, the mock, the
contract runner) iterates over `APIS`, so adding an API is one line here plus
its spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SPECS_DIR = PROJECT_ROOT / "specs"
GENERATED_DIR = PROJECT_ROOT / "generated"
MODELS_PACKAGE = "keywright_models"
SWAGGER_UI_PATH = "/ui"
"""Each API's Swagger UI is at its base path + this."""


@dataclass(frozen=True)
class Api:
    """One credential-issuing API: its short name, spec file and model module."""

    name: str
    title: str
    seed: str

    @property
    def spec_path(self) -> Path:
        return SPECS_DIR / f"{self.name}.yaml"

    @cached_property
    def base_path(self) -> str:
        """The path every operation of this API is under: its spec's server URL."""
        from keywright.specs import load_spec  # specs imports this module

        return load_spec(self.spec_path).data["servers"][0]["url"].rstrip("/")

    @property
    def module_name(self) -> str:
        """The generated models' module, e.g. `proxy_keys`."""
        return self.name.replace("-", "_")


APIS: tuple[Api, ...] = (
    Api("proxy-keys", "Proxy keys", "000_168456ed78c90f15.txt"),
    Api("access-keys", "Access keys", "001_89a734454c1f4a47.txt"),
    Api("api-keys", "API keys", "002_44e6bcac8797d573.txt"),
)


def get_api(name: str) -> Api:
    for api in APIS:
        if api.name == name:
            return api
    raise KeyError(f"unknown API {name!r}; known: {', '.join(a.name for a in APIS)}")


def api_for_path(path: str) -> Api | None:
    """The API whose base path owns `path`, if any."""
    for api in APIS:
        if path == api.base_path or path.startswith(api.base_path + "/"):
            return api
    return None
