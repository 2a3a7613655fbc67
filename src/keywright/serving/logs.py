"""Logging as both servers set it up: the `--log-level` option and the config uvicorn applies
in every worker."""

from __future__ import annotations

import copy
import logging
from typing import Any

import click

LOG_LEVELS = ("debug", "info", "warning", "error")

log_level_option = click.option(
    "--log-level",
    type=click.Choice(LOG_LEVELS),
    default="info",
    show_default=True,
    help="info logs one line per request; warning and error only problems.",
)


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus keywright's loggers; uvicorn applies it in every worker process."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["keywright"] = {"format": "%(message)s"}
    config["handlers"]["keywright"] = {
        "formatter": "keywright",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["keywright"] = {
        "handlers": ["keywright"],
        "level": level.upper(),
        "propagate": False,
    }
    config["filters"] = {"counted": {"()": "keywright.serving.logs.CountedElsewhere"}}
    config["loggers"]["uvicorn.error"]["filters"] = ["counted"]
    return config


class CountedElsewhere(logging.Filter):
    """Drops uvicorn's warning per malformed request: `keywright.serving.stalls` counts them
    and logs the count once per interval, so a flood of them does not flood the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Invalid HTTP request received."
