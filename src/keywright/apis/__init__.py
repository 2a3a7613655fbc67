"""API packages: what the reference server needs, for one spec, beyond the spec itself.

`keywright.apis.<name>` (the spec's name, `-` as `_`) implements `specs/<name>.yaml`. Its
`__init__` defines `PACKAGE`, an `ApiPackage`; nothing else lists it. A spec without a package
is still linted, generated, mocked and contract-tested; the server answers its operations 501.
Nothing outside an API's package names that API.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from keywright.catalog import ApiSpec
from keywright.errors import Envelope

if TYPE_CHECKING:
    from keywright.interface import Interface
    from keywright.server.context import ServerContext


@dataclass(frozen=True)
class CredentialOption:
    """How a user gives a credential for one security scheme: the `keywright contract` option and
    the environment variable (which also replaces the server's first credential of the scheme)."""

    scheme: str
    option: str
    envvar: str
    help: str
    password_option: str | None = None
    password_envvar: str | None = None
    """For HTTP Basic: the password's option and variable (the first pair is the user's)."""

    @property
    def parameter(self) -> str:
        """The click parameter name: `--admin-token` → `admin_token`."""
        return self.option.lstrip("-").replace("-", "_")

    @property
    def password_parameter(self) -> str | None:
        return self.password_option.lstrip("-").replace("-", "_") if self.password_option else None


@dataclass(frozen=True)
class ConfiguredCredential:
    """A credential the reference server accepts, its scheme, and where it was set."""

    scheme: str
    value: tuple[str, ...]
    """`(token,)`, or `(user, password)` for HTTP Basic."""
    origin: str
    """The environment variable, or the config file and key (`dev-config.yaml: api_keys.admin_tokens[0]`)."""
    from_environment: bool = False


class ApiConfig(Protocol):
    """An API package's part of the server's config file, parsed."""

    def credentials(self) -> Iterator[ConfiguredCredential]:
        """Every credential it configures, in order (the first of a scheme is the one printed)."""
        ...


@dataclass(frozen=True)
class BenchScenario:
    """A valid request `keywright bench` sends over and over (`n` is a per-request counter in
    the Lua body expression, for fields that must be unique)."""

    name: str
    route: str
    body_lua: str
    valid: bool = True


@dataclass(frozen=True)
class ApiPackage:
    envelope: Envelope
    load_config: Callable[[Mapping[str, Any], Mapping[str, str], str], ApiConfig]
    """(its config section, the environment, the config file's name for messages)."""
    implementation: Callable[[ServerContext], Interface[Any]]
    tables: str
    """The SQL that creates its tables (`CREATE TABLE IF NOT EXISTS`)."""
    credential_options: tuple[CredentialOption, ...] = ()
    bench: tuple[BenchScenario, ...] = field(default=())
    bench_config: Mapping[str, Any] = field(default_factory=dict)
    """What `keywright bench` changes in its config section (room for every key it creates)."""


def package_for(api: ApiSpec) -> ApiPackage | None:
    """The package implementing `api`, or None when there is none."""
    name = f"{__name__}.{api.module_name}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    package: ApiPackage = module.PACKAGE
    return package
