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


def limit_options(command: F) -> F:
    """The `--header-timeout` … `--max-connections` options, named as `Limits` fields: the
    command takes them as `**limits` and builds `Limits(**limits)`."""
    options = [
        click.option(
            "--header-timeout",
            type=click.FloatRange(min=0.1),
            default=DEFAULTS.header_timeout,
            show_default=True,
            help="Seconds a client has to send a request's head; then 408.",
        ),
        click.option(
            "--body-timeout",
            type=click.FloatRange(min=0.1),
            default=DEFAULTS.body_timeout,
            show_default=True,
            help="Seconds a client has to send the body it declares; then 408.",
        ),
        click.option(
            "--keep-alive",
            type=click.IntRange(min=1),
            default=DEFAULTS.keep_alive,
            show_default=True,
            help="Seconds an idle connection stays open.",
        ),
        click.option(
            "--max-header-bytes",
            type=click.IntRange(min=1024),
            default=DEFAULTS.max_header_bytes,
            show_default=True,
            help="Largest request head (request line and headers); larger is 431.",
        ),
        click.option(
            "--max-headers",
            type=click.IntRange(min=1),
            default=DEFAULTS.max_headers,
            show_default=True,
            help="Most header fields in a request; more is 431.",
        ),
        click.option(
            "--max-connections",
            type=click.IntRange(min=1),
            default=DEFAULTS.max_connections,
            show_default=True,
            help="Open connections per worker; requests beyond them are answered 503 at once.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command

