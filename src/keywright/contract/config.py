"""schemathesis configuration for one API: its credential, fixed parameters, and the warnings
that mean "not tested" turned into failures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemathesis.config import SchemathesisConfig

from keywright.contract.credentials import Credentials
from keywright.contract.suite import Suite

NOT_TESTED = (
    "missing_auth",  # only 401/403 came back
    "missing_test_data",  # only 404s came back
    "validation_mismatch",  # every schema-valid request was refused
    "base_url_mismatch",
    "method_not_allowed",
    "unused_openapi_auth",
    "unmatched_filter",
    "unresolvable_reference",
)
"""schemathesis warnings that mean an operation was not really tested: each fails the run."""


def settings(
    suite: Suite, credentials: Credentials, *, parameters: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The part of schemathesis's configuration the CLI and in-process runs share."""
    data: dict[str, Any] = {"warnings": {"fail-on": list(NOT_TESTED)}}
    auth = credentials.schemathesis_auth(suite.name, suite.security(), suite.schemes)
    if auth:
        data["auth"] = {"openapi": auth}
    if parameters:
        data["parameters"] = dict(parameters)
    return data


def schemathesis_config(
    suite: Suite,
    credentials: Credentials,
    *,
    seed: int | None = None,
    max_examples: int = 50,
    skipped_checks: tuple[str, ...] = (),
) -> SchemathesisConfig:
    """For in-process runs, every check on but `skipped_checks`."""
    data = settings(suite, credentials)
    data["generation"] = {"max-examples": max_examples}
    data["checks"] = {"enabled": True, **{name: {"enabled": False} for name in skipped_checks}}
    if seed is not None:
        data["seed"] = seed
    return SchemathesisConfig.from_dict(data)
