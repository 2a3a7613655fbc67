"""What the soak sends: well-formed creates, and every family of hostile request the
hostile-input tests know (tests/contract/test_hostile_inputs.py, whose cases are reused here as
they are), built as raw bytes for each API.

Wrong types are derived from each operation's request schema, so a new field is attacked too.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import orjson

from keywright.catalog import Catalog
from tests.contract.test_hostile_inputs import CASES as HOSTILE_CASES
from tests.credentials import ADMIN, OAUTH, PROJECT, PROXY_ADMIN
from tests.soak.wire import Sending

JSON = b"Content-Type: application/json"
LONG_BODY = 70 * 1024
"""Over the servers' 64 KiB body limit."""
DECLARED = 10 * 1024 * 1024
"""What the oversized-body attack announces; it sends only `SENT_OF_DECLARED` of it."""
SENT_OF_DECLARED = 256 * 1024
NESTING = (100, 500, 900, 990, 1000, 2000, 30_000)
"""Depths around Python's recursion limit (1000), where a parser or a validator that recurses
would fail, and far beyond it."""


@dataclass(frozen=True)
class Api:
    """One API as the soak drives it: its create operation's path and development credential."""

    name: str
    path: str
    credential: bytes
    schema: dict[str, Any]
    """The create operation's request body schema (inlined)."""

    def body(self, tag: str) -> dict[str, Any]:
        """A valid create body, unique by `tag` where the API wants uniqueness."""
        if self.name == "api-keys":
            return {"scopes": ["pci:tokens:read"], "expiration_time": 3600}
        if self.name == "access-keys":
            return {"displayName": f"soak {tag}"}
        if self.name == "proxy-keys":
            return {
                "identifier": f"soak_{tag.replace('-', '_')}",
                "name": f"soak {tag}",
                "organizations": {"default": {"projects": {"web_app": {"scope": "all"}}}},
            }
        raise KeyError(self.name)

    @property
    def route(self) -> str:
        return self.path.partition("?")[0]


def _header(headers: dict[str, str]) -> bytes:
    [(name, value)] = headers.items()
    return f"{name}: {value}".encode()


def apis(catalog: Catalog) -> list[Api]:
    paths = {
        "proxy-keys": ("/cf/admin/proxy/keys?accountIdentifier=dev_account", PROXY_ADMIN),
        "access-keys": (f"/v1/projects/{PROJECT}/accessKeys", OAUTH),
        "api-keys": ("/api/admin/api-keys", ADMIN),
    }
    found = []
    for api in catalog:
        path, credential = paths[api.name]  # a new API needs its line here
        [(_, operation)] = api.doc.operations()
        content = api.doc.inline(operation["requestBody"])["content"]["application/json"]
        found.append(Api(api.name, path, _header(credential), content["schema"]))
    return found


@dataclass(frozen=True)
class Request:
    """One request of the soak: the bytes, how to send them, what may come back."""

    api: str
    family: str
    case: str
    method: str
    path: str
    """The target as the oracle should route it (the bytes may mangle it)."""
    raw: bytes
    more: bytes = b""
    """Sent after `raw`; the server may answer before reading it."""
    sending: Sending = Sending.WHOLE
    well_formed: bool = False
    mock_accepts: bool = False
    """The mock does not check credentials' values or uniqueness: a 2xx from it is right."""
    cut: int | None = None
    """For a request abandoned midway: how many of its bytes are sent first."""
    unfinished: str | None = None
    """The tag of a create never completed: its name must not exist afterwards."""
    then: tuple[Request, ...] = ()
    """Requests pipelined behind this one on its connection, each answered in turn."""


