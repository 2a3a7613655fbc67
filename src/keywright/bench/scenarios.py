"""The requests every server gets: a valid POST per operation (unique where the API demands it)
and an invalid-body mix, as wrk Lua scripts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from keywright.apis import Api, get_api

CREDENTIALS = {
    "proxy-keys": {"x-api-key": "pat.dev_account.kwdev.0d6f1b2c3a4e5f60"},
    "access-keys": {"Authorization": "Bearer kw-dev-oauth-token"},
    "api-keys": {"x-admin-token": "adm_kwdevadmintoken"},
}
"""The development credentials: valid for `keywright serve`, well-formed for the mocks."""

PROJECT = "51bc3f40-f266-4ca8-8938-a1ed0ff32b9a"
"""The development project the access-key scenario creates its keys in."""


@dataclass(frozen=True)
class Scenario:
    name: str
    api: Api
    route: str
    body_lua: str
    """A Lua expression building the body; `n` is a per-request counter unique across threads."""
    valid: bool = True


SCENARIOS = (
    Scenario(
        "proxy key",
        get_api("proxy-keys"),
        "/proxy/keys?accountIdentifier=dev_account",
        """'{"identifier":"bench_' .. n .. '","name":"Bench","organizations":{"default":{"projects":'
        .. '{"web_app":{"scope":"selected","environments":["dev","prod"]}}}}}'""",
    ),
    Scenario(
        "access key",
        get_api("access-keys"),
        f"/projects/{PROJECT}/accessKeys",
        """'{"displayName":"bench ' .. n .. '"}'""",
    ),
    Scenario(
        "API key",
        get_api("api-keys"),
        "/api-keys",
        """'{"scopes":["pci:tokens:read","pci:tokens:create"],"expiration_time":3600}'""",
    ),
    Scenario(
        "API key, invalid",
        get_api("api-keys"),
        "/api-keys",
        """'{"scopes":["pci:tokens:erase"],"expiration_time":-' .. n .. ',"extra":true}'""",
        valid=False,
    ),
)


def lua_script(scenario: Scenario, path: str) -> str:
    headers = {"Content-Type": "application/json", **CREDENTIALS[scenario.api.name]}
    header_lines = "\n".join(
        f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()
    )
    return f"""
wrk.method = "POST"
wrk.path = {json.dumps(path)}
{header_lines}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + id)
  prefix = tostring(math.random(1, 1000000000)) .. "_" .. id .. "_"
  counter = 0
end
function request()
  counter = counter + 1
  local n = prefix .. counter
  return wrk.format(nil, nil, nil, {scenario.body_lua.replace(chr(10), " ")})
end
"""
