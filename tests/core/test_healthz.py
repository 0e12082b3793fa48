from django.test import Client


def test_it_answers_200_with_the_database_status(db: object) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}


def test_it_rejects_post(db: object) -> None:
    assert Client().post("/healthz").status_code == 405
