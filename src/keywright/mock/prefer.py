"""How a client picks the mock's response, Prism-compatible: the `Prefer` header
(`code=409, example=admin, dynamic=true, seed=7, delay=200`) or the same as `__code=` ...
query parameters, which are removed before the request is validated."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

from keywright.errors import ApiError, Kind, Violation

MAX_DELAY_MS = 60_000
QUERY_PREFIX = "__"

# ASCII digits only, and few of them: `str.isdigit` also accepts `²`, which `int` refuses.
_STATUS = re.compile(r"[1-5][0-9]{2}")
_SEED = re.compile(r"-?[0-9]{1,18}")
_DELAY = re.compile(r"[0-9]{1,5}")


@dataclass(frozen=True)
class Preferences:
    code: str | None = None
    example: str | None = None
    dynamic: bool = False
    seed: int | None = None
    delay_ms: int = 0


def _invalid(message: str, where: str = "$.headers.prefer") -> ApiError:
    return ApiError(Kind.INVALID, message, [Violation(where, message)])


def parse(prefer_headers: Iterable[str], query_options: Iterable[tuple[str, str]]) -> Preferences:
    pairs: list[tuple[str, str]] = []
    for header in prefer_headers:
        for token in header.replace(";", ",").split(","):
            name, _, value = token.strip().partition("=")
            if name:
                pairs.append((name.strip().lower(), value.strip().strip('"')))
    pairs += list(query_options)
    preferences = Preferences()
    for name, value in pairs:
        preferences = _apply(preferences, name, value)
    return preferences


def _apply(preferences: Preferences, name: str, whole: str) -> Preferences:
    value = whole if len(whole) <= 40 else whole[:40] + "…"  # for messages: shown, not echoed
    match name:
        case "code":
            if not _STATUS.fullmatch(whole):
                raise _invalid(f"Prefer code={value!r} is not an HTTP status code")
            return replace(preferences, code=whole)
        case "example":
            return replace(preferences, example=whole)
        case "dynamic":
            if whole.lower() not in ("true", "false"):
                raise _invalid(f"Prefer dynamic={value!r} must be true or false")
            return replace(preferences, dynamic=whole.lower() == "true")
        case "seed":
            if not _SEED.fullmatch(whole):
                raise _invalid(f"Prefer seed={value!r} is not an integer of at most 18 digits")
            return replace(preferences, seed=int(whole))
        case "delay":
            if not _DELAY.fullmatch(whole) or int(whole) > MAX_DELAY_MS:
                raise _invalid(f"Prefer delay={value!r} must be 0..{MAX_DELAY_MS} milliseconds")
            return replace(preferences, delay_ms=int(whole))
    return preferences  # other preferences (return=minimal, ...) are not ours to refuse


def split_query(query_string: bytes) -> tuple[bytes, list[tuple[str, str]]]:
    """The query without `__` options, and those options."""
    kept, options = [], []
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name.startswith(QUERY_PREFIX):
            options.append((name[len(QUERY_PREFIX) :].lower(), value))
        else:
            kept.append((name, value))
    if not options:
        return query_string, []
    return urlencode(kept).encode("latin-1"), options
