"""Everything a worker process builds its app from, in one object.

uvicorn imports the app in each worker (`--workers`, `--reload`), so the command line hands it
over as one JSON environment variable rather than a variable per option.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from keywright.serving.limits import DEFAULTS, Limits

VARIABLE = "KEYWRIGHT_SETTINGS"


@dataclass(frozen=True)
class Settings:
    specs_dir: str
    db: str = "data/keywright.db"
    config: str | None = None
    """The server's config file; None for the built-in development config."""
    latency_ms: int = 0
    cors: bool = True
    limits: Limits = DEFAULTS

    @property
    def specs_path(self) -> Path:
        return Path(self.specs_dir)

    def export(self) -> None:
        """Put these settings where the worker processes read them."""
        os.environ[VARIABLE] = json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> Settings:
        fields = json.loads(os.environ[VARIABLE])
        return cls(**{**fields, "limits": Limits(**fields.get("limits", {}))})
