"""The random values keys are made of: the right shape, and no two alike."""

from __future__ import annotations

import re
import string
import uuid
from collections import Counter

from keywright.server.crypto import new_uuid, opaque_secret, random_alphanumerics


def test_a_new_uuid_is_a_random_version_4_uuid() -> None:
    made = {new_uuid() for _ in range(1000)}

    assert len(made) == 1000
    for value in made:
        parsed = uuid.UUID(value)
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
        assert str(parsed) == value


def test_an_opaque_secret_is_url_safe_and_as_long_as_token_urlsafe_makes_it() -> None:
    made = {opaque_secret() for _ in range(1000)}

    assert len(made) == 1000
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", secret) for secret in made)  # 24 bytes
    assert len(opaque_secret(32)) == 43


def test_random_alphanumerics_use_every_alphanumeric_evenly() -> None:
    drawn = Counter("".join(random_alphanumerics(32) for _ in range(10_000)))

    assert set(drawn) == set(string.ascii_letters + string.digits)
    # about 5161 each, give or take 72; a byte taken modulo 62 would favour 8 characters by 21 %
    expected = 10_000 * 32 / 62
    assert all(0.92 * expected < count < 1.08 * expected for count in drawn.values())
