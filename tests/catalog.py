"""The catalog of APIs the tests run against, loaded once, and where the seeds are copied."""

from __future__ import annotations

from pathlib import Path

from keywright.catalog import Catalog

CATALOG = Catalog.load()
SEEDS_DIR = Path(__file__).parent / "specs" / "seeds"
