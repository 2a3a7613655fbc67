"""Finding issued secrets, in plain text, in bytes the server wrote (its database files, its
log): thousands of secrets in megabytes, so every window of each secret's length is looked up
in a set rather than each secret searched for in turn.

A window is taken wherever a run of the secrets' own characters is long enough: a secret
stored next to other text (SQLite packs a row's columns with no separator) is still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CHUNK = 1 << 20


def plaintext(secrets: Iterable[str], data: bytes) -> set[str]:
    """The secrets that appear in `data` as they are (UTF-8)."""
    wanted: dict[int, set[bytes]] = {}
    for secret in secrets:
        encoded = secret.encode()
        wanted.setdefault(len(encoded), set()).add(encoded)
    if not wanted:
        return set()
    alphabet = set().union(*(set(secret) for group in wanted.values() for secret in group))
    characters = b"".join(re.escape(bytes([c])) for c in sorted(alphabet))
    found: set[bytes] = set()
    for length, group in wanted.items():
        window = re.compile(b"(?=([" + characters + b"]{%d}))" % length)
        for start in range(0, max(len(data), 1), CHUNK):
            chunk = data[start : start + CHUNK + length - 1]
            found |= group.intersection(window.findall(chunk))
    return {secret.decode() for secret in found}
