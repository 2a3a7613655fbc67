"""Our own servers as contract-test targets: served on a free loopback port for a `with` block."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn

from keywright.contract.credentials import Credentials
from keywright.errors.protocol import EnvelopeHttpProtocol

if TYPE_CHECKING:
    from keywright.server.config import Config

MOCK_CREDENTIALS = Credentials(
    {
        ("proxy-keys", "x-api-key"): ("pat.contract.keywright.0a1b2c3d",),
        ("access-keys", "OAuth2"): ("contract-token",),
        ("api-keys", "AdminToken"): ("adm_contract",),
    }
)
"""Well-formed credentials, which is all the mock asks for."""

MOCK_SKIPS = ("ignored_auth",)
"""Checks that cannot hold for the mock: it accepts any well-formed credential by design, so
`ignored_auth`'s made-up credential is, rightly, accepted. Its refusal of missing and malformed
credentials is tested directly (tests/mock)."""


@dataclass(frozen=True)
class LocalTarget:
    app: Any
    credentials: Credentials
    skipped_checks: tuple[str, ...] = ()


def local_target(*, mock: bool) -> LocalTarget:
    """Our mock (with any well-formed credentials) or reference server (development credentials)."""
    if mock:
        from keywright.mock import create_app as create_mock

        return LocalTarget(create_mock(), MOCK_CREDENTIALS, MOCK_SKIPS)
    from keywright.server import create_app as create_server
    from keywright.server.config import load_config

    config = load_config()
    return LocalTarget(create_server(config), server_credentials(config))


def server_credentials(config: Config) -> Credentials:
    """The first credential of each kind the reference server accepts."""
    return Credentials(
        {
            ("proxy-keys", "x-api-key"): (config.proxy_admin_keys[0].key,),
            ("access-keys", "OAuth2"): (config.oauth_tokens[0].token,),
            ("api-keys", "AdminToken"): (config.admin_tokens[0],),
        }
    )


@contextmanager
def serving(app: Any, *, timeout: float = 30, **uvicorn_options: Any) -> Iterator[str]:
    """`app` on a free loopback port, in a thread; yields its URL (https with `ssl_certfile`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
            http=EnvelopeHttpProtocol,
            **uvicorn_options,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the local server did not start")
        time.sleep(0.05)
    try:
        scheme = "https" if uvicorn_options.get("ssl_certfile") else "http"
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=timeout)
