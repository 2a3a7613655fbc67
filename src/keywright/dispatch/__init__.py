"""Request dispatch shared by the reference server and the mock.

Each documented operation is compiled once at start-up (`CompiledOperation`): its security
check, parameter and body validators, endpoint and error envelope. `DispatchMiddleware` is the
Connexion middleware after routing that answers every documented operation; `binding` calls
implementations of the generated interfaces with typed arguments.
"""

from keywright.dispatch.call import Answer, Call, Endpoint, Verifier
from keywright.dispatch.middleware import ApiBinding, DispatchMiddleware
from keywright.dispatch.operation import CompiledOperation

__all__ = [
    "Answer",
    "ApiBinding",
    "Call",
    "CompiledOperation",
    "DispatchMiddleware",
    "Endpoint",
    "Verifier",
]
