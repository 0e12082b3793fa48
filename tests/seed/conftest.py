"""The seed tests run as on a developer's machine: `ct05 seed demo` refuses with DEBUG off (issue 12).

TestCase classes (whose setUpTestData runs before any fixture) carry @override_settings(DEBUG=True) instead.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _debug_on(settings: Any) -> None:
    settings.DEBUG = True
