"""schemathesis fuzzes the mock in-process with every check on (but `ignored_auth`, see
MOCK_SKIPS): it must be as clean as the server."""

from __future__ import annotations

from keywright.apis import get_api
from keywright.contract.local import MOCK_CREDENTIALS, MOCK_SKIPS, LocalTarget
from keywright.mock import create_app
from tests.fuzzing import fuzz_test

MOCK = LocalTarget(create_app(validate_responses=True), MOCK_CREDENTIALS, MOCK_SKIPS)

test_proxy_keys = fuzz_test(MOCK, get_api("proxy-keys"))
test_access_keys = fuzz_test(MOCK, get_api("access-keys"))
test_api_keys = fuzz_test(MOCK, get_api("api-keys"))
