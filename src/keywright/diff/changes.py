"""One difference between two versions of a spec, as the report shows it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.IntEnum):
    INFO = 0
    """Breaks nobody."""
    WARNING = 1
    """Breaks some clients (an exhaustive switch over an enum, a strict parser)."""
    BREAKING = 2
    """Breaks clients that follow the old spec."""

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Change:
    level: Level
    rule: str
    """Stable id, e.g. `request-parameter-became-required`."""
    file: str
    path: str
    """JSON path in the spec (the new one; the old one for what was removed)."""
    operation: str
    """`POST /api/admin/api-keys`, or "" for the whole spec."""
    message: str
