"""`ct05 seed demo` refuses to run with DEBUG off unless told explicitly (issue 12, item 7)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from ct05.orgs.models import Organization


@pytest.mark.django_db
def test_with_debug_off_the_demo_seed_refuses_and_writes_nothing(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-demo-password"):
        call_command("seed", "demo", "--tree-only", stdout=StringIO())
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_with_debug_off_the_explicit_flag_lets_the_demo_seed_run(settings: Any) -> None:
    settings.DEBUG = False
    call_command("seed", "demo", "--tree-only", "--allow-demo-password", stdout=StringIO())
    assert Organization.objects.exists()
