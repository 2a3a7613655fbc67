"""`generate --check` notices a spec edited without regenerating, and generated code edited."""

from __future__ import annotations

import shutil
from pathlib import Path

from keywright import codegen
from keywright.catalog import Catalog
from keywright.codegen.generate import GENERATED_DIR
from tests.catalog import CATALOG


def test_a_spec_edit_without_regenerating_is_stale(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(CATALOG.specs_dir, specs)
    spec = specs / "access-keys.yaml"
    spec.write_text(spec.read_text().replace("example: INVALID_ARGUMENT", "example: NOT_FOUND"))
    assert codegen.stale_files(Catalog.load(specs), GENERATED_DIR) == [
        "generated/keywright_models/access_keys.py"
    ]


def test_a_hand_edited_model_or_interface_is_stale(tmp_path: Path) -> None:
    committed = tmp_path / "generated"
    shutil.copytree(GENERATED_DIR, committed, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("keywright_models/api_keys.py", "keywright_interfaces/proxy_keys.py"):
        edited = committed / name
        edited.write_text(edited.read_text() + "\n# a hand edit\n")
    assert codegen.stale_files(CATALOG, committed) == [
        "generated/keywright_interfaces/proxy_keys.py",
        "generated/keywright_models/api_keys.py",
    ]


def test_a_module_of_a_spec_that_is_gone_is_stale(tmp_path: Path) -> None:
    committed = tmp_path / "generated"
    shutil.copytree(GENERATED_DIR, committed, ignore=shutil.ignore_patterns("__pycache__"))
    (committed / "keywright_interfaces" / "retired_keys.py").write_text("# left over\n")
    assert codegen.stale_files(CATALOG, committed) == [
        "generated/keywright_interfaces/retired_keys.py"
    ]
