"""Every answer the deployment gave during a contract run, counted per operation.

schemathesis judges each response; this tally answers the question it leaves open: was
each operation tested at all, i.e. did it ever accept a request? While `recording_to(path)`
is active, the hooks append one JSON line per call to `path` (kept in the report folder).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from keywright.contract.state import refused_by_state

NETWORK_ERROR = 0
"""The status recorded when the deployment gave no answer (refused, reset, timed out)."""
REFUSED_BY_STATE = 1
"""The status recorded for a 4xx that says the API's state refused a valid request
(see `keywright.contract.state`)."""

_lock = threading.Lock()  # schemathesis workers are threads of one process
_destination: Path | None = None


@contextmanager
def recording_to(path: Path) -> Iterator[None]:
    global _destination
    path.unlink(missing_ok=True)
    path.touch()
    _destination = path
    try:
        yield
    finally:
        _destination = None


def record_response(case: Any, response: Any) -> None:
    """Answers to the operation's own method only: the `unsupported_method` check sends others."""
    request = getattr(response, "request", None)
    method = getattr(request, "method", None) or case.method
    if method.upper() == case.operation.method.upper():
        status = REFUSED_BY_STATE if refused_by_state(response) else response.status_code
        _append({"operation": case.operation.label, "status": status})


def record_network_error(case: Any) -> None:
    _append({"operation": case.operation.label, "status": NETWORK_ERROR})


def _append(line: dict[str, Any]) -> None:
    with _lock:
        if _destination is not None:
            with _destination.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line) + "\n")


def read_tally(path: Path) -> dict[str, Counter[int]]:
    """Statuses by operation label (`POST /api-keys`); empty when nothing was sent."""
    tally: dict[str, Counter[int]] = {}
    if not path.exists():
        return tally
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        tally.setdefault(entry["operation"], Counter())[entry["status"]] += 1
    return tally
