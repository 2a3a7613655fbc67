"""The one ASGI app that serves every spec, for the reference server and the mock.

keywright's compiled dispatch answers every documented operation (route, security, validation,
the endpoint, the envelope). Connexion answers the rest (`fallback.py`), built on first use:
a documented request never waits for it, neither at start-up nor after. What differs between
the server and the mock is only the `ApiBinding` of each API: which endpoints answer, which
verifiers check credentials.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import anyio.to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.dispatch import ApiBinding, Dispatch
from keywright.errors.owners import Owners
from keywright.serving import protocol


def build_app(bindings: Sequence[ApiBinding]) -> Dispatch:
    owners = Owners([(b.api.base_path, b.envelope, _documented(b)) for b in bindings])
    protocol.use(owners.answer)

    def fallback() -> ASGIApp:
        from keywright.fallback import connexion_app

        return connexion_app(bindings, owners)

    return Dispatch(OnFirstUse(fallback), bindings)


class OnFirstUse:
    """ASGI: the app `build` makes, made when a request first needs it, in a worker thread so
    that the event loop serves other requests meanwhile. Answers the lifespan itself: the app
    has no start-up or shut-down of its own."""

    def __init__(self, build: Callable[[], ASGIApp]) -> None:
        self.build = build
        self.app: ASGIApp | None = None
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        app = self.app if self.app is not None else await anyio.to_thread.run_sync(self._built)
        await app(scope, receive, send)

    def _built(self) -> ASGIApp:
        with self.lock:
            if self.app is None:
                self.app = self.build()
            return self.app


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _documented(binding: ApiBinding) -> frozenset[int]:
    return frozenset(
        int(status)
        for _, operation in binding.api.doc.operations()
        for status in operation.get("responses", {})
    )


__all__ = ["ApiBinding", "build_app"]
