"""schemathesis fuzzes the mock in-process with every check on: it must be as clean as the server."""

from __future__ import annotations

from keywright.apis import get_api
from keywright.contract import Credentials
from keywright.mock import create_app
from tests.fuzzing import fuzz_test

APP = create_app(validate_responses=True)
CREDENTIALS = Credentials(
    proxy_api_key="pat.acme.fuzz.0123abcd", oauth_token="any-token", admin_token="adm_fuzz"
)

test_proxy_keys = fuzz_test(APP, get_api("proxy-keys"), CREDENTIALS)
test_access_keys = fuzz_test(APP, get_api("access-keys"), CREDENTIALS)
test_api_keys = fuzz_test(APP, get_api("api-keys"), CREDENTIALS)
