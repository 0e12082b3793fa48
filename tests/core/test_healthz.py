from django.test import Client


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
