"""schemathesis fuzzes the mock in-process with every check on: it must be as clean as the server."""

from __future__ import annotations

from keywright.apis import get_api
from keywright.contract.local import MOCK_CREDENTIALS
from keywright.mock import create_app
from tests.fuzzing import fuzz_test

APP = create_app(validate_responses=True)

test_proxy_keys = fuzz_test(APP, get_api("proxy-keys"), MOCK_CREDENTIALS)
test_access_keys = fuzz_test(APP, get_api("access-keys"), MOCK_CREDENTIALS)
test_api_keys = fuzz_test(APP, get_api("api-keys"), MOCK_CREDENTIALS)
