"""Who is calling: an operation's security requirements, compiled once into one check.

The spec's `security` lists alternatives; each alternative names schemes that must all
pass. A scheme's credential must first have the shape the spec documents for it
(`x-credential-pattern`), then the backend's verifier decides. When no alternative
passes, the most telling failure wins: 403 over 401, as Connexion ranks them.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.datastructures import Headers, QueryParams
from starlette.requests import cookie_parser

from keywright.dispatch.call import Verifier
from keywright.errors import ApiError, Kind
from keywright.interface import Authenticated
from keywright.specs.extensions import CREDENTIAL_PATTERN

Credential = tuple[str, ...]


class Scheme:
    """One security scheme: where its credential is, its shape, and who verifies it."""

    def __init__(self, name: str, definition: Mapping[str, Any], verify: Verifier) -> None:
        self.name = name
        self.definition = definition
        self.verify = verify
        self.kind = _kind(definition)
        self.pattern = re.compile(definition.get(CREDENTIAL_PATTERN, ".+"))
        described = " ".join(str(definition.get("description", "")).split())
        self.expected = described or f"a credential matching {self.pattern.pattern}"

    def credential(self, headers: Headers, query: QueryParams) -> Credential | None:
        """The credential the request presents for this scheme, or None if it presents none."""
        if self.kind == "apiKey":
            name = self.definition["name"]
            location = self.definition["in"]
            if location == "header":
                value = headers.get(name)
            elif location == "query":
                value = query.get(name)
            else:
                value = cookie_parser(headers.get("cookie", "")).get(name)
            return None if value is None else (value,)
        auth_type, value = _authorization(headers)
        if self.kind == "basic":
            return None if auth_type != "basic" else _basic(value)
        return None if auth_type != "bearer" else (value,)

    def challenge(self, realm: str) -> str:
        """This scheme's `WWW-Authenticate` challenge; API keys name their header or parameter
        (there is no registered scheme for them)."""
        quoted = 'realm="' + realm.replace('"', '\\"') + '"'
        if self.kind == "basic":
            return f'Basic {quoted}, charset="UTF-8"'
        if self.kind in ("bearer", "oauth2"):
            return f"Bearer {quoted}"
        return f'ApiKey {quoted}, {self.definition["in"]}="{self.definition["name"]}"'

    def has_shape(self, credential: str) -> bool:
        """Whether `credential` (`user:password` for Basic) has the documented shape."""
        return self.pattern.fullmatch(credential) is not None

    async def check(self, credential: Credential, required_scopes: Sequence[str]) -> Any:
        """Who `credential` belongs to, once it has the documented shape and passes the verifier
        (and, for OAuth2, holds the required scopes)."""
        if not self.has_shape(":".join(credential)):
            raise ApiError(
                Kind.UNAUTHENTICATED,
                f"Malformed {self.name} credential; expected {self.expected}",
            )
        identity = await self.verify(*credential)
        if self.kind == "oauth2" and required_scopes:
            held = set(getattr(identity, "scopes", ()))
            missing = [scope for scope in required_scopes if scope not in held]
            if missing:
                raise ApiError(Kind.FORBIDDEN, f"The token lacks scope(s): {', '.join(missing)}")
        return identity


class Guard:
    """An operation's security requirements, checked in one call."""

    def __init__(
        self, alternatives: Sequence[Sequence[tuple[Scheme, Sequence[str]]]], realm: str = ""
    ) -> None:
        self.alternatives = alternatives
        schemes = {scheme.name: scheme for alternative in alternatives for scheme, _ in alternative}
        self.challenge = ", ".join(scheme.challenge(realm) for scheme in schemes.values())
        """`WWW-Authenticate` of a 401 (RFC 9110): every scheme that could authenticate."""

    @classmethod
    def compile(
        cls,
        requirements: Sequence[Mapping[str, Sequence[str]]] | None,
        schemes: Mapping[str, Mapping[str, Any]],
        verifiers: Mapping[str, Verifier],
        realm: str = "",
    ) -> Guard:
        compiled = {
            name: Scheme(name, definition, verifiers.get(name) or _unimplemented(name))
            for name, definition in schemes.items()
        }
        alternatives = []
        for requirement in requirements or [{}]:
            missing = [name for name in requirement if name not in compiled]
            if missing:
                raise ValueError(f"security scheme(s) {', '.join(missing)} are not defined")
            alternatives.append([(compiled[name], scopes) for name, scopes in requirement.items()])
        return cls(alternatives, realm)

    async def check(self, headers: Headers, query: QueryParams) -> Authenticated[Any]:
        """The caller, by the first alternative whose credentials all pass; the most telling
        failure otherwise."""
        failures: list[ApiError] = []
        for alternative in self.alternatives:
            try:
                caller = await self._check_all(alternative, headers, query)
            except ApiError as error:
                failures.append(error)
                continue
            if caller is not None:
                return caller
        failure = _most_telling(failures) if failures else self._nothing_presented(headers)
        if failure.kind is Kind.UNAUTHENTICATED and self.challenge:
            failure.headers.setdefault("WWW-Authenticate", self.challenge)
        raise failure

    def _nothing_presented(self, headers: Headers) -> ApiError:
        """No scheme found its credential: missing, or under an HTTP scheme none takes."""
        try:
            presented, _ = _authorization(headers)
        except ApiError as malformed:
            return malformed
        accepted = sorted(
            {
                "Basic" if scheme.kind == "basic" else "Bearer"
                for alternative in self.alternatives
                for scheme, _ in alternative
                if scheme.kind in ("basic", "bearer", "oauth2")
            }
        )
        if presented is not None and accepted:
            scheme = headers["authorization"].split(maxsplit=1)[0]
            return ApiError(
                Kind.UNAUTHENTICATED,
                f"Authorization scheme {scheme!r} is not supported; use {' or '.join(accepted)}",
            )
        return ApiError(Kind.UNAUTHENTICATED, "Missing credentials")

    @property
    def query_parameters(self) -> set[str]:
        """Query parameters that carry a credential of this operation's (API keys `in: query`)."""
        return {
            scheme.definition["name"]
            for alternative in self.alternatives
            for scheme, _ in alternative
            if scheme.kind == "apiKey" and scheme.definition["in"] == "query"
        }

    @staticmethod
    async def _check_all(
        schemes: Sequence[tuple[Scheme, Sequence[str]]], headers: Headers, query: QueryParams
    ) -> Authenticated[Any] | None:
        """The caller when every scheme passes (as the first scheme names it), None when a
        credential is absent."""
        caller = None
        for scheme, scopes in schemes:
            credential = scheme.credential(headers, query)
            if credential is None:
                return None
            identity = await scheme.check(credential, scopes)
            caller = caller or Authenticated(scheme.name, identity)
        return caller or Authenticated("", None)  # an alternative that asks for nothing


