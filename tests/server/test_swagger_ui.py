"""A Swagger UI per API, from local assets, showing that API's spec."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from keywright.catalog import ApiSpec


def test_each_api_has_its_own_ui_with_local_assets(client: TestClient, api: ApiSpec) -> None:
    page = client.get(f"{api.base_path}/ui/")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("./") for a in assets), assets
    for asset in assets:
        assert client.get(f"{api.base_path}/ui/{asset[2:]}").status_code == 200
    assert f'url: "{api.base_path}/openapi.json"' in page.text
    spec = client.get(f"{api.base_path}/openapi.json").json()
    assert spec["info"] == api.doc.data["info"]
