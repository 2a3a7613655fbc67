"""How long a client may take and how much it may send before the server stops waiting: the
bounds that keep slow or oversized clients from holding a server's connections and memory.

Both servers take them as options (`limit_options`); each worker reads them from its settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click


@dataclass(frozen=True)
class Limits:
    header_timeout: float = 10.0
    """Seconds from a request's first byte to the end of its head (request line and headers)."""
    body_timeout: float = 30.0
    """Seconds from the end of the head to the end of the body it declares."""
    keep_alive: int = 5
    """Seconds an idle connection is kept open: before its first request and between requests."""
    max_header_bytes: int = 32768
    """The request line and headers together, in bytes."""
    max_headers: int = 100
    """Header fields in one request."""
    max_connections: int = 1000
    """Open connections per worker; a request on one beyond them is answered 503 at once."""


DEFAULTS = Limits()

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = (
    ("--header-timeout", click.FloatRange(min=0.1), "Seconds a client has to send a request's head; then 408."),
    ("--body-timeout", click.FloatRange(min=0.1), "Seconds a client has to send the body it declares; then 408."),
    ("--keep-alive", click.IntRange(min=1), "Seconds an idle connection stays open."),
    ("--max-header-bytes", click.IntRange(min=1024), "Largest request head (request line and headers); larger is 431."),
    ("--max-headers", click.IntRange(min=1), "Most header fields in a request; more is 431."),
    ("--max-connections", click.IntRange(min=1), "Open connections per worker; requests beyond them are answered 503 at once."),
)  # fmt: skip


def limit_options(command: F) -> F:
    """The `--header-timeout` … `--max-connections` options, named as `Limits` fields: the
    command takes them as `**limits` and builds `Limits(**limits)`."""
    for flag, kind, text in reversed(_OPTIONS):
        default = getattr(DEFAULTS, flag[2:].replace("-", "_"))
        command = click.option(flag, type=kind, default=default, show_default=True, help=text)(
            command
        )
    return command
