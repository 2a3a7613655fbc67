"""A diff's changes as text (a terminal), markdown (a CI job summary, a PR comment, release
notes: a changelog line per change) or JSON (tools)."""

from __future__ import annotations

import json
from collections import Counter

from keywright.diff.changes import Change, Level


def summary(changes: list[Change]) -> str:
    counts = Counter(change.level for change in changes)
    if not changes:
        return "no changes"
    return ", ".join(
        f"{counts[level]} {level.label}" for level in sorted(Level, reverse=True) if counts[level]
    )


def text(changes: list[Change]) -> str:
    lines = [
        f"{change.level.label.upper():<8} {change.rule}\n"
        f"         {change.file}: {change.path}\n"
        f"         {change.operation + ': ' if change.operation else ''}{change.message}"
        for change in changes
    ]
    return "\n".join([*lines, summary(changes)])


def markdown(changes: list[Change]) -> str:
    lines = [f"## Spec changes: {summary(changes)}", ""]
    for level in sorted(Level, reverse=True):
        chosen = [change for change in changes if change.level is level]
        if not chosen:
            continue
        lines += [f"### {level.label.capitalize()}", ""]
        lines += [
            f"- **{change.operation or change.file}**: {change.message} "
            f"(`{change.rule}`, `{change.file}` `{change.path}`)"
            for change in chosen
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_json(changes: list[Change]) -> str:
    return json.dumps(
        [
            {
                "level": change.level.label,
                "rule": change.rule,
                "file": change.file,
                "path": change.path,
                "operation": change.operation,
                "message": change.message,
            }
            for change in changes
        ],
        indent=2,
    )


FORMATS = {"text": text, "markdown": markdown, "json": as_json}
