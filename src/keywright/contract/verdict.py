"""Whether a contract run tested anything: every operation must have accepted a request.

A deployment that refuses every request (no credential, a wrong base path, identifiers it
does not know) gives schemathesis nothing to judge, and a run that judged nothing must not
pass. Each problem says why and what to pass instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from keywright.contract.credentials import Credentials
from keywright.contract.suite import Suite, SuiteOperation
from keywright.contract.tally import NETWORK_ERROR, REFUSED_BY_STATE

REFUSALS = frozenset({401, 403})


@dataclass(frozen=True)
class Coverage:
    """One operation's answers in a run; `untested` says why, when it accepted none."""

    operation: SuiteOperation
    statuses: Counter[int]
    untested: str | None


def judge(
    suite: Suite, tally: Mapping[str, Counter[int]], credentials: Credentials, target: str
) -> list[Coverage]:
    """Each operation of `suite`, with why it was not tested if it never accepted a request."""
    covered = []
    for operation in suite.operations:
        statuses = tally.get(operation.label, Counter())
        accepted = any(200 <= status < 300 for status in statuses)
        why = None if accepted else _why(suite, operation, statuses, credentials, target)
        covered.append(Coverage(operation, statuses, why))
    return covered


def _why(
    suite: Suite,
    operation: SuiteOperation,
    statuses: Counter[int],
    credentials: Credentials,
    target: str,
) -> str:
    name = operation.operation_id
    answered = Counter({s: n for s, n in statuses.items() if s != NETWORK_ERROR})
    if not statuses:
        return f"{name} was never called"
    if not answered:
        return (
            f"every request to {name} failed without an answer (connection refused, reset or "
            f"timed out): is {target} up? (--wait SECONDS waits for it)"
        )
    seen = _counts(answered)
    if REFUSED_BY_STATE in answered and set(answered) <= REFUSALS | {REFUSED_BY_STATE, 404}:
        return (
            f"every valid request to {name} was refused by the deployment's state ({seen}), "
            f"e.g. a project that already holds its most keys: use a fresh one "
            f"(--param NAME=VALUE) or raise the deployment's limit"
        )
    if set(answered) <= REFUSALS:
        given = [s for s in operation.security if credentials.get(suite.name, s) is not None]
        if given:
            return (
                f"every request to {name} was refused with {seen}: the deployment does not "
                f"accept the {' / '.join(given)} credential given"
            )
        return (
            f"every request to {name} was refused with {seen}: {_credential_hint(suite, operation)}"
        )
    if set(answered) == {404}:
        return (
            f"every request to {name} got 404: check --url and --base-path (requests went to "
            f"{target}{suite.base_path}), or pass --param NAME=VALUE for identifiers the "
            f"deployment has"
        )
    return (
        f"{name} never accepted a request ({seen}): no schema-valid request was accepted; pass "
        f"--param NAME=VALUE for identifiers the deployment has"
    )


def _credential_hint(suite: Suite, operation: SuiteOperation) -> str:
    options = [o for o in suite.credential_options if o.scheme in operation.security]
    if not options:
        schemes = " or ".join(operation.security) or "SCHEME"
        return f"no credential was given: pass --credential {schemes}=VALUE"
    flags, variables = [], []
    for option in options:
        if option.password_option:
            flags.append(f"{option.option} with {option.password_option}")
            variables.append(f"{option.envvar} and {option.password_envvar}")
        else:
            flags.append(option.option)
            variables.append(option.envvar)
    return f"pass {' or '.join(flags)} or set {' or '.join(variables)}"


def _counts(statuses: Counter[int]) -> str:
    return ", ".join(
        f"{'refused by state' if status == REFUSED_BY_STATE else status} ({n} requests)"
        for status, n in sorted(statuses.items())
    )
