"""Request dispatch shared by the reference server and the mock.

Each operation in the specs is compiled once at start-up (`Operation`): its security check,
parameter and body validators, handler and error envelope. `DispatchMiddleware` sits in
the Connexion app ahead of Connexion's routing, so every documented operation is answered
in one step, while Connexion still serves the specs, Swagger UI, 404s and 405s.
"""

from keywright.dispatch.call import Call, Handler, Reply, TokenInfo, Verifier
from keywright.dispatch.middleware import DispatchMiddleware
from keywright.dispatch.operation import Operation
from keywright.dispatch.routes import Routes

__all__ = [
    "Call",
    "DispatchMiddleware",
    "Handler",
    "Operation",
    "Reply",
    "Routes",
    "TokenInfo",
    "Verifier",
]
