"""schemathesis fuzzes the reference server in-process, every check on, with valid credentials."""

from __future__ import annotations

from keywright.contract.local import server_credentials
from keywright.server import create_app
from keywright.server.config import load_config
from tests.fuzzing import BuiltOnFirstUse, fuzz_test

CONFIG = load_config(environ={})
SERVER = BuiltOnFirstUse(lambda: create_app(CONFIG, validate_responses=True))
CREDENTIALS = server_credentials(CONFIG)

test_proxy_keys = fuzz_test(SERVER, "proxy-keys", CREDENTIALS)
test_access_keys = fuzz_test(SERVER, "access-keys", CREDENTIALS)
test_api_keys = fuzz_test(SERVER, "api-keys", CREDENTIALS)
