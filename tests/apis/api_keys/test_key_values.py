"""Issued secrets: the documented shape, every character possible, never the same twice."""

from __future__ import annotations

import re
import string
from collections import Counter

from keywright.apis.api_keys.handlers import new_key_value


def test_api_key_values_are_key_and_32_alphanumerics_drawn_evenly() -> None:
    values = [new_key_value() for _ in range(4000)]
    assert all(re.fullmatch(r"key_[A-Za-z0-9]{32}", value) for value in values)
    assert len(set(values)) == len(values)
    counts = Counter(char for value in values for char in value[4:])
    assert set(counts) == set(string.ascii_letters + string.digits)
    expected = 4000 * 32 / 62  # about 2065 each; a biased draw (e.g. byte % 62) is far off
    assert all(abs(count - expected) < 0.15 * expected for count in counts.values())
