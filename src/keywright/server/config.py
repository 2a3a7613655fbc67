"""The reference server's configuration: a small YAML file (the secret key, then one section
per API package, read by that package), bootstrap credentials from the environment.

The secret key is one key, or a list of keys while it is being rotated: the current key first,
then the previous ones still accepted (`secret_key: [new, old]` in the file,
`KEYWRIGHT_SECRET_KEY=new,old` in the environment, which wins over the file)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
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
    """The current secret key: it digests and encrypts everything stored from now on."""
    sections: Mapping[str, Any] = field(default_factory=dict)
    """By API name: that API's package's part of the config, as the package parsed it."""
    source: Path = DEV_CONFIG
    previous_secret_keys: tuple[str, ...] = ()
    """Secret keys being rotated out: what they digested or encrypted is still accepted."""

    @property
    def secret_keys(self) -> tuple[str, ...]:
        """Every accepted secret key, the current one first."""
        return (self.secret_key, *self.previous_secret_keys)

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
        secret_keys = _secret_keys(data, environ, source)
        for api in catalog:
            package = package_for(api)
            if package is not None:
                section = data[api.module_name]
                sections[api.name] = package.load_config(section, environ, source.name)
    except ConfigError:
        raise
    except KeyError as exc:
        raise ConfigError(f"config {source} lacks {exc.args[0]!r}") from exc
    except (TypeError, AttributeError, ValueError) as exc:
        raise ConfigError(f"config {source} is malformed: {exc}") from exc
    return Config(secret_keys[0], sections, source, secret_keys[1:])


def _secret_keys(
    data: Mapping[str, Any], environ: Mapping[str, str], source: Path
) -> tuple[str, ...]:
    """The secret keys, current first: the variable's comma-separated list when it is set,
    else the file's `secret_key` (a string, or a list of strings). Keys are used exactly as
    written, so an empty one, or one with whitespace around it, is refused, not guessed at."""
    if variable := environ.get(SECRET_KEY_VARIABLE):
        keys = variable.split(",")
        if len(keys) == 1:
            return _checked(keys, lambda _: SECRET_KEY_VARIABLE)
        return _checked(keys, lambda i: f"{SECRET_KEY_VARIABLE}: key {i + 1} of {len(keys)}")
    configured = data["secret_key"]
    if not isinstance(configured, list):
        return _checked([_text(configured, source)], lambda _: f"config {source}: secret_key")
    if not configured:
        raise ConfigError(f"config {source}: secret_key is an empty list; list the current key")
    return _checked(
        [_text(key, source) for key in configured], lambda i: f"config {source}: secret_key[{i}]"
    )


def _text(key: object, source: Path) -> str:
    """A secret key as written in the file (nothing, or `null`, is empty)."""
    if isinstance(key, dict | list):
        raise ConfigError(f"config {source}: secret_key is not a string or a list of strings")
    return "" if key is None else str(key)


def _checked(keys: list[str], name: Callable[[int], str]) -> tuple[str, ...]:
    for index, key in enumerate(keys):
        if not key.strip():
            raise ConfigError(
                f"{name(index)} is empty; give the current secret key first, then any previous "
                "keys still accepted"
            )
        if key != key.strip():
            raise ConfigError(
                f"{name(index)} has whitespace around it; secret keys are used exactly as written"
            )
    return tuple(keys)
