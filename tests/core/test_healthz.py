import pytest
from django.test import Client

from ct05.core import views


def test_it_answers_200_with_the_database_status(db: object) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}


def test_it_rejects_post(db: object) -> None:
    assert Client().post("/healthz").status_code == 405


def test_the_interface_is_vietnamese_even_for_an_english_browser(db: object) -> None:
    response = Client().get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()


def test_when_the_database_fails_it_says_so_without_its_address(db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    class Unreachable:
        vendor = "postgresql"

        def cursor(self) -> None:
            raise OSError('connection to server at "10.1.2.3", port 5432 failed: password authentication failed')

    monkeypatch.setattr(views, "connection", Unreachable())
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert "10.1.2.3" not in response.content.decode()
