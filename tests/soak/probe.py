"""Resident memory and open file descriptors of a server process, read from /proc: a leak per
request (a socket never closed, a buffer kept) shows as growth between two quiet moments."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Usage:
    rss_kib: int
    fds: int

    def __str__(self) -> str:
        return f"{self.rss_kib / 1024:.1f} MiB, {self.fds} fds"


def usage(pid: int) -> Usage:
    """The process's own usage (with `--workers 1` the server is the process `keywright` runs
    in; its children, if any, are counted too)."""
    pids = [pid, *_descendants(pid)]
    return Usage(sum(_rss_kib(p) for p in pids), sum(_fds(p) for p in pids))


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found
