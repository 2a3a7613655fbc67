"""The development credentials as request headers, read from the one place they are defined
(the development config), and the project the access-keys examples use."""

from __future__ import annotations

import base64

from keywright.server.config import load_config
from tests.catalog import CATALOG

DEV = load_config(environ={})

PROXY_ADMIN = {"x-api-key": DEV.section("proxy-keys").admin_keys[0].key}
"""Administers `dev_account`."""
OAUTH = {"Authorization": f"Bearer {DEV.section('access-keys').oauth_tokens[0].token}"}
ADMIN = {"x-admin-token": DEV.section("api-keys").admin_tokens[0]}
PROJECT = CATALOG.get("access-keys").doc.data["components"]["parameters"]["ProjectId"]["example"]
"""The spec's example project, which the development OAuth2 token may use."""


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}
