"""Pages go out compressed to a browser that accepts gzip (issue 13, slow links): the application does it, so
the page weights hold behind any front server."""

from __future__ import annotations

import gzip

from tests.conftest import World


def test_a_page_is_compressed_when_the_browser_accepts_gzip(world: World) -> None:
    client = world.client_for(world.secretary)
    plain = client.get("/lam-theo/")
    packed = client.get("/lam-theo/", HTTP_ACCEPT_ENCODING="gzip")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    html = gzip.decompress(packed.content).decode()
    assert "Đăng ký làm theo" in html and len(packed.content) < len(plain.content)


def test_the_api_is_not_compressed_its_etags_stay_strong_for_if_match(world: World) -> None:
    response = world.client_for(world.secretary).get("/api/openapi.json", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response
