"""Request dispatch shared by the reference server and the mock.

Each documented operation is compiled once at start-up (`CompiledOperation`): its security
check, parameter and body validators, endpoint and error envelope. `Dispatch` matches and
answers every documented operation in front of Connexion; `binding` calls implementations of
the generated interfaces with typed arguments.
"""

from keywright.dispatch.call import Answer, Call, Endpoint, Verifier
from keywright.dispatch.middleware import ApiBinding, Dispatch, Route
from keywright.dispatch.operation import CompiledOperation

__all__ = [
    "Answer",
    "ApiBinding",
    "Call",
    "CompiledOperation",
    "Dispatch",
    "Endpoint",
    "Route",
    "Verifier",
]
