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


def test_a_healthy_answer_names_no_host_port_or_database(db: object) -> None:
    from django.db import connection

    response = Client().get("/healthz")
    assert response.json() == {"status": "ok", "database": connection.vendor}  # the engine's kind, nothing more
    body = response.content.decode()
    for key in ("HOST", "PORT", "NAME"):
        value = str(connection.settings_dict.get(key) or "")
        if len(value) > 3:  # an empty or tiny value would be found in anything
            assert value not in body, key
