"""`generate --check` notices a spec edited without regenerating."""

from __future__ import annotations

import shutil
from pathlib import Path

from keywright import codegen
from keywright.apis import GENERATED_DIR, SPECS_DIR


def test_a_spec_edit_without_regenerating_is_stale(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS_DIR, specs)
    spec = specs / "access-keys.yaml"
    spec.write_text(spec.read_text().replace("example: INVALID_ARGUMENT", "example: NOT_FOUND"))
    assert codegen.stale_files(GENERATED_DIR, specs) == [
        "generated/keywright_models/access_keys.py"
    ]


def test_a_hand_edited_model_is_stale(tmp_path: Path) -> None:
    committed = tmp_path / "generated"
    shutil.copytree(GENERATED_DIR, committed, ignore=shutil.ignore_patterns("__pycache__"))
    model = committed / "keywright_models" / "api_keys.py"
    model.write_text(model.read_text() + "\n# a hand edit\n")
    assert codegen.stale_files(committed) == ["generated/keywright_models/api_keys.py"]
