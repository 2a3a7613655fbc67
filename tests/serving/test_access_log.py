"""Both servers log one line per request at info: method, path, status, time taken and a note
(the mock's example); never the query string, which may carry credentials."""

from __future__ import annotations

import logging
import re

import pytest
from starlette.testclient import TestClient

from keywright.mock import create_app as create_mock
from keywright.server import create_app as create_server
from keywright.serving import access_log
from tests.credentials import ADMIN

API_KEYS = "/api/admin/api-keys"


@pytest.fixture(params=["serve", "mock"])
def client(request: pytest.FixtureRequest) -> TestClient:
    return TestClient(create_server() if request.param == "serve" else create_mock())


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    access_log.flush()
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "keywright.access")
    return text.splitlines()


def test_one_line_per_request_in_order(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="keywright.access"):
        client.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=ADMIN)
        client.post(API_KEYS, json={"scopes": "not a list"}, headers=ADMIN)
        client.get("/healthz")
        lines = logged(caplog)
    statuses = [line.split()[2] for line in lines]
    assert statuses == ["200", "422", "200"]
    for line in lines:
        assert re.fullmatch(r"(POST|GET) /\S* \d{3} \d+\.\dms \S+", line), line


def test_the_query_string_is_never_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="keywright.access"):
        client.post(API_KEYS + "?access_token=adm_do_not_log", json={}, headers={})
        lines = logged(caplog)
    assert len(lines) == 1
    assert lines[0].startswith(f"POST {API_KEYS} 401 ")
    assert "adm_do_not_log" not in caplog.text


def test_nothing_is_logged_above_info(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="keywright.access"):
        client.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=ADMIN)
        assert logged(caplog) == []


def test_lines_put_from_many_threads_all_arrive(caplog: pytest.LogCaptureFixture) -> None:
    import threading

    with caplog.at_level(logging.INFO, logger="keywright.access"):
        threads = [
            threading.Thread(
                target=lambda n=n: [access_log.WRITER.put(f"{n} {i}") for i in range(500)]
            )
            for n in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        lines = logged(caplog)
    assert sorted(lines) == sorted(f"{n} {i}" for n in range(4) for i in range(500))
    for n in range(4):  # each thread's lines in the order it put them
        assert [line for line in lines if line.startswith(f"{n} ")] == [
            f"{n} {i}" for i in range(500)
        ]


def test_a_path_is_logged_as_sent_never_with_a_decoded_control_character() -> None:
    """Every log line that names a request's path (the access log, the error log) uses this."""
    assert access_log.as_sent({"raw_path": b"/v1/projects/x%0AINFO:/accessKeys", "path": "…"}) == (
        "/v1/projects/x%0AINFO:/accessKeys"
    )
    assert (
        access_log.as_sent({"path": "/v1/projects/x\nINFO:\x1b[31m"})
        == "/v1/projects/x%0AINFO%3A%1B%5B31m"
    )
