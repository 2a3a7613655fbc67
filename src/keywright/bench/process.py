"""A server process under test: start it, time its first answer, read its peak memory, stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerProcess:
    def __init__(self, command: list[str]) -> None:
        self.started = time.perf_counter()
        self.output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop: what the server said)
        self.process = subprocess.Popen(
            command, stdout=self.output, stderr=subprocess.STDOUT, start_new_session=True
        )

    def first_answer(
        self, url: str, body: str, headers: dict[str, str], timeout: float = 60
    ) -> float:
        """Seconds from start to the first answer to a real request."""
        deadline = self.started + timeout
        with httpx.Client(timeout=5) as http:
            while True:
                try:
                    http.post(
                        url, content=body, headers={"Content-Type": "application/json", **headers}
                    )
                    return time.perf_counter() - self.started
                except httpx.TransportError:
                    if self.process.poll() is not None or time.perf_counter() > deadline:
                        raise RuntimeError(
                            f"server did not start: {self.process.args!r}\n{self._said()}"
                        ) from None
                    time.sleep(0.01)

    def peak_memory_mb(self) -> float:
        """Peak resident memory (VmHWM) of the process and its descendants."""
        return sum(_peak_kb(pid) for pid in _tree(self.process.pid)) / 1024

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass  # already gone
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.output.close()

    def _said(self, lines: int = 20) -> str:
        self.output.seek(0)
        text = self.output.read().decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for child in children:
            pids += _tree(int(child))
    return pids


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
