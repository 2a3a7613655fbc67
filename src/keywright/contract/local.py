"""Our own servers as contract-test targets: served on a free loopback port for a `with` block."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from keywright.contract.config import Credentials
from keywright.errors.protocol import EnvelopeHttpProtocol


def local_target(*, mock: bool) -> tuple[Any, Credentials]:
    """Our mock (with any well-formed credentials) or reference server (development credentials)."""
    if mock:
        from keywright.mock import create_app as create_mock

        credentials = Credentials(
            proxy_api_key="pat.contract.keywright.0a1b2c3d",
            oauth_token="contract-token",
            admin_token="adm_contract",
        )
        return create_mock(), credentials
    from keywright.server import create_app as create_server
    from keywright.server.config import load_config

    config = load_config()
    return create_server(config), Credentials.from_config(config)


@contextmanager
def serving(app: Any, *, timeout: float = 30) -> Iterator[str]:
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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=timeout)
