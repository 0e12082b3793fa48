"""The shape of the code base (issue 11): short modules, core/ below every app, no app reaching into another
app's private helpers. Plain file reads, so a regression fails here with the file named."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "ct05"
MAX_LINES = 600


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_outside_migrations_is_over_600_lines() -> None:
    long = {_rel(p): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_core_imports_neither_orgs_nor_access() -> None:
    pattern = re.compile(r"^\s*(?:from|import) ct05\.(orgs|access)\b", re.M)
    offenders = {
        _rel(p): m for p in _modules() if _rel(p).startswith("core/") and (m := pattern.findall(p.read_text()))
    }
    assert offenders == {}


def test_no_module_imports_another_apps_private_helpers() -> None:
    pattern = re.compile(r"^\s*from ct05\.(\w+)\.[\w.]*\b_\w+ import|^\s*from ct05\.(\w+)\.[\w.]* import _\w", re.M)
    offenders = []
    for path in _modules():
        own = _rel(path).split("/")[0]
        for match in pattern.finditer(path.read_text()):
            app = match.group(1) or match.group(2)
            if app != own:
                offenders.append(f"{_rel(path)}: {match.group(0).strip()}")
    assert offenders == []
