"""What `keywright serve` prints at start-up: where to go and how to get in."""

from __future__ import annotations

import os

from keywright.apis import APIS, SWAGGER_UI_PATH
from keywright.server.config import DEV_CONFIG, Config

_CREDENTIAL_VARIABLES = (
    "KEYWRIGHT_PROXY_API_KEY",
    "KEYWRIGHT_OAUTH_TOKEN",
    "KEYWRIGHT_BASIC_USER",
    "KEYWRIGHT_BASIC_PASSWORD",
    "KEYWRIGHT_ADMIN_TOKEN",
)


def banner(url: str, config: Config, db: str) -> str:
    lines = [f"keywright reference server on {url}  (storage: {db})", ""]
    for api in APIS:
        lines.append(f"  {api.title:<12} {url}{api.base_path}{SWAGGER_UI_PATH}/")
    lines.append("")
    overridden = any(os.environ.get(name) for name in _CREDENTIAL_VARIABLES)
    if config.source == DEV_CONFIG and not overridden:
        lines.append("Development credentials (from the built-in development config):")
        for label, value in config.bootstrap_credentials().items():
            lines.append(f"  {label:<30} {value}")
    else:
        lines.append(f"Credentials from {config.source} and KEYWRIGHT_* variables (not shown).")
    return "\n".join(lines)
