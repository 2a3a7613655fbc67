"""keywright's own OpenAPI extensions: what a spec says that OpenAPI 3.0 cannot, and that
keywright's tools act on. `keywright lint` checks every use (`specs.checks`)."""

from __future__ import annotations

CREDENTIAL_PATTERN = "x-credential-pattern"
"""On a security scheme: the regular expression its credential matches (`user:password` for
HTTP Basic). The servers refuse other credentials as malformed; `serve` refuses to start with
one configured."""

UNIQUE = "x-keywright-unique"
"""On a request parameter or body property whose value the API refuses to see twice (an
idempotency key, a name): `true`, or where it is unique (`per project`). `keywright contract`
gives each valid request a fresh one."""

OFFSET = "x-keywright-offset"
"""On a `date-time` response property: `{from: <sibling date-time property>, seconds: <request
body field>}`; the mock answers `from` plus that many seconds (an expiry, for example)."""

KNOWN = frozenset({CREDENTIAL_PATTERN, UNIQUE, OFFSET})
