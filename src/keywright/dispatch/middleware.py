"""The compiled operations, in front of Connexion's own routing."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.dispatch.routes import Routes


class DispatchMiddleware:
    """Answers every documented operation; everything else goes on to Connexion, which answers
    unknown paths (404) and undocumented methods (405, with `Allow`)."""

    def __init__(self, app: ASGIApp, *, routes: Routes) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            found = self.routes.match(scope["method"], scope["path"])
            if found is not None:
                operation, path_parameters = found
                await operation(scope, receive, send, path_parameters)
                return
        await self.app(scope, receive, send)
