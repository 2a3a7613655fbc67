"""Dispatch matches documented operations on the path as sent, one segment at a time, each
decoded on its own (a parameter is one non-empty segment, `%2F` included); the rest goes on."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.app import build_app
from keywright.dispatch import ApiBinding, Route
from keywright.dispatch.binding import unimplemented
from keywright.dispatch.middleware import segments
from keywright.errors import SchemaEnvelope
from tests.catalog import CATALOG

ACCESS_KEYS = Route("/v1/projects/{projectId}/accessKeys", operation=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        (b"/v1/projects/acme-web/accessKeys", {"projectId": "acme-web"}),
        (b"/v1/projects/a%20b.c+d/accessKeys", {"projectId": "a b.c+d"}),
        (b"/v1/projects/a%2Fb/accessKeys", {"projectId": "a/b"}),
        (b"/v1/projects/a%2fb/accessKeys", {"projectId": "a/b"}),
        (b"/v1/projects/acme/access%4Beys", {"projectId": "acme"}),
        (b"/v1/projects//accessKeys", None),
        (b"/v1/projects/a/b/accessKeys", None),
        (b"/v1/projects/acme-web/accessKeys/", None),
        (b"/v1/projects/acme-web/accessKeysX", None),
        (b"/v1xprojects/acme-web/accessKeys", None),
        (b"/v1/projects/acme%2Fweb%2FaccessKeys", None),
    ],
)
def test_a_route_matches_the_path_as_sent_one_segment_per_parameter(
    path: bytes, parameters: dict[str, str] | None
) -> None:
    """Segments are decoded one by one: an escaped `/` is part of a parameter, not a
    separator."""
    assert ACCESS_KEYS.match(segments(path)) == parameters


def test_what_no_operation_documents_is_connexions_404_or_405_in_the_envelope() -> None:
    api = CATALOG.get("api-keys")
    binding = ApiBinding(
        api,
        {"createApiKey": unimplemented("create_api_key")},
        {},
        SchemaEnvelope.for_spec(api.doc),
    )
    client = TestClient(build_app([binding]))
    assert client.post("/api/admin/api-keys", json={}).status_code == 501
    wrong_method = client.get("/api/admin/api-keys")
    assert (wrong_method.status_code, wrong_method.headers["allow"]) == (405, "POST")
    assert client.post("/api/admin/other", json={}).status_code == 404
    assert (
        client.get("/api/admin/openapi.json").json()["info"]["title"]
        == api.doc.data["info"]["title"]
    )
