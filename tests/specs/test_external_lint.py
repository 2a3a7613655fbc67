"""Spectral (`spectral:oas`) and Redocly (`recommended`) report nothing on our specs, and do
report what they exist for, naming the file and the JSON path."""

from __future__ import annotations

from pathlib import Path

import pytest

from keywright.specs.external import external_findings, node_unavailable
from tests.catalog import CATALOG

pytestmark = pytest.mark.skipif(node_unavailable() is not None, reason=str(node_unavailable()))


def test_our_specs_are_clean_for_both_linters() -> None:
    assert external_findings([api.path for api in CATALOG.apis]) == []


def test_a_spec_without_contact_or_license_is_reported_by_each(tmp_path: Path) -> None:
    original = CATALOG.apis[0].path.read_text()
    start, end = original.index("  contact:"), original.index("servers:")
    spec = tmp_path / "no-contact.yaml"
    spec.write_text(original[:start] + original[end:])
    found = {(f.check, f.path, f.file) for f in external_findings([spec])}
    assert found == {
        ("spectral:info-contact", "$.info", spec),
        ("redocly:info-license", "$.info", spec),
    }
