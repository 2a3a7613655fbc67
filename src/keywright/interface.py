"""What generated API interfaces are made of (`generated/keywright_interfaces/`).

`keywright generate` writes, per spec, an interface with one `async` method per operation and
one per security scheme, typed from the spec, and the types of each operation's replies and
failures. An implementation subclasses the interface; a type checker then holds it to the spec:
a renamed field, a new parameter or a new operation is a type error at the method that must
change. The interface's methods are abstract for the type checker only: at run time an
operation left out is answered 501, so a spec change can land before its implementation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from keywright.errors import ApiError, Kind, Violation

Identity = TypeVar("Identity")
"""Who a verified credential belongs to, as the implementation models it."""

Body = TypeVar("Body")


class Interface(Generic[Identity]):
    """The base of every generated interface."""

    api: ClassVar[str]
    """The name of the spec the interface was generated from (`api-keys`)."""
    operations: ClassVar[Mapping[str, OperationBinding]]
    """By operationId: how dispatch calls the operation's method."""
    security: ClassVar[Mapping[str, SchemeBinding]]
    """By security scheme name: the method that verifies its credential."""


@dataclass(frozen=True)
class Authenticated(Generic[Identity]):
    """The caller of an operation: the security scheme its credential passed, and who it is."""

    scheme: str
    identity: Identity


class Reply(Generic[Body]):
    """A documented success response of one operation: its status and its body's model."""

    status: ClassVar[int]
    body: Body
    header_fields: ClassVar[dict[str, str]] = {}
    """Python field → HTTP name of the response headers the spec documents for this reply."""

    def headers(self) -> dict[str, str]:
        """The documented headers this reply sets."""
        return {
            name: value
            for field_name, name in self.header_fields.items()
            if (value := getattr(self, field_name)) is not None
        }

    def content(self) -> Any:
        """The body as JSON-ready data (None for a response without one)."""
        if isinstance(self.body, BaseModel):
            return self.body.model_dump(mode="json", exclude_none=True)
        return self.body


class OperationError(ApiError):
    """Fails an operation with one of the error statuses it documents, in the API's envelope.

    Each operation's generated subclass narrows `status` to what its spec documents. `reason`
    is the machine-readable code the envelope carries, where it has one (a google.rpc status
    name, a classifier), when the status alone does not say it.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        violations: Sequence[Violation] = (),
        reason: str | None = None,
    ) -> None:
        super().__init__(Kind.for_status(status), message, violations, status=status, reason=reason)


class Unauthenticated(ApiError):
    """Raised by a verifier: the credential has the right shape but is not valid."""

    def __init__(self, message: str) -> None:
        super().__init__(Kind.UNAUTHENTICATED, message)


class Forbidden(ApiError):
    """Raised by a verifier or an operation: the caller may not do this."""

    def __init__(self, message: str) -> None:
        super().__init__(Kind.FORBIDDEN, message)


class Unimplemented(ApiError):
    """What a generated method raises when its implementation leaves it out."""

    def __init__(self, method: str) -> None:
        super().__init__(Kind.UNIMPLEMENTED, f"{method} is not implemented by this server")


@dataclass(frozen=True)
class Parameter:
    """A path, query, header or cookie parameter, and the keyword argument it becomes."""

    name: str
    location: str
    argument: str
    kind: type


@dataclass(frozen=True)
class OperationBinding:
    """How dispatch calls one operation's method: its arguments, its replies, its failures."""

    method: str
    parameters: tuple[Parameter, ...] = ()
    body: type[BaseModel] | None = None
    replies: tuple[type[Reply[Any]], ...] = ()
    error: type[OperationError] = OperationError
    statuses: frozenset[int] = field(default_factory=frozenset)
    """Every status the operation documents."""


@dataclass(frozen=True)
class SchemeBinding:
    """The method that verifies one security scheme's credential."""

    method: str


def implements(implementation: Interface[Any], method: str) -> bool:
    """Whether `implementation` overrides the generated `method` (left out: answered 501)."""
    own = getattr(type(implementation), method, None)
    for base in type(implementation).__mro__:
        if "operations" in vars(base) and base is not Interface:
            return own is not vars(base).get(method)
    return own is not None
