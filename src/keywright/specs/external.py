"""Two independent linters on the specs: Spectral with its `spectral:oas` ruleset and Redocly
with its `recommended` one (both pinned in tools/package-lock.json). Their findings are ours
too: a spec is clean only when both report nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from keywright.jsonpath import json_path
from keywright.node_tools import TOOLS_DIR, node_tool
from keywright.specs.document import ref_location
from keywright.specs.lint import Finding

SPECTRAL_RULESET = TOOLS_DIR / "spectral.yaml"
REDOCLY_CONFIG = TOOLS_DIR / "redocly.yaml"


def node_unavailable() -> str | None:
    """Why the external linters cannot run here, or None when they can."""
    if not (TOOLS_DIR / "package-lock.json").exists():
        return "the Node tools are not in this installation (tools/package-lock.json)"
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "Node.js and npm are not installed"
    return None


def external_findings(paths: Sequence[Path]) -> list[Finding]:
    return [*_spectral(paths), *_redocly(paths)]


def _spectral(paths: Sequence[Path]) -> Iterator[Finding]:
    command = [str(node_tool("spectral")), "lint", "-q", "-f", "json"]
    command += ["--ruleset", str(SPECTRAL_RULESET), *map(str, paths)]
    by_name = {path.resolve(): path for path in paths}
    for problem in _json_documents(_run(command)):
        for item in problem if isinstance(problem, list) else [problem]:
            source = by_name.get(Path(item.get("source", "")).resolve(), paths[0])
            yield Finding(
                source,
                json_path(item.get("path", [])),
                item["message"],
                f"spectral:{item['code']}",
            )


def _redocly(paths: Sequence[Path]) -> Iterator[Finding]:
    for path in paths:
        command = [str(node_tool("redocly")), "lint", "--format", "json"]
        command += ["--config", str(REDOCLY_CONFIG), str(path)]
        for report in _json_documents(_run(command)):
            for problem in report.get("problems", []):
                pointer = problem.get("location", [{}])[0].get("pointer", "#/")
                location = ref_location(pointer) if pointer.startswith("#/") else ()
                yield Finding(
                    path, json_path(location), problem["message"], f"redocly:{problem['ruleId']}"
                )


def _run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if not result.stdout.strip():
        raise RuntimeError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:500]}")
    return result.stdout


def _json_documents(text: str) -> Iterator[Any]:
    """The JSON values in `text`, one after another (the linters may print several)."""
    decoder = json.JSONDecoder()
    position = 0
    while True:
        start = next((i for i in range(position, len(text)) if text[i] in "[{"), None)
        if start is None:
            return
        value, position = decoder.raw_decode(text, start)
        yield value
