"""JSON paths as people read them: `$.paths['/a'].post`, `$.scopes[0]`."""

from __future__ import annotations

from collections.abc import Iterable


def json_path(parts: Iterable[str | int], root: str = "$") -> str:
    out = root
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out
