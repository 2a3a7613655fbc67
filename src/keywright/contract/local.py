"""Our own servers as contract-test targets: served on a free loopback port for a `with` block."""

from __future__ import annotations

import random
import re
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import rstr
import uvicorn

from keywright.catalog import Catalog
from keywright.contract.credentials import Credential, Credentials
from keywright.serving.protocol import EnvelopeHttpProtocol
from keywright.specs.extensions import CREDENTIAL_PATTERN

MOCK_SKIPS = ("ignored_auth",)
"""Checks that cannot hold for the mock: it accepts any well-formed credential by design, so
`ignored_auth`'s made-up credential is, rightly, accepted. Its refusal of missing and malformed
credentials is tested directly (tests/mock)."""


@dataclass(frozen=True)
class LocalTarget:
    app: Any
    credentials: Credentials
    skipped_checks: tuple[str, ...] = ()


def local_target(catalog: Catalog, *, mock: bool) -> LocalTarget:
    """Our mock (with well-formed credentials) or reference server (development credentials)."""
    if mock:
        from keywright.mock import create_app as create_mock

        return LocalTarget(create_mock(catalog=catalog), mock_credentials(catalog), MOCK_SKIPS)
    from keywright.server import create_app as create_server
    from keywright.server.config import load_config

    config = load_config(catalog=catalog)
    return LocalTarget(create_server(config, catalog=catalog), server_credentials(config))


def server_credentials(config: Any) -> Credentials:
    """The first credential of each scheme the reference server's config accepts."""
    return Credentials(
        {
            (api, scheme): credential.value
            for (api, scheme), credential in config.bootstrap_credentials().items()
        }
    )


def mock_credentials(catalog: Catalog) -> Credentials:
    """A credential of each scheme of each spec with the shape the scheme documents (all the
    mock asks for), made from the scheme's `x-credential-pattern`."""
    found: dict[tuple[str | None, str], Credential] = {}
    for api in catalog:
        schemes = api.doc.inline(api.doc.data.get("components", {}).get("securitySchemes", {}))
        for name, scheme in schemes.items():
            found[(api.name, name)] = well_formed(scheme)
    return Credentials(found)


def well_formed(scheme: Mapping[str, Any], seed: int = 7) -> Credential:
    """A credential of the scheme's documented shape, made of visible ASCII only."""
    basic = str(scheme.get("scheme", "")).lower() == "basic"
    pattern = str(scheme.get(CREDENTIAL_PATTERN) or "")
    rng = random.Random(seed)
    for _ in range(50) if pattern else ():
        candidate = rstr.Rstr(rng).xeger(pattern)
        if re.fullmatch(pattern, candidate) and re.fullmatch(r"[!-~]+", candidate):
            if basic:
                user, _, password = candidate.partition(":")
                return user, password
            return (candidate,)
    return ("keywright", "contract") if basic else ("keywright-contract",)


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
