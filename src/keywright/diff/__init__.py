"""`keywright diff`: what changed between two versions of the specs, and whom it breaks.

What a client sends may only get looser; what it receives may only keep its promises. Every
change is a `Change` with a level (breaking, warning, info) and a stable rule id, as oasdiff
reports them.
"""

from keywright.diff.changes import Change, Level
from keywright.diff.compare import compare_specs
from keywright.diff.sources import SpecPair, from_git, from_paths

__all__ = ["Change", "Level", "SpecPair", "compare_specs", "from_git", "from_paths"]
