"""Server bugs the soak found, each kept as a regression test of its fix.

1. Pipelining. A request the protocol itself refuses (a NUL in the request line, a control
   character in a header, too many header fields), pipelined behind a valid create on the same
   connection, was answered in place of the create: the key was stored and its secret shown to
   nobody. The refusal of a malformed request line came in no API's envelope, as the start of
   the request that finds its API had been reset when the create's message completed. Now the
   refusal waits for the answers the app owes, and the request line is found in the read the
   refused request began in.

2. Log injection. The access log wrote the request's percent-decoded path: `%0A` in a path
   started a line of the client's choosing in the server's log, `%1B` wrote terminal escapes,
   `%00` a NUL. Now the path is logged as sent.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.credentials import OAUTH, PROJECT
from tests.envelopes import assert_envelope_body
from tests.processes import keywright
from tests.soak.attacks import JSON, http
from tests.soak.wire import exchange

ENV = {"KEYWRIGHT_PROXY_API_KEY": "", "KEYWRIGHT_OAUTH_TOKEN": "", "KEYWRIGHT_ADMIN_TOKEN": ""}
PATH = f"/v1/projects/{PROJECT}/accessKeys"
BEARER = f"Authorization: {OAUTH['Authorization']}".encode()
REFUSED = {
    "NUL in the request line": http("POST", PATH.encode() + b"\x00", [BEARER, JSON], b"{}"),
    "control character in a header": http("POST", PATH, [BEARER, JSON, b"x-a: a\x01b"], b"{}"),
    "150 header fields": http(
        "POST", PATH, [BEARER, JSON, *(b"x-%d: %d" % (n, n) for n in range(150))], b"{}"
    ),
}
FORGED = "INFO:     forged by a request"


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """`keywright serve` on a throwaway database: its port and its log."""
    log = tmp_path_factory.mktemp("found") / "serve.log"
    with (
        log.open("w") as output,
        keywright("serve", "--db", ":memory:", env=ENV, output=output.fileno()) as (url, _),
    ):
        yield int(url.rsplit(":", 1)[1]), log


@pytest.mark.parametrize("refused", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_request_pipelined_behind_a_create_leaves_the_create_answered(
    serve: tuple[int, Path], refused: bytes, request: pytest.FixtureRequest
) -> None:
    port, _ = serve
    name = f"pipelined {request.node.callspec.id}"
    create = http("POST", PATH, [BEARER, JSON], orjson.dumps({"displayName": name}))
    outcome = asyncio.run(exchange(port, create + refused, timeout=10, replies=2))
    statuses = [reply.status for reply in outcome.replies]
    assert statuses[:1] == [200], f"the create got {outcome.replies[:1]}"
    assert len(statuses) == 2, outcome.failure
    second = outcome.replies[1]
    assert_envelope_body("access-keys", orjson.loads(second.body), second.status)


def test_a_request_cannot_write_its_own_lines_in_the_log(serve: tuple[int, Path]) -> None:
    port, log = serve
    project = "x%0A" + FORGED.replace(" ", "%20") + "%1B[31m%00"
    target = PATH.replace(PROJECT, project)
    body = orjson.dumps({"displayName": "logged"})
    outcome = asyncio.run(exchange(port, http("POST", target, [BEARER, JSON], body), timeout=10))
    assert outcome.reply is not None and outcome.reply.status == 403
    deadline = time.monotonic() + 5  # the access log writes in batches, within a moment
    while b"forged" not in log.read_bytes() and time.monotonic() < deadline:
        time.sleep(0.05)
    written = log.read_bytes()
    assert b"forged" in written, "the request was not logged"
    lines = written.decode("utf-8", "replace").splitlines()
    assert not [line for line in lines if line.startswith(FORGED)], "a request wrote a log line"
    assert not [c for c in written if c < 0x20 and c not in b"\n\t"], "control characters"
