"""A server asked for a port in use says so in one line, before anything else."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from keywright.serving.ports import port_problem


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_free_port_has_no_problem() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free = sock.getsockname()[1]
    assert port_problem("127.0.0.1", free) is None


def test_a_port_in_use_is_named(busy_port: int) -> None:
    assert port_problem("127.0.0.1", busy_port) == (
        f"port {busy_port} on 127.0.0.1 is already in use: pass --port with a free one"
    )


@pytest.mark.parametrize("command", [["serve", "--db", ":memory:"], ["mock"]])
def test_the_command_stops_in_one_line_with_exit_2(busy_port: int, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "keywright", *command, "--port", str(busy_port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"✗ port {busy_port} on 127.0.0.1 is already in use: pass --port with a free one"
    )
    assert result.stdout == "", "no banner for a server that will not start"
