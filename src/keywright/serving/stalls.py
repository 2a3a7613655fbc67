"""Connections closed for being too slow or malformed, or refused over the connection limit:
counted, and logged at warning once per interval with the counts, however many there were."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

log = logging.getLogger("keywright.connections")

INTERVAL = 10.0
"""Seconds between two reports."""

_counts: Counter[str] = Counter()
_report: asyncio.TimerHandle | None = None
_loop: asyncio.AbstractEventLoop | None = None


def count(reason: str) -> None:
    """One connection closed or refused for `reason`; the first of an interval schedules its
    report (again on a new event loop: one that closed took its report with it)."""
    global _report, _loop
    _counts[reason] += 1
    loop = asyncio.get_running_loop()
    if _report is None or _loop is not loop:
        _report, _loop = loop.call_later(INTERVAL, _flush), loop


def _flush() -> None:
    global _report
    _report = None
    if _counts:
        reasons = ", ".join(f"{number} {reason}" for reason, number in _counts.most_common())
        log.warning(
            "closed %d slow, malformed or excess connections in the last %g s: %s",
            sum(_counts.values()),
            INTERVAL,
            reasons,
        )
        _counts.clear()
