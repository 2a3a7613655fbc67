"""The two sides of a diff: spec files, folders of specs (matched by file name), or the specs
folder at a git ref (read with `git show`, no checkout)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from keywright.specs.document import yaml_problem


class DiffInputError(ValueError):
    """A side cannot be read (one line, for exit code 2)."""


@dataclass(frozen=True)
class SpecPair:
    name: str
    """The file name both sides share (`api-keys.yaml`)."""
    old: dict[str, Any] | None
    new: dict[str, Any] | None


def from_paths(old: Path, new: Path) -> list[SpecPair]:
    if old.is_dir() != new.is_dir():
        raise DiffInputError(f"compare two files or two folders, not {old} and {new}")
    if not old.is_dir():
        return [SpecPair(new.name, _load(old.read_bytes(), str(old)), _load_file(new))]
    names = sorted({p.name for p in old.glob("*.yaml")} | {p.name for p in new.glob("*.yaml")})
    return [
        SpecPair(
            name,
            _load_file(old / name) if (old / name).exists() else None,
            _load_file(new / name) if (new / name).exists() else None,
        )
        for name in names
    ]


def from_git(ref: str, specs_dir: Path) -> list[SpecPair]:
    """The specs folder at `ref` (where the branch left it: the merge base with HEAD) against
    the working tree."""
    root = Path(_git(specs_dir, "rev-parse", "--show-toplevel").strip())
    folder = specs_dir.resolve().relative_to(root).as_posix()
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except DiffInputError:
        raise DiffInputError(
            f"no git ref {ref!r} here: fetch it, or name another (--base REF, BASE=REF)"
        ) from None
    base = _git(root, "merge-base", ref, "HEAD").strip() or ref
    listed = _git(root, "ls-tree", "--name-only", f"{base}:{folder}").split()
    old_names = {name for name in listed if name.endswith(".yaml")}
    new_names = {p.name for p in specs_dir.glob("*.yaml")}
    pairs = []
    for name in sorted(old_names | new_names):
        old = None
        if name in old_names:
            text = _git(root, "show", f"{base}:{folder}/{name}")
            old = _load(text.encode(), f"{ref}:{folder}/{name}")
        new = _load_file(specs_dir / name) if name in new_names else None
        pairs.append(SpecPair(name, old, new))
    return pairs


def _git(where: Path, *args: str) -> str:
    try:
        run = subprocess.run(
            ["git", "-C", str(where), *args], capture_output=True, text=True, timeout=30
        )
    except FileNotFoundError:
        raise DiffInputError("git is not installed") from None
    if run.returncode != 0:
        raise DiffInputError(f"git {' '.join(args)}: {run.stderr.strip() or 'failed'}")
    return run.stdout


def _load_file(path: Path) -> dict[str, Any]:
    try:
        return _load(path.read_bytes(), str(path))
    except OSError as exc:
        raise DiffInputError(f"{path}: cannot be read: {exc.strerror}") from None


def _load(text: bytes, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DiffInputError(f"{where}: not valid YAML: {yaml_problem(exc)}") from None
    if not isinstance(data, dict) or "paths" not in data:
        raise DiffInputError(f"{where}: not an OpenAPI document")
    return data
