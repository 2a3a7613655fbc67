"""What `serve` and `mock` both hand uvicorn, besides the app and the address."""

from __future__ import annotations

from typing import Any

from keywright.serving.limits import Limits
from keywright.serving.logs import log_config

HTTP_PROTOCOL = "keywright.serving.protocol:EnvelopeHttpProtocol"
"""uvicorn's httptools protocol with keywright's bounds, answering in the API's envelope."""


def uvicorn_options(log_level: str, limits: Limits) -> dict[str, Any]:
    return {
        "http": HTTP_PROTOCOL,
        "access_log": False,  # keywright.serving.access_log writes one line per request, cheaper
        "log_config": log_config(log_level),
        "log_level": log_level,
        "timeout_keep_alive": limits.keep_alive,
        # Nothing reads the client's address, so uvicorn need not rewrite it from
        # X-Forwarded-For on every request (a middleware layer fewer).
        "proxy_headers": False,
    }
