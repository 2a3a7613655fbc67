"""Configs for `keywright serve` processes in tests: the development config, changed."""

from __future__ import annotations

from pathlib import Path

import yaml

from keywright.server.config import DEV_CONFIG
from tests.credentials import PROJECT


def roomy_config(folder: Path) -> Path:
    """The development config with room for a million access keys in the example project
    (the real service's limit of 10 would stop a load test or a second contract run)."""
    config = yaml.safe_load(DEV_CONFIG.read_text())
    config["access_keys"]["max_keys_per_project"] = {"default": 10, PROJECT: 1_000_000}
    path = folder / "roomy-config.yaml"
    path.write_text(yaml.safe_dump(config))
    return path
