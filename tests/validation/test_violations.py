"""Violations name what is wrong where it is wrong, even inside `oneOf` alternatives."""

from __future__ import annotations

from typing import Any

import pytest

from keywright.errors import ApiError
from keywright.specs import load_spec
from keywright.validation import JsonBody
from tests.catalog import CATALOG

DOC = load_spec(CATALOG.get("proxy-keys").path)
BODY = JsonBody(
    DOC.inline(DOC.data["components"]["schemas"]["CreateProxyKeyRequest"]),
    required=True,
    media_types=["application/json"],
)
WHERE = "$.organizations.o.projects.p"


def _violations(project: Any) -> list[tuple[str, str]]:
    body = {"identifier": "k", "name": "n", "organizations": {"o": {"projects": {"p": project}}}}
    with pytest.raises(ApiError) as raised:
        BODY.validate(body)
    return [(v.path, v.message) for v in raised.value.violations]


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        ({"scope": "some"}, (f"{WHERE}.scope", "'some' is not one of 'all', 'selected'")),
        ({"scope": {}}, (f"{WHERE}.scope", "{} is not one of 'all', 'selected'")),
        (
            {"environments": ["dev"]},
            (f"{WHERE}.scope", "'scope' is required: one of 'all', 'selected'"),
        ),
        ({"scope": "selected"}, (f"{WHERE}.environments", "'environments' is a required property")),
    ],
    ids=["unknown scope", "scope not a string", "no scope", "selected without environments"],
)
def test_the_discriminator_picks_the_alternative_to_explain(
    project: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert _violations(project) == [expected]


def test_an_invalid_environment_is_named_by_its_index() -> None:
    [(path, message)] = _violations({"scope": "selected", "environments": ["dev", "qa-1"]})
    assert path == f"{WHERE}.environments[1]"
    assert "'qa-1' is not allowed: expected a letter or '_' first" in message
