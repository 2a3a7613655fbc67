"""The hostile soak (issue: a soak bounded in time and count, loopback only). `make test` runs
its short form (about 3,400 requests); `make soak` sets KEYWRIGHT_SOAK=long, runs the long form
(about 31,000) and writes bench/soak.md.

One test runs the whole soak and judges every check at once, so a failure lists all that
failed with the figures beside them (one soak, not one per assertion: under pytest-xdist a
shared fixture would run once per worker).
"""

from __future__ import annotations

from pathlib import Path

from tests.soak.figures import checks, markdown, report
from tests.soak.soak import LONG, Soak, settings

BENCH_SECTION = Path(__file__).resolve().parents[2] / "bench" / "soak.md"


def test_hostile_soak(tmp_path: Path) -> None:
    chosen = settings()
    result = Soak(chosen, tmp_path).run()
    found = checks(result)
    print("\n" + report(result, found))
    if chosen is LONG:
        BENCH_SECTION.write_text(markdown(result, found), encoding="utf-8")
    failed = [check for check in found if not check.passed]
    assert not failed, "\n".join(f"{check.name}: {check.detail}" for check in failed)
