from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

import ct05.records.quality
from ct05.records.models import StandardCategory, StandardRevision, UnitStandard
from ct05.records.selectors.standards import standards_not_reviewed
from ct05.records.services.standards import StandardItemInput, standard_review, standard_save
from tests.conftest import World


@dataclass
class _Reason:
    code: str
    message: str


@dataclass
class _Assessment:
    score: int
    verdict: str
    reasons: list[_Reason] = field(default_factory=list)
    items: list[object] = field(default_factory=list)


def _fake_engine(items: list[str]) -> _Assessment:
    """Stands in for ct05.textcheck.assess_standard (issue 3) with the documented shape."""
    weak = [t for t in items if "nâng cao" in t.lower()]
    if weak:
        return _Assessment(30, "generic", [_Reason("weak_phrase", "Có cụm từ chung chung: “nâng cao”.")])
    return _Assessment(90, "specific", [])


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> None:
    # the adapter holds the engine's function (imported by name): replace it there
    monkeypatch.setattr(ct05.records.quality, "assess_standard", _fake_engine)


def _cat(n: int) -> StandardCategory:
    return StandardCategory.objects.get(number=n)


def test_the_five_standards_of_regulation_144_are_seeded(db: None) -> None:
    names = list(StandardCategory.objects.order_by("number").values_list("name", flat=True))
    assert len(names) == 5 and names[2] == "Cần, kiệm, liêm, chính, chí công vô tư"


def test_issuing_and_revising_keeps_the_history_and_the_verdict(world: World, engine: None) -> None:
    s = standard_save(
        actor=None,
        org=world.ward,
        title="Chuẩn mực phường",
        issued_on=dt.date(2024, 6, 1),
        items=[StandardItemInput(_cat(3), "Không nhận quà dưới mọi hình thức")],
    )
    assert s.verdict == "specific" and s.version == 1
    s = standard_save(
        actor=None,
        org=world.ward,
        title="Chuẩn mực phường",
        issued_on=dt.date(2025, 6, 1),
        items=[StandardItemInput(_cat(5), "Không ngừng nâng cao đạo đức")],
    )
    assert s.version == 2 and s.verdict == "generic" and s.reasons[0]["code"] == "weak_phrase"
    assert list(StandardRevision.objects.values_list("kind", flat=True)) == ["revised", "issued"]


def test_an_item_without_its_144_category_is_refused_saying_which(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        standard_save(
            actor=None,
            org=world.ward,
            title="X",
            issued_on=dt.date(2024, 6, 1),
            items=[StandardItemInput(_cat(1), "Đúng giờ"), StandardItemInput(None, "Lễ phép với dân")],
        )
    assert "Điều 2: chưa chọn chuẩn mực theo Quy định 144-QĐ/TW." in exc.value.messages
    assert not UnitStandard.objects.exists()


def test_units_not_reviewed_within_the_period_show_up(world: World) -> None:
    old = standard_save(
        actor=None,
        org=world.ward,
        title="Cũ",
        issued_on=dt.date(2023, 1, 1),
        items=[StandardItemInput(_cat(1), "Đúng giờ")],
    )
    today = dt.date(2025, 6, 1)
    assert world.ward in standards_not_reviewed(user=world.officer, today=today)
    standard_review(actor=None, standard=old, date=dt.date(2025, 5, 1), today=today)
    assert world.ward not in standards_not_reviewed(user=world.officer, today=today)
    assert world.other_ward not in standards_not_reviewed(user=world.officer, today=today)  # out of scope
    assert world.other_ward in standards_not_reviewed(user=world.admin, today=today)  # never issued


def test_the_check_panel_shows_the_verdict_and_reasons_without_saving(world: World, engine: None) -> None:
    response = world.client_for(world.officer).post(
        f"/chuan-muc/{world.ward.pk}/kiem-tra/", {"item_text": ["Không ngừng nâng cao ý thức"]}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Chưa đạt" in body and "“nâng cao”" in body
    assert "<html" not in body and not UnitStandard.objects.exists()


def test_an_officer_saves_standards_through_the_page(world: World, engine: None) -> None:
    response = world.client_for(world.officer).post(
        f"/chuan-muc/{world.ward.pk}/sua/",
        {
            "title": "Chuẩn mực Đảng bộ phường",
            "issued_on": "01/06/2025",
            "note": "",
            "item_text": ["Đúng hẹn với dân", ""],
            "item_category": [str(_cat(4).pk), ""],
        },
    )
    assert response.status_code == 302
    assert UnitStandard.objects.get(organization=world.ward).items.get().text == "Đúng hẹn với dân"


def test_editing_another_units_standards_is_404(world: World) -> None:
    client = world.client_for(world.officer)
    assert client.get(f"/chuan-muc/{world.other_ward.pk}/sua/").status_code == 404
    assert client.post(f"/chuan-muc/{world.other_ward.pk}/sua/", {"title": "X"}).status_code == 404
    assert client.post(f"/chuan-muc/{world.other_ward.pk}/ra-soat/", {"date": "01/06/2025"}).status_code == 404
    assert world.client_for(world.supervisor).get(f"/chuan-muc/{world.ward.pk}/sua/").status_code == 404
    assert not UnitStandard.objects.exists()


def test_the_standards_list_flags_units_never_reviewed(world: World) -> None:
    body = world.client_for(world.officer).get("/chuan-muc/", {"status": "not_reviewed"}).content.decode()
    assert "Đảng bộ phường Mường Thanh" in body and "Tân Thanh" not in body
