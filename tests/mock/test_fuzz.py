"""schemathesis fuzzes the mock in-process with every check on (but `ignored_auth`, see
MOCK_SKIPS): it must be as clean as the server."""

from __future__ import annotations

from keywright.contract.local import MOCK_SKIPS, mock_credentials
from keywright.mock import create_app
from tests.catalog import CATALOG
from tests.fuzzing import BuiltOnFirstUse, fuzz_test

MOCK = BuiltOnFirstUse(lambda: create_app(validate_responses=True))
CREDENTIALS = mock_credentials(CATALOG)

test_proxy_keys = fuzz_test(MOCK, "proxy-keys", CREDENTIALS, MOCK_SKIPS)
test_access_keys = fuzz_test(MOCK, "access-keys", CREDENTIALS, MOCK_SKIPS)
test_api_keys = fuzz_test(MOCK, "api-keys", CREDENTIALS, MOCK_SKIPS)
