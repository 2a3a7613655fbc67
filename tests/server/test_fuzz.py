"""schemathesis fuzzes the reference server in-process, every check on, with valid credentials."""

from __future__ import annotations

from keywright.apis import get_api
from keywright.contract.local import LocalTarget, server_credentials
from keywright.server import create_app, load_config
from tests.fuzzing import fuzz_test

CONFIG = load_config(environ={})
SERVER = LocalTarget(create_app(CONFIG, validate_responses=True), server_credentials(CONFIG))

test_proxy_keys = fuzz_test(SERVER, get_api("proxy-keys"))
test_access_keys = fuzz_test(SERVER, get_api("access-keys"))
test_api_keys = fuzz_test(SERVER, get_api("api-keys"))
