"""What `keywright serve` prints at start-up: where to go and how to get in."""

from __future__ import annotations

from keywright.apis import package_for
from keywright.catalog import SWAGGER_UI_PATH, Catalog
from keywright.server.config import DEV_CONFIG, Config


def banner(url: str, catalog: Catalog, config: Config, db: str) -> str:
    lines = [f"keywright reference server on {url}  (storage: {db})", ""]
    for api in catalog:
        status = "" if package_for(api) is not None else "  (not implemented: answers 501)"
        lines.append(f"  {api.title:<24} {url}{api.base_path}{SWAGGER_UI_PATH}/{status}")
    lines.append("")
    first = config.bootstrap_credentials()
    from_file_only = not any(credential.from_environment for credential in first.values())
    if config.source == DEV_CONFIG and from_file_only:
        lines.append("Development credentials (from the built-in development config):")
        for (name, scheme), credential in first.items():
            lines.append(f"  {name + ' ' + scheme:<24} {':'.join(credential.value)}")
    else:
        lines.append(f"Credentials from {config.source} and KEYWRIGHT_* variables (not shown).")
    return "\n".join(lines)
