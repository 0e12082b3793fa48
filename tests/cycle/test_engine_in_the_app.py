"""The engine 2.x used end to end (issue 16): stored clause-level verdicts, the version that makes the next
analysis recompute them, uniform rules apart from copies, unreadable text refused at the boundary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ct05.cycle import quality
from ct05.cycle.models import Commitment, Registration
from ct05.cycle.services import registrations
from ct05.cycle.services.analysis import analyze
from ct05.cycle.services.registrations import CommitmentInput
from ct05.supervision.checks import cycle as checks
from ct05.supervision.models import WarningRule
from tests.conftest import World, make_member
from tests.cycle.helpers import GENERIC, YEAR, registration, topic

TWO_PARTS = "Phấn đấu hoàn thành tốt nhiệm vụ; mỗi tháng dạy 4 buổi phụ đạo môn Toán cho học sinh yếu lớp 9"
RULE = "Không hút thuốc lá trong khuôn viên cơ quan và trong giờ làm việc"


def _parts(c: Commitment) -> dict[str, object]:
    return next(r for r in c.reasons if r["code"] == "generic_clauses")


def test_a_stored_verdict_names_the_concrete_clause_and_the_one_that_adds_nothing(world: World) -> None:
    topic()
    reg = registration(world, texts=(TWO_PARTS,))
    c = reg.commitments.get()
    parts = _parts(c)
    assert parts["concrete"] == ["mỗi tháng dạy 4 buổi phụ đạo môn Toán cho học sinh yếu lớp 9"]
    assert parts["details"] == ["Phấn đấu hoàn thành tốt nhiệm vụ"]
    assert c.score is not None and c.score < 100  # «phấn đấu» is listed, so the item is not "100/100"


def test_the_next_analysis_recomputes_verdicts_stored_by_an_older_engine(world: World) -> None:
    topic()
    reg = registration(world, texts=(TWO_PARTS,))
    old = [{"code": "weak_phrases", "message": "Có cụm từ chung chung: «phấn đấu»."}]
    Commitment.objects.filter(registration=reg).update(engine_version="2.0+vi-norm-1+lex.0", reasons=old, score=100)
    result = analyze(year=YEAR, workers=1)
    c = reg.commitments.get()
    assert c.engine_version == quality.ENGINE_VERSION and c.engine_version.startswith("2.3+")
    assert result["rewritten"] >= 1
    assert _parts(c)["concrete"]
    assert c.score < 100


def test_the_registration_page_marks_each_part_and_teaches_with_the_members_duty(world: World) -> None:
    topic()
    duty = world.m1.duties.create(text="Giáo viên dạy môn Toán lớp 9", started_on=dt.date(YEAR, 1, 1))
    reg = registration(world, texts=(TWO_PARTS, "Luôn phấn đấu học tập và làm theo gương Bác"), duty_id=duty.pk)
    client = Client()
    client.force_login(world.member1)
    page = client.get(reverse("cycle:registration_detail", args=[reg.pk])).content.decode()
    assert "Chung chung, không thêm gì" in page and "«Phấn đấu hoàn thành tốt nhiệm vụ»" in page
    assert "Gợi ý" in page and "môn Toán" in page.split("Gợi ý", 1)[1]


def test_the_live_check_shows_the_parts_and_an_example_from_the_members_duty(world: World) -> None:
    topic()
    world.m1.duties.create(text="Y sĩ trạm y tế xã, phụ trách tiêm chủng", started_on=dt.date(YEAR, 1, 1))
    reg = registration(world)
    client = Client()
    client.force_login(world.member1)
    url = reverse("cycle:live_check")
    generic = client.post(url, {"registration": reg.pk, "prefix": "c-0", "c-0-content": "Luôn phấn đấu rèn luyện"})
    text = generic.content.decode()
    assert "Gợi ý" in text and "Y sĩ trạm y tế xã" in text
    parts = client.post(url, {"registration": reg.pk, "prefix": "c-0", "c-0-content": TWO_PARTS}).content.decode()
    assert "Chung chung, không thêm gì" in parts and "100/100" not in parts


def test_a_rule_handed_down_to_every_member_is_uniform_not_copied(world: World) -> None:
    topic()
    others = [make_member(world.cell1, f"Lò Văn Pọm {i}", f"DV01{i}") for i in range(3)]
    registration(world, texts=(RULE, TWO_PARTS, GENERIC))
    for m in others:
        registration(world, actor=world.secretary, member=m, texts=(RULE, GENERIC))
    Registration.objects.update(status=Registration.Status.ACCEPTED)
    analyze(year=YEAR, workers=1)
    rule_rows = Commitment.objects.filter(content=RULE)
    assert set(rule_rows.values_list("uniform", flat=True)) == {"shared"}
    assert rule_rows.first().max_similarity == 1.0  # the same text is found, but it is not counted as a copy
    assert Commitment.objects.get(content=TWO_PARTS).uniform == ""
    assert set(Commitment.objects.filter(content=GENERIC).values_list("uniform", flat=True)) == {""}  # stock, no rule
    today = dt.date(YEAR, 12, 31)
    copied = WarningRule(code="copied", threshold=1, min_count=0, effective_from=dt.date(2021, 1, 1))
    # The stock phrase all four wrote word for word is still reported as copied (the copies code's call); the
    # rule is not: 4 commitments, not 8.
    assert [h.count for h in checks.copied(copied, today, None)] == [4]
    rule = WarningRule.objects.get(code="uniform")
    hits = checks.uniform(rule, today, None)
    assert [h.organization_id for h in hits] == [world.cell1.pk]
    assert "quy định chung của đơn vị" in hits[0].message
    supervisor = world.client_for(world.supervisor)
    listed = supervisor.get(reverse("cycle:registration_list"), {"year": YEAR, "quality": "uniform"}).content.decode()
    assert listed.count("1 quy định chung của đơn vị") == 4
    page = supervisor.get(reverse("cycle:registration_detail", args=[rule_rows.first().registration_id]))
    assert "Quy định chung của đơn vị" in page.content.decode()


def test_an_item_of_the_units_own_plan_is_flagged_as_from_the_plan(world: World) -> None:
    topic()
    plan = registrations.registration_create(actor=world.secretary, year=YEAR, organization=world.cell1)
    registrations.registration_save(
        actor=world.secretary, registration=plan, version=plan.version, commitments=[CommitmentInput(content=RULE)]
    )
    reg = registration(world, texts=(RULE,))
    assert reg.commitments.get().uniform == "plan"


@pytest.mark.parametrize("field", ["content", "measures"])
def test_text_still_unreadable_is_refused_naming_the_field_never_judged(world: World, field: str) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    values = {
        "content": "Mỗi tháng dạy 4 buổi phụ đạo cho học sinh yếu",
        field: "ÃƒÂ¡Ã‚ÂºÃ‚Â¡ ÃƒÂ¢Ã¢â€šÂ¬Ã‚Â ÃƒÂ¯Ã‚Â¿Ã‚Â½ Ã‚Â§Ã‚Â§",
    }
    with pytest.raises(ValidationError) as caught:
        registrations.registration_save(
            actor=world.member1, registration=reg, version=reg.version, commitments=[CommitmentInput(**values)]
        )
    assert "không đọc được" in " ".join(caught.value.message_dict[field])
    assert not Commitment.objects.exists()
