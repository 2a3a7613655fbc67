"""specs/README.md lists every constraint the specs state, each with its source, and nothing else."""

from __future__ import annotations

from keywright.specs import load_spec
from tests.catalog import CATALOG
from tests.specs.constraints import constraints, table_rows

ROWS = table_rows(CATALOG.specs_dir / "README.md")


def test_every_constraint_is_listed_and_every_row_is_a_constraint() -> None:
    stated = {row for api in CATALOG.apis for row in constraints(api.name, load_spec(api.path))}
    listed = {row for row, _ in ROWS}
    assert stated - listed == set(), "constraints the table does not list"
    assert listed - stated == set(), "rows no spec states"


def test_every_row_has_a_source() -> None:
    for row, source in ROWS:
        assert source == "seed" or source.startswith("seed (") or len(source) > 10, row
