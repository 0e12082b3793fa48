"""The seed's place in the codebase: it imports the domain apps, never the reverse (issue 11)."""

from __future__ import annotations

import ast
from pathlib import Path

import ct05

ROOT = Path(ct05.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_domain_app_imports_the_seed() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if ROOT / "seed" not in path.parents
        and any(m == "ct05.seed" or m.startswith("ct05.seed.") for m in _imported_modules(path))
    ]
    assert offenders == []


def test_no_seeding_module_is_left_inside_a_domain_app() -> None:
    leftovers = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if ROOT / "seed" not in path.parents and path.stem.startswith(("demo", "seed"))
    ]
    assert leftovers == []