def http(
    method: str,
    target: str | bytes,
    headers: list[bytes],
    body: bytes = b"",
    *,
    length: int | None = None,
) -> bytes:
    """A request as bytes: what is given, with a Content-Length (the body's, unless told)."""
    line = (target if isinstance(target, bytes) else target.encode()) if target else b"/"
    lines = [method.encode() + b" " + line + b" HTTP/1.1", b"Host: 127.0.0.1", *headers]
    if body or length is not None or method in ("POST", "PUT", "PATCH"):
        lines.append(b"Content-Length: " + str(len(body) if length is None else length).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


# Well-formed creates


@dataclass
class Seeds:
    """Keys made before the soak on one server, to use as credentials and to contest names."""

    api_key_admin: str = ""
    """An API key holding `admin:api-keys:create`."""
    access_key: tuple[str, str] = ("", "")
    """(id, secret) of an access key: Basic credentials."""
    taken: dict[str, bytes] = field(default_factory=dict)
    """API → a create body already granted (its name or identifier is taken)."""


def seed_requests(api: Api) -> list[tuple[str, bytes]]:
    """(purpose, request) made once per server before the soak."""
    made = [("taken", http("POST", api.path, [api.credential, JSON], _json(api.body("taken"))))]
    if api.name == "api-keys":
        body = _json({"scopes": ["admin:api-keys:create", "pci:tokens:read"]})
        made.append(("admin key", http("POST", api.path, [api.credential, JSON], body)))
    return made


def well_formed(
    api: Api, tag: str, number: int, seeds: Seeds, *, keep_alive: bool = False
) -> Request:
    """A valid create, by each credential scheme the API takes in turn, in each of the shapes
    HTTP/1.1 allows a client to send it (`SHAPES`; a plain one to keep the connection open)."""
    credential = api.credential
    headers: list[bytes] = [JSON]
    case = "development credential"
    if api.name == "api-keys" and number % 3 == 1 and seeds.api_key_admin:
        credential, case = f"x-api-key: {seeds.api_key_admin}".encode(), "API key"
    elif api.name == "api-keys" and number % 3 == 2:
        headers.append(f"x-idempotency-key: soak-{tag}".encode())
        case = "admin token, idempotency key"
    elif api.name == "access-keys" and number % 2 and seeds.access_key[0]:
        credential, case = basic(*seeds.access_key), "Basic"
    shape, reshape = SHAPES[0 if keep_alive else number // 3 % len(SHAPES)]
    raw = reshape(http("POST", api.path, [credential, *headers], _json(api.body(tag))))
    return Request(
        api.name, "well-formed", f"{case}, {shape}", "POST", api.path, raw, well_formed=True
    )


def _absolute(raw: bytes) -> bytes:
    method, _, rest = raw.partition(b" ")
    return method + b" http://127.0.0.1" + rest


def _header_names_shouted(raw: bytes) -> bytes:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    shouted = [
        name.upper() + b":" + value
        for name, _, value in (line.partition(b":") for line in lines[1:])
    ]
    return b"\r\n".join([lines[0], *shouted]) + b"\r\n\r\n" + body


SHAPES: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("plain", lambda raw: raw),
    (
        "Expect: 100-continue",
        lambda raw: raw.replace(b"\r\n\r\n", b"\r\nExpect: 100-continue\r\n\r\n", 1),
    ),
    ("HTTP/1.0", lambda raw: raw.replace(b" HTTP/1.1\r\n", b" HTTP/1.0\r\n", 1)),
    ("absolute target", _absolute),
    (
        "Connection: close",
        lambda raw: raw.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1),
    ),
    ("header names in capitals", _header_names_shouted),
]
"""Ways of sending the same valid request that every HTTP/1.1 server must take."""


# Hostile requests


def hostile(api: Api, seeds: Seeds) -> list[Request]:
    """Every hostile case for `api`, once."""
    return [
        *_reused(api),
        *_bad_json(api),
        *_wrong_types(api),
        *_huge_numbers(api),
        *_nesting(api),
        *_encodings(api),
        *_content_types(api),
        *_oversized(api),
        *_credentials(api, seeds),
        *_unrouted(api),
        *_request_lines(api),
        *_targets(api),
        *_lengths(api),
        *_conflicts(api, seeds),
    ]


def oversized_heads(api: Api) -> list[Request]:
    """Heads over the servers' limits (32 KiB, 100 fields): 431, once the servers bound them."""
    many = [f"x-soak-{n}: {n}".encode() for n in range(150)]
    big = [b"x-soak: " + b"a" * 40_000]
    body = _json(api.body("never"))
    long_path = api.path + ("&" if "?" in api.path else "?") + "pad=" + "p" * 40_000
    return [
        _post(api, "oversized head", "150 header fields", [api.credential, JSON, *many], body),
        _post(api, "oversized head", "a 40 kB header", [api.credential, JSON, *big], body),
        _post(api, "oversized head", "a 40 kB path", [api.credential, JSON], body, path=long_path),
    ]


