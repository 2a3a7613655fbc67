"""What the mock tests send: any well-formed credential of each scheme, and where."""

from __future__ import annotations

OAUTH = {"Authorization": "Bearer any-frontend-token"}
ADMIN = {"x-admin-token": "frontend-admin"}
PROXY_ADMIN = {"x-api-key": "pat.acme.frontend.0123abcd"}
API_KEYS = "/api/admin/api-keys"
ACCESS_KEYS = "/v1/projects/acme-web/accessKeys"
PROXY_KEYS = "/cf/admin/proxy/keys?accountIdentifier=acme"
PROXY_BODY = {
    "identifier": "EdgeKey",
    "name": "Edge key",
    "organizations": {"default": {"projects": {"web": {"scope": "all"}}}},
}
