"""The soak's judges fail when they should: an answer off the spec is named, a secret stored
next to other text is found, and a soak that measured nothing fails its checks."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.catalog import CATALOG
from tests.credentials import PROJECT
from tests.soak.figures import checks, p99
from tests.soak.leaks import plaintext
from tests.soak.oracle import Oracle
from tests.soak.soak import SHORT, Result, Server
from tests.soak.wire import Reply

ORACLE = Oracle(CATALOG)
ACCESS_KEYS = f"/v1/projects/{PROJECT}/accessKeys"
JSON = {"content-type": "application/json"}


def _reply(status: int, body: object, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, JSON if headers is None else headers, orjson.dumps(body))


def _error(status: int) -> dict[str, object]:
    return {"error": {"code": status, "message": "m", "status": "INVALID_ARGUMENT"}}


def test_a_documented_error_in_the_envelope_passes() -> None:
    assert ORACLE.problem("POST", ACCESS_KEYS, _reply(400, _error(400))) is None
    assert ORACLE.problem("GET", ACCESS_KEYS, _reply(405, _error(405))) is None


def test_answers_off_the_spec_are_named() -> None:
    plain = Reply(500, {"content-type": "text/plain"}, b"Internal Server Error")
    assert "text/plain" in str(ORACLE.problem("POST", ACCESS_KEYS, plain))
    assert "not documented" in str(ORACLE.problem("POST", ACCESS_KEYS, _reply(418, _error(418))))
    created = {"accessKey": {"accessKeyId": "x"}, "secret": "s", "extra": 1}
    assert "off its schema" in str(ORACLE.problem("POST", ACCESS_KEYS, _reply(200, created)))
    assert "envelope" in str(ORACLE.problem("POST", ACCESS_KEYS, _reply(400, _error(401))))
    assert "not JSON" in str(
        ORACLE.problem("POST", ACCESS_KEYS, Reply(400, JSON, b"<html>oops</html>"))
    )


def test_an_unrouted_request_must_be_404_or_405_in_the_owners_envelope() -> None:
    proxy_404 = _reply(404, {"code": "404", "message": "No operation"})
    assert ORACLE.problem("POST", "/cf/admin/nothing", proxy_404) is None
    assert ORACLE.problem("POST", "/api/admin/nothing", proxy_404) is not None
    assert "expected 404 or 405" in str(
        ORACLE.problem("POST", "/cf/admin/nothing", _reply(400, {"code": "400", "message": "m"}))
    )


def test_a_secret_is_found_however_it_is_surrounded() -> None:
    secrets = ["key_AbC123xyz0000000000000000000000", "VZDy2BVE8NuBQz1j0JtC0dgmi1BEv_nm"]
    glued = b"\x00\x17row" + secrets[1].encode() + b"moretext\x01"
    assert plaintext(secrets, glued) == {secrets[1]}
    assert plaintext(secrets, b"log line " + secrets[0].encode() + b"\n") == {secrets[0]}
    assert plaintext(secrets, b"key_AbC123xyz000 nothing whole here") == set()
    assert plaintext([], b"anything") == set()


def test_p99() -> None:
    assert p99([]) is None
    assert p99([float(n) for n in range(1, 101)]) == 99.0
    assert p99([0.5]) == 0.5


def test_a_soak_that_measured_nothing_fails(tmp_path: Path) -> None:
    servers = [Server(kind, 0, 0, tmp_path / f"{kind}.log", []) for kind in ("serve", "mock")]
    failed = {c.name for c in checks(Result(SHORT, servers)) if not c.passed}
    for kind in ("serve", "mock"):
        assert f"{kind}: enough requests to judge" in failed
        assert f"{kind}: RSS and fds measured" in failed
        assert f"{kind}: p99 of well-formed requests under attack within 1 s" in failed
    assert "serve: every acknowledged key present after a restart" in failed
    assert "no plaintext secret in the database files or the logs" in failed