def disconnects(api: Api, tag: str) -> list[Request]:
    """Creates the client abandons: cut short then a FIN or an RST, or sent whole and never
    read. A body cut short is never acted on: where the API has a unique name, that name must
    still be free afterwards."""
    padded = _json(api.body(tag)) + b" " * 200
    raw = http("POST", api.path, [api.credential, JSON], padded)
    cut = len(raw) - 100  # the head and the whole JSON, not all of the padding it declared
    checkable = api.name != "api-keys"  # an API key has no name to look for
    found = [
        Request(
            api.name,
            "abrupt disconnect",
            f"body cut short, then {sending.value}",
            "POST",
            api.path,
            raw,
            sending=sending,
            cut=cut,
            unfinished=tag if checkable else None,
        )
        for sending in (Sending.HANG_UP, Sending.RESET)
    ]
    left = http("POST", api.path, [api.credential, JSON], _json(api.body(tag + "-left")))
    found.append(
        Request(
            api.name,
            "abrupt disconnect",
            "sent whole, answer never read",
            "POST",
            api.path,
            left,
            sending=Sending.LEAVE,
        )
    )
    return found


def pipelined(apis: list[Api], tag: str, number: int, seeds: Seeds) -> Request:
    """Two requests in one write on one connection (HTTP/1.1 pipelining): each must get its
    own answer, in order, whatever the other one was."""
    api, other = apis[number % len(apis)], apis[(number + 1) % len(apis)]
    create = _pipelined(well_formed(api, f"{tag}-a", number, seeds, keep_alive=True), "a create")
    create_other = _pipelined(well_formed(other, f"{tag}-b", number, seeds), "a create")
    bad_json = _pipelined(_post(api, "", "", [api.credential, JSON], b"nope"), "bad JSON")
    anonymous = _pipelined(_post(api, "", "", [JSON], b"{}"), "no credentials")
    get = Request(api.name, "pipelined", "GET", "GET", api.path, http("GET", api.path, []))
    nul_line = _pipelined(next(_request_lines(api)), "a NUL in the request line")
    too_many = _pipelined(oversized_heads(api)[0], "150 header fields")
    pairs = [
        (create, bad_json),
        (anonymous, create_other),
        (create, get),
        (create, create_other),
        (create, nul_line),  # refused by the protocol: after the create's answer, not instead
        (create, too_many),
    ]
    first, second = pairs[number // len(apis) % len(pairs)]
    return replace(first, case=f"{first.case}, then {second.case}", then=(second,))


def _pipelined(request: Request, case: str) -> Request:
    return replace(request, family="pipelined", case=case)


def _post(
    api: Api,
    family: str,
    case: str,
    headers: list[bytes],
    body: bytes,
    *,
    length: int | None = None,
    mock_accepts: bool = False,
    path: str | None = None,
) -> Request:
    path = path or api.path
    return Request(
        api.name,
        family,
        case,
        "POST",
        path,
        http("POST", path, headers, body, length=length),
        mock_accepts=mock_accepts,
    )


def _reused(api: Api) -> Iterator[Request]:
    """The hostile-input tests' own cases, as they are."""
    for case, (headers, body, _, _) in HOSTILE_CASES.items():
        yield _post(api, "hostile-input tests", case, [api.credential, *headers], body)


def _bad_json(api: Api) -> Iterator[Request]:
    valid = _json(api.body("never"))
    for case, body in {
        "cut short": valid[: len(valid) // 2],
        "not JSON": b"nope",
        "empty": b"",
        "trailing comma": valid[:-1] + b",}",
        "single quotes": valid.replace(b'"', b"'"),
        "NaN": b'{"x": NaN}',
        "Infinity": b'{"x": -Infinity}',
        "null": b"null",
        "two documents": valid + b" " + valid,
        "comment": b"/* hi */" + valid,
        "unknown field": valid[:-1] + b', "soak_unknown": 1}',
        "missing fields": b"{}",
    }.items():
        yield _post(api, "bad JSON", case, [api.credential, JSON], body)


_WRONG: dict[str, Any] = {
    "string": "x",
    "integer": 7,
    "number": 1.5,
    "boolean": True,
    "array": ["x"],
    "object": {"x": 1},
    "null": None,
}


def _wrong_types(api: Api) -> Iterator[Request]:
    """Each property of the body with a value of every JSON type its schema does not take, and
    the body itself as something other than an object."""
    bodies: tuple[Any, ...] = ([], "x", 42, True)
    for value in bodies:
        yield _post(
            api,
            "wrong types",
            f"body is {type(value).__name__}",
            [api.credential, JSON],
            _json(value),
        )
    valid = api.body("never")
    for name, schema in api.schema.get("properties", {}).items():
        wanted = schema.get("type")
        for kind, value in _WRONG.items():
            if kind == wanted or (wanted == "number" and kind == "integer"):
                continue
            body = {**valid, name: value}
            yield _post(
                api, "wrong types", f"{name} as {kind}", [api.credential, JSON], _json(body)
            )


def _huge_numbers(api: Api) -> Iterator[Request]:
    """Numbers no field can hold, in every field: 1e400 is infinity to Python's parser."""
    literals = (
        b"1e400",
        b"-1e400",
        b"1e-400",
        b"18446744073709551616",
        b"-9223372036854775809",
        b"1.8e308",
        b"9" * 4000,
    )
    for literal in literals:
        for name in api.schema.get("properties", {}):
            placeholder = _json({**api.body("never"), name: 0})
            spot = _json(name) + b":0"
            body = placeholder.replace(spot, _json(name) + b":" + literal, 1)
            case = f"{name} = {literal[:24].decode()}"
            yield _post(api, "huge numbers", case, [api.credential, JSON], body)


def _nesting(api: Api) -> Iterator[Request]:
    first = next(iter(api.schema.get("properties", {"x": {}})))
    for depth in NESTING:
        arrays = b"[" * depth + b"]" * depth
        objects = b'{"a":' * depth + b"1" + b"}" * depth
        yield _post(api, "deep nesting", f"arrays {depth} deep", [api.credential, JSON], arrays)
        yield _post(api, "deep nesting", f"objects {depth} deep", [api.credential, JSON], objects)
        inside = b'{"' + first.encode() + b'": ' + arrays + b"}"
        yield _post(api, "deep nesting", f"{first} {depth} deep", [api.credential, JSON], inside)
    if api.name == "proxy-keys":  # a map whose values the schema walks into
        for depth in NESTING:
            deep = b'{"p":' * depth + b"1" + b"}" * depth
            body = b'{"identifier":"n","name":"n","organizations":{"o":{"projects":' + deep + b"}}}"
            yield _post(api, "deep nesting", f"projects {depth} deep", [api.credential, JSON], body)


def _encodings(api: Api) -> Iterator[Request]:
    valid = _json(api.body("never"))
    for case, (content_type, body) in {
        "UTF-8 BOM": (JSON, b"\xef\xbb\xbf" + valid),
        "UTF-8 BOM, charset": (JSON + b"; charset=utf-8", b"\xef\xbb\xbf" + valid),
        "UTF-16 with BOM": (JSON, valid.decode().encode("utf-16")),
        "UTF-16 without BOM": (JSON + b"; charset=utf-16", valid.decode().encode("utf-16-le")),
        "Latin-1 byte": (JSON, b'{"x": "caf\xe9"}'),
        "overlong encoding": (JSON, b'{"x": "\xc0\xaf"}'),
        "encoded surrogate": (JSON, b'{"x": "\xed\xa0\x80"}'),
        "NUL in a string": (JSON, b'{"x": "a\\u0000b"}'),
    }.items():
        yield _post(api, "encodings", case, [api.credential, content_type], body)


def _content_types(api: Api) -> Iterator[Request]:
    valid = _json(api.body("never"))
    for content_type in (
        b"text/plain",
        b"application/x-www-form-urlencoded",
        b"multipart/form-data; boundary=x",
        b"application/octet-stream",
        b"",
        b"application/jsonx",
        b"*/*",
    ):
        header = b"Content-Type: " + content_type
        yield _post(
            api,
            "content types",
            f"{content_type.decode() or '(empty)'}",
            [api.credential, header],
            valid,
        )


def _oversized(api: Api) -> Iterator[Request]:
    big = _json({"x": "a" * LONG_BODY})
    yield _post(api, "oversized bodies", "70 KiB body", [api.credential, JSON], big)
    head = http("POST", api.path, [api.credential, JSON], length=DECLARED)
    yield Request(
        api.name,
        "oversized bodies",
        "10 MiB declared, 256 KiB sent",
        "POST",
        api.path,
        head,
        more=b" " * SENT_OF_DECLARED,
    )
    chunked = [api.credential, JSON, b"Transfer-Encoding: chunked"]
    chunks = b"".join(b"%x\r\n" % 4096 + b" " * 4096 + b"\r\n" for _ in range(20)) + b"0\r\n\r\n"
    yield Request(
        api.name,
        "oversized bodies",
        "80 KiB chunked",
        "POST",
        api.path,
        _no_length(http("POST", api.path, chunked, chunks)),
    )


def _credentials(api: Api, seeds: Seeds) -> Iterator[Request]:
    """Missing, malformed and unknown credentials of every scheme the API takes."""
    body = _json(api.body("never"))
    cases: dict[str, tuple[list[bytes], bool]] = {"missing": ([], False)}
    if api.name == "access-keys":
        unknown = str(uuid.UUID(int=7))
        cases |= {
            "Bearer, unknown token": ([b"Authorization: Bearer soak-unknown-token"], True),
            "Bearer, no token": ([b"Authorization: Bearer"], False),
            "Bearer, two tokens": ([b"Authorization: Bearer a b"], False),
            "Bearer, not the token's alphabet": ([b'Authorization: Bearer a"b'], False),
            "Basic, not base64": ([b"Authorization: Basic !!!"], False),
            "Basic, no colon": ([b"Authorization: Basic " + base64.b64encode(b"nocolon")], False),
            "Basic, unknown key": ([basic(unknown, "secret")], True),
            "Basic, wrong secret": ([basic(seeds.access_key[0] or unknown, "wrong")], True),
            "Basic, empty": ([b"Authorization: Basic"], False),
            "Digest": ([b"Authorization: Digest username=x"], False),
            "two Authorization headers": (
                [b"Authorization: Bearer a", b"Authorization: Bearer b"],
                True,
            ),
        }
    elif api.name == "api-keys":
        cases |= {
            "x-api-key, unknown": ([b"x-api-key: key_soakunknown0000000000000000000000"], True),
            "x-api-key, empty": ([b"x-api-key:"], False),
            "x-admin-token, unknown": ([b"x-admin-token: soak-unknown"], True),
            "x-admin-token, empty": ([b"x-admin-token:"], False),
            "both, unknown": ([b"x-api-key: nope", b"x-admin-token: nope"], True),
            "Authorization instead": ([b"Authorization: Bearer x"], False),
        }
    elif api.name == "proxy-keys":
        cases |= {
            "x-api-key, malformed": ([b"x-api-key: garbage"], False),
            "x-api-key, unknown": ([b"x-api-key: pat.dev_account.soak.unknown"], True),
            "x-api-key, empty": ([b"x-api-key:"], False),
            "Authorization instead": ([b"Authorization: Bearer x"], False),
        }
    for case, (headers, mock_accepts) in cases.items():
        yield _post(api, "credentials", case, [*headers, JSON], body, mock_accepts=mock_accepts)
    if api.name == "proxy-keys":
        other = api.path.replace("dev_account", "soak_other")
        yield _post(
            api,
            "credentials",
            "another account",
            [api.credential, JSON],
            body,
            mock_accepts=True,
            path=other,
        )


def _unrouted(api: Api) -> Iterator[Request]:
    route, _, query = api.path.partition("?")
    suffix = "?" + query if query else ""
    body = _json(api.body("never"))
    for method in ("GET", "PUT", "DELETE", "PATCH"):
        raw = http(method, api.path, [api.credential, JSON], body if method != "GET" else b"")
        yield Request(api.name, "wrong path or method", method, method, api.path, raw)
    for case, path in {
        "trailing slash": route + "/" + suffix,
        "unknown path": route + "/soak-nothing" + suffix,
        "dot segments": route + "/../x" + suffix,
    }.items():
        yield _post(api, "wrong path or method", case, [api.credential, JSON], body, path=path)


def _request_lines(api: Api) -> Iterator[Request]:
    """Bytes HTTP does not allow in the path: answered in the envelope by the protocol."""
    route, _, query = api.path.partition("?")
    for name, byte in {"NUL": b"\x00", "UTF-8": b"\xc3\xa9", "DEL": b"\x7f"}.items():
        target = route.encode() + byte + (b"?" + query.encode() if query else b"")
        raw = http("POST", target, [api.credential, JSON], b"{}")
        yield Request(api.name, "request line", f"{name} in the path", "POST", api.path, raw)


def _targets(api: Api) -> Iterator[Request]:
    """Percent-encoded junk where the path or the query carries a value: a project id the
    credential may not use (the mock takes any), an account identifier off its pattern."""
    body = _json(api.body("never"))
    headers = [api.credential, JSON]
    if api.name == "access-keys":
        for case, junk in {
            "encoded slash": "a%2Fb",
            "encoded NUL": "a%00b",
            "broken escape": "a%zzb",
            "Latin-1 escape": "caf%E9",
            "UTF-8 escape": "caf%C3%A9",
            "dot dot": "..",
        }.items():
            path = api.path.replace(PROJECT, junk)
            yield _post(api, "path and query", case, headers, body, path=path, mock_accepts=True)
    if api.name == "proxy-keys":
        route = api.route + "?accountIdentifier="
        for case, query in {
            "no query": "",
            "empty account": "",
            "encoded NUL": "dev%00",
            "broken escape": "%zz",
            "Latin-1 escape": "%FF",
            "200 characters": "a" * 200,
        }.items():
            path = api.route if case == "no query" else route + query
            yield _post(api, "path and query", case, headers, body, path=path)


def _lengths(api: Api) -> Iterator[Request]:
    """Lengths that lie or contradict each other, around a body that is invalid however it is
    read (`{}`): whatever the server makes of the framing, it must not create anything."""
    chunked = b"2\r\n{}\r\n0\r\n\r\n"
    for case, (headers, payload) in {
        "negative Content-Length": ([b"Content-Length: -1"], b"{}"),
        "Content-Length not a number": ([b"Content-Length: ten"], b"{}"),
        "two different Content-Lengths": ([b"Content-Length: 1", b"Content-Length: 2"], b"{}"),
        "Content-Length and chunked": (
            [b"Content-Length: %d" % len(chunked), b"Transfer-Encoding: chunked"],
            chunked,
        ),
        "bad chunk size": ([b"Transfer-Encoding: chunked"], b"zz\r\n{}\r\n0\r\n\r\n"),
        "chunked, valid": ([b"Transfer-Encoding: chunked"], chunked),
    }.items():
        head = [f"POST {api.path} HTTP/1.1".encode(), b"Host: 127.0.0.1", api.credential, JSON]
        raw = b"\r\n".join([*head, *headers]) + b"\r\n\r\n" + payload
        yield Request(api.name, "lying lengths", case, "POST", api.path, raw)


def _conflicts(api: Api, seeds: Seeds) -> Iterator[Request]:
    taken = seeds.taken.get(api.name)
    if taken is not None and api.name != "api-keys":  # API keys have no unique field
        yield _post(
            api, "conflicts", "name already taken", [api.credential, JSON], taken, mock_accepts=True
        )


def _no_length(raw: bytes) -> bytes:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.startswith(b"Content-Length:")]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def basic(user: str, password: str) -> bytes:
    return b"Authorization: Basic " + base64.b64encode(f"{user}:{password}".encode())


def _json(value: Any) -> bytes:
    return orjson.dumps(value)