def _unimplemented(scheme: str) -> Verifier:
    async def verify(*_credential: str) -> Any:
        raise ApiError(
            Kind.UNIMPLEMENTED, f"Credentials of {scheme} cannot be verified by this server"
        )

    return verify


def _most_telling(failures: Sequence[ApiError]) -> ApiError:
    by_status = {error.kind.status: error for error in failures}
    return by_status.get(403) or by_status.get(401) or by_status[min(by_status)]


def _kind(definition: Mapping[str, Any]) -> str:
    if definition["type"] == "http":
        scheme = str(definition["scheme"]).lower()
        if scheme not in ("basic", "bearer"):
            raise ValueError(f"unsupported http security scheme {scheme!r}")
        return scheme
    if definition["type"] not in ("apiKey", "oauth2"):
        raise ValueError(f"unsupported security scheme type {definition['type']!r}")
    return str(definition["type"])


_CREDENTIALS = re.compile(r"([!#$%&'*+.^_`|~0-9A-Za-z-]+) +([!-~]+)")
"""RFC 9110, 11.4: the scheme, one or more spaces, the credentials (no whitespace in them);
the field's own leading and trailing spaces and tabs are not part of it (5.5)."""


def _authorization(headers: Headers) -> tuple[str | None, str]:
    value = headers.get("authorization")
    if not value:
        return None, ""
    match = _CREDENTIALS.fullmatch(value.strip(" \t"))
    if match is None:
        raise ApiError(Kind.UNAUTHENTICATED, "Invalid authorization header")
    return match[1].lower(), match[2]


def _basic(value: str) -> Credential:
    try:
        decoded = base64.b64decode(value).decode("latin1")
    except (binascii.Error, ValueError):
        raise ApiError(Kind.UNAUTHENTICATED, "Invalid authorization header") from None
    username, colon, password = decoded.partition(":")
    if not colon:
        raise ApiError(Kind.UNAUTHENTICATED, "Invalid authorization header")
    return username, password


def credential_headers(definition: Mapping[str, Any], credential: Credential) -> dict[str, str]:
    """The request headers that present `credential` for a scheme (header schemes only)."""
    kind = _kind(definition)
    if kind == "apiKey":
        if definition["in"] != "header":
            raise ValueError(f"{definition['in']} credentials are not headers")
        return {definition["name"]: credential[0]}
    if kind == "basic":
        token = base64.b64encode(":".join(credential).encode()).decode()
        return {"Authorization": f"Basic {token}"}
    return {"Authorization": f"Bearer {credential[0]}"}
