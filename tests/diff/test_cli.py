"""`keywright diff` from the command line: files, folders, a git ref; exit codes, formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from keywright.cli import main
from tests.catalog import CATALOG

API_KEYS = CATALOG.get("api-keys").path
CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _environment_restored() -> Iterator[None]:
    """`--specs` reaches the server processes through the environment; not the next test."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def _diff(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", *args])


def _edited(folder: Path, edit: str) -> Path:
    """A copy of the API-keys spec with one edit."""
    data = yaml.safe_load(API_KEYS.read_text())
    schemas = data["components"]["schemas"]
    if edit == "narrowed":
        schemas["CreateApiKeyRequest"]["properties"]["expiration_time"]["maximum"] = 3600
    elif edit == "response enum grew":
        schemas["Scope"]["enum"].append("pci:tokens:erase")
    elif edit == "documented better":
        schemas["ApiKey"]["description"] = "A key, described better."
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "api-keys.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_a_breaking_change_exits_1_naming_it(tmp_path: Path) -> None:
    result = _diff(str(API_KEYS), str(_edited(tmp_path, "narrowed")))
    assert result.exit_code == 1
    assert "BREAKING request-maximum-decreased" in result.output
    assert (
        "POST /api/admin/api-keys: the request body: maximum 7776000 became 3600" in result.output
    )
    assert result.output.rstrip().endswith("1 breaking")


def test_only_harmless_changes_exit_0(tmp_path: Path) -> None:
    result = _diff(str(API_KEYS), str(_edited(tmp_path, "documented better")))
    assert (result.exit_code, result.output.strip()) == (0, "no changes")


def test_fail_on_warning_is_stricter(tmp_path: Path) -> None:
    new = str(_edited(tmp_path, "response enum grew"))
    assert _diff(str(API_KEYS), new).exit_code == 0
    result = _diff(str(API_KEYS), new, "--fail-on", "warning")
    assert result.exit_code == 1
    assert "WARNING  response-enum-value-added" in result.output


def test_folders_are_matched_by_file_name(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(CATALOG.specs_dir, old)
    new = _edited(tmp_path / "new", "documented better").parent
    result = _diff(str(old), str(new), "--format", "json")
    assert result.exit_code == 1
    gone = {(c["rule"], c["file"]) for c in json.loads(result.output)}
    assert gone == {
        ("api-removed", "specs/access-keys.yaml"),
        ("api-removed", "specs/proxy-keys.yaml"),
    }


def test_markdown_is_a_changelog(tmp_path: Path) -> None:
    result = _diff(str(API_KEYS), str(_edited(tmp_path, "narrowed")), "--format", "markdown")
    lines = result.output.splitlines()
    assert lines[0] == "## Spec changes: 1 breaking"
    assert lines[2] == "### Breaking"
    assert lines[4].startswith("- **POST /api/admin/api-keys**: the request body: maximum 7776000")


def test_an_unreadable_side_exits_2_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "api-keys.yaml"
    broken.write_text("openapi: [3.0.3\n")
    result = _diff(str(API_KEYS), str(broken))
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"✗ {broken}: not valid YAML:")
    assert len(result.output.strip().splitlines()) == 1


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose specs folder holds our specs, committed."""
    shutil.copytree(CATALOG.specs_dir, tmp_path / "specs")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "specs")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "specs")
    return tmp_path


def test_base_compares_a_git_ref_with_the_working_tree(repo: Path) -> None:
    specs = repo / "specs"
    assert _diff("--specs", str(specs), "--base", "HEAD").exit_code == 0
    _edited(specs, "narrowed")
    result = _diff("--specs", str(specs), "--base", "main")
    assert result.exit_code == 1
    assert "request-maximum-decreased" in result.output


def test_an_unknown_base_says_what_to_do(repo: Path) -> None:
    result = _diff("--specs", str(repo / "specs"), "--base", "origin/main")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "✗ no git ref 'origin/main' here: fetch it, or name another (--base REF, BASE=REF)"
    )


def test_our_history_is_what_we_expect() -> None:
    """From the first committed specs to today's: what broke is on purpose (issue 11: the real
    services' credentials and limits), and nothing else did."""
    first = subprocess.run(
        ["git", "-C", str(CHECKOUT), "log", "--diff-filter=A", "--format=%H", "--", "specs/api-keys.yaml"],
        capture_output=True, text=True, check=True,
    ).stdout.split()[-1]  # fmt: skip
    result = _diff("--base", first, "--format", "json")
    breaking = sorted(
        (c["file"], c["rule"], c["path"].rsplit(".", 1)[-1])
        for c in json.loads(result.output)
        if c["level"] == "breaking"
    )
    assert breaking == [
        ("specs/api-keys.yaml", "request-maximum-decreased", "maximum"),
        ("specs/api-keys.yaml", "security-scheme-changed", "AdminToken"),
        ("specs/proxy-keys.yaml", "request-pattern-changed", "pattern"),
        ("specs/proxy-keys.yaml", "request-pattern-changed", "pattern"),
    ]
    assert result.exit_code == 1
