"""The requests every server gets: each API package's benchmark requests (a valid POST per
operation, unique where the API demands it, and an invalid-body mix), as wrk Lua scripts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from keywright.apis import package_for
from keywright.catalog import ApiSpec, Catalog
from keywright.dispatch.security import credential_headers
from keywright.server.config import load_config


@dataclass(frozen=True)
class Scenario:
    name: str
    api: ApiSpec
    route: str
    body_lua: str
    """A Lua expression building the body; `n` is a per-request counter unique across threads."""
    headers: dict[str, str]
    """The development credential: valid for `keywright serve`, well-formed for the mocks."""
    valid: bool = True


def scenarios(catalog: Catalog) -> list[Scenario]:
    config = load_config(environ={}, catalog=catalog)
    found = []
    for api in catalog:
        package = package_for(api)
        if package is None:
            continue
        headers = _development_headers(api, config)
        for bench in package.bench:
            found.append(
                Scenario(bench.name, api, bench.route, bench.body_lua, headers, bench.valid)
            )
    return found


def _development_headers(api: ApiSpec, config: object) -> dict[str, str]:
    schemes = api.doc.inline(api.doc.data["components"]["securitySchemes"])
    for (name, scheme), credential in config.bootstrap_credentials().items():  # type: ignore[attr-defined]
        if name == api.name:
            return credential_headers(schemes[scheme], credential.value)
    return {}


def lua_script(scenario: Scenario, path: str) -> str:
    headers = {"Content-Type": "application/json", **scenario.headers}
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
