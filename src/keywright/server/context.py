"""What an API package's implementation is built from: its own config, the shared database,
the keyring for secrets, and a clock and an id source that tests can replace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from keywright.server.crypto import Keyring, new_uuid
from keywright.server.storage import Database

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ServerContext:
    config: Any
    """The package's own part of the config file, as its `load_config` parsed it."""
    database: Database
    keyring: Keyring
    clock: Clock = utc_now
    new_id: Callable[[], str] = new_uuid
