"""`ct05 token create/list/revoke`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ct05.api.models import ApiToken
from tests.api.conftest import ApiClient
from tests.conftest import World


def _run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_create_prints_a_working_token_on_its_last_line_once(world: World) -> None:
    out = _run("create", "--user", "bithu", "--scope", "write", "--expires", "31/12/2099")
    clear = out.strip().splitlines()[-1]
    assert ApiClient(clear).get("/api/v1/members").status_code == 200
    token = ApiToken.objects.get()
    assert (token.scope, str(token.expires_on)) == ("write", "2099-12-31")
    listing = _run("list")
    assert token.prefix in listing and clear not in listing


def test_revoke_by_id(world: World) -> None:
    clear = _run("create", "--user", "tinhuy").strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert "Đã thu hồi" in _run("revoke", str(token.pk))
    assert ApiClient(clear).get("/api/v1/members").status_code == 401
    assert "đã thu hồi" in _run("list", "--user", "tinhuy")


def test_an_unknown_user_is_a_clear_error(world: World) -> None:
    with pytest.raises(CommandError, match="Không có tài khoản"):
        _run("create", "--user", "khongco")
