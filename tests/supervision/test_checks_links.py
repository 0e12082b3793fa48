"""Every page a warning's evidence links to exists: the page names written in the checks are read from
their source and reversed, so a renamed page fails here rather than in the daily evaluation."""

from __future__ import annotations

import ast
from pathlib import Path

from django.urls import NoReverseMatch, reverse

import ct05.supervision.checks as checks

CHECKS_DIR = Path(checks.__file__).parent


def _linked_pages() -> list[tuple[str, int, str]]:
    """(module, line, page name) of every `link(label, "name", *args)` in the checks."""
    found = []
    for path in sorted(CHECKS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "link" and len(node.args) >= 2:
                name = node.args[1]
                assert isinstance(name, ast.Constant) and isinstance(name.value, str), f"{path.name}:{node.lineno}"
                found.append((path.name, node.lineno, name.value))
    return found


def test_the_checks_link_to_pages() -> None:
    assert len(_linked_pages()) >= 10


def _reverses(name: str) -> bool:
    for args in ([], [1]):  # a list page, or a record's page
        try:
            reverse(name, args=args)
            return True
        except NoReverseMatch:
            continue
    return False


def test_every_page_a_warning_links_to_exists() -> None:
    assert [(module, line, name) for module, line, name in _linked_pages() if not _reverses(name)] == []
