"""The token page: a user creates a token (shown once), sees their own tokens only, revokes one."""

from __future__ import annotations

import re

from ct05.api.models import ApiToken
from ct05.api.tokens import token_create
from tests.api.conftest import ApiClient
from tests.conftest import World


def test_a_user_creates_a_token_that_works_and_is_shown_once(world: World) -> None:
    client = world.client_for(world.secretary)
    r = client.post("/api/tokens/", {"name": "Sổ tay đảng viên", "scope": "read", "expires_on": "2099-12-31"})
    assert r.status_code == 200
    assert "no-store" in r["Cache-Control"] or "max-age=0" in r["Cache-Control"]
    clear = re.search(r'<code id="new-token">([^<]+)</code>', r.content.decode()).group(1)  # type: ignore[union-attr]
    assert ApiClient(clear).get("/api/v1/members").status_code == 200
    again = client.get("/api/tokens/").content.decode()
    assert clear not in again and clear[:12] in again


def test_a_user_sees_and_revokes_only_their_own_tokens(world: World) -> None:
    mine, clear = token_create(actor=None, user=world.secretary, name="của tôi")
    theirs, _c = token_create(actor=None, user=world.admin, name="Ban Tổ chức Tỉnh ủy")
    client = world.client_for(world.secretary)
    page = client.get("/api/tokens/").content.decode()
    assert "của tôi" in page and "Ban Tổ chức Tỉnh ủy" not in page
    assert client.post(f"/api/tokens/{theirs.pk}/revoke").status_code == 404
    assert client.post(f"/api/tokens/{mine.pk}/revoke").status_code == 302
    assert ApiToken.objects.get(pk=mine.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert ApiClient(clear).get("/api/v1/members").status_code == 401


def test_a_bad_expiry_is_named(world: World) -> None:
    r = world.client_for(world.secretary).post(
        "/api/tokens/", {"name": "x", "scope": "read", "expires_on": "31-31-2099"}
    )
    assert "Ngày hết hạn phải có dạng dd/mm/yyyy." in r.content.decode()
    assert not ApiToken.objects.exists()


def test_the_page_needs_a_login(world: World) -> None:
    assert world.client_for(world.secretary).get("/api/tokens/").status_code == 200
    from django.test import Client

    assert Client().get("/api/tokens/").status_code == 302


def test_the_token_page_is_in_vietnamese_and_in_english_through_the_catalogue(world: World) -> None:
    token_create(actor=None, user=world.secretary, name="Sổ tay", scope="write")
    client = world.client_for(world.secretary)
    vi = client.get("/api/tokens/").content.decode()
    for text in ("Mã truy cập API", "Tạo mã mới", "Các mã của bạn", "Đọc và ghi", "Dùng lần cuối", "Thu hồi"):
        assert text in vi, text
    assert 'href="/api/tokens/"' in vi  # the account menu links to the page
    client.post("/i18n/setlang/", {"language": "en", "next": "/api/tokens/"})
    en = client.get("/api/tokens/").content.decode()
    for text in ("API tokens", "Create a token", "Your tokens", "Read and write", "Last used", "Revoke"):
        assert text in en, text
    assert "Các mã của bạn" not in en and "Dùng lần cuối" not in en
    refused = client.post("/api/tokens/", {"name": "", "scope": "read"}).content.decode()
    assert "Give the token a name" in refused
