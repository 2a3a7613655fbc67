"""A Swagger UI per API, from local assets, showing that API's spec."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from keywright.apis import APIS, Api
from keywright.specs import load_spec


@pytest.mark.parametrize("api", APIS, ids=lambda api: api.name)
def test_each_api_has_its_own_ui_with_local_assets(client: TestClient, api: Api) -> None:
    page = client.get(f"{api.base_path}/ui/")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("./") for a in assets), assets
    for asset in assets:
        assert client.get(f"{api.base_path}/ui/{asset[2:]}").status_code == 200
    assert f'url: "{api.base_path}/openapi.json"' in page.text
    spec = client.get(f"{api.base_path}/openapi.json").json()
    assert spec["info"] == load_spec(api.spec_path).data["info"]
