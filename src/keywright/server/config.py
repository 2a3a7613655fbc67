"""The reference server's configuration: a small YAML file (the secret key, then one section
per API package, read by that package), bootstrap credentials from the environment."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from keywright.apis import ConfiguredCredential, package_for
from keywright.catalog import Catalog
from keywright.specs.document import yaml_problem

DEV_CONFIG = Path(__file__).with_name("dev-config.yaml")
DEFAULT_DB = "data/keywright.db"
SECRET_KEY_VARIABLE = "KEYWRIGHT_SECRET_KEY"


class ConfigError(ValueError):
    """The configuration file is missing, malformed or incomplete (a one-line message)."""


@dataclass(frozen=True)
class Config:
    secret_key: str
    sections: Mapping[str, Any] = field(default_factory=dict)
    """By API name: that API's package's part of the config, as the package parsed it."""
    source: Path = DEV_CONFIG

    def section(self, api: str) -> Any:
        return self.sections[api]

    def credentials(self) -> Iterator[tuple[str, ConfiguredCredential]]:
        """Every configured credential, with the API it is for."""
        for api, section in self.sections.items():
            for credential in section.credentials():
                yield api, credential

    def bootstrap_credentials(self) -> dict[tuple[str, str], ConfiguredCredential]:
        """The first credential of each scheme of each API (printed at start-up, used by the
        contract runner against our own server)."""
        first: dict[tuple[str, str], ConfiguredCredential] = {}
        for api, credential in self.credentials():
            first.setdefault((api, credential.scheme), credential)
        return first


def load_config(
    path: Path | None = None,
    environ: Mapping[str, str] = os.environ,
    catalog: Catalog | None = None,
) -> Config:
    source = path or DEV_CONFIG
    catalog = catalog or Catalog.load()
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {source}: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"config {source} is not valid YAML: {yaml_problem(exc)}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"config {source} is not a YAML mapping of sections")
    sections: dict[str, Any] = {}
    try:
        secret_key = environ.get(SECRET_KEY_VARIABLE) or str(data["secret_key"])
        for api in catalog:
            package = package_for(api)
            if package is not None:
                section = data[api.module_name]
                sections[api.name] = package.load_config(section, environ, source.name)
    except KeyError as exc:
        raise ConfigError(f"config {source} lacks {exc.args[0]!r}") from exc
    except (TypeError, AttributeError, ValueError) as exc:
        raise ConfigError(f"config {source} is malformed: {exc}") from exc
    return Config(secret_key, sections, source)
