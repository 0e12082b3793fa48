from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from ct05.core.models import BackgroundJob
from ct05.cycle.models import CellIndicator, CommitmentBand, Registration, SimilarPair
from ct05.seed.demo.cycle import seed_demo_cycle
from tests.conftest import World, make_member
from tests.cycle.helpers import COPIED, GENERIC, YEAR, registration, topic


def _copied_world(world: World) -> None:
    topic()
    other = make_member(world.cell1, "Quàng Văn Xôm", "DV0009")
    registration(world, texts=(COPIED, GENERIC))
    registration(world, actor=world.secretary, member=other, texts=(COPIED.replace("12 hộ", "14 hộ"),))


def test_saving_stores_fingerprints_band_keys_and_the_verified_pair_with_spans(world: World) -> None:
    _copied_world(world)
    assert CommitmentBand.objects.filter(year=YEAR).exists()
    pair = SimilarPair.objects.get()
    assert pair.similarity >= 0.7


def test_the_analyze_command_recomputes_pairs_and_stores_indicators_per_cell(world: World) -> None:
    _copied_world(world)
    SimilarPair.objects.all().delete()
    out = io.StringIO()
    call_command("analyze", "--year", str(YEAR), stdout=out)
    assert SimilarPair.objects.count() == 1
    ind = CellIndicator.objects.get(year=YEAR, organization=world.cell1)
    assert ind.commitments == 0  # drafts are not counted as registered
    assert CellIndicator.objects.filter(year=YEAR).count() == 3


def test_the_analysis_button_runs_a_background_job_in_the_officers_subtree(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _copied_world(world)
    client = world.client_for(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lam-theo/phan-tich/", {"year": YEAR, "org": world.ward.pk})
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and job.status == BackgroundJob.Status.DONE
    assert client.get(f"/cong-viec/{job.pk}/").status_code == 200
    assert client.post("/lam-theo/phan-tich/", {"year": YEAR, "org": world.other_ward.pk}).status_code == 404
    page = client.get("/lam-theo/chi-so/", {"year": YEAR, "org": world.ward.pk}).content.decode()
    assert "Chi bộ tổ dân phố 1" in page and "Chi bộ tổ dân phố 5" not in page


def test_the_demo_cycle_puts_registrations_in_several_states(world: World) -> None:
    for i in range(12):
        make_member(world.cell1, f"Lò Văn Demo {i}", f"DM{i:04d}")
    seed_demo_cycle(year=YEAR, stdout=io.StringIO())
    states = set(Registration.objects.filter(year=YEAR).values_list("status", flat=True))
    assert {"draft", "submitted", "accepted"} <= states
    assert len(states) >= 5
    assert Registration.objects.filter(on_behalf=True).exists()


def test_the_demo_history_closes_last_year_with_results_ratings_and_verdicts(world: World) -> None:
    from ct05.cycle.models import Commitment
    from ct05.seed.demo.cycle import seed_demo_cycle_history

    for i in range(30):
        make_member(world.cell1, f"Lò Văn Cũ {i}", f"DC{i:04d}")
    seed_demo_cycle_history(year=YEAR - 1, stdout=io.StringIO())
    regs = Registration.objects.filter(year=YEAR - 1)
    assert regs.count() > 20 and set(regs.values_list("status", flat=True)) == {"locked"}
    assert not regs.filter(rating__isnull=True).exists()
    items = Commitment.objects.filter(registration__year=YEAR - 1)
    assert set(items.values_list("self_result", flat=True)) == {"done", "partly", "not"}
    assert not items.filter(verdict="").exists()  # analysed like any year
    from ct05.cycle.models import CheckIn

    assert CheckIn.objects.filter(commitment__registration__year=YEAR - 1).values("commitment").distinct().count() > 0
    seed_demo_cycle_history(year=YEAR - 1, stdout=io.StringIO())  # idempotent
    assert Registration.objects.filter(year=YEAR - 1).count() == regs.count()


def test_the_edit_page_shows_last_years_review_to_put_right(world: World) -> None:
    from ct05.cycle.models import Commitment, RatingLevel

    topic()
    last = Registration.objects.create(
        year=YEAR - 1,
        member=world.m1,
        organization=world.cell1,
        status="locked",
        rating=RatingLevel.objects.order_by("rank")[1],
        cell_comment="Chưa hoàn thành việc kèm cặp đảng viên mới.",
    )
    Commitment.objects.create(registration=last, position=1, content="Kèm cặp 2 đảng viên mới", self_result="not")
    Commitment.objects.create(registration=last, position=2, content="Trồng 20 cây xanh", self_result="done")
    reg = registration(world, texts=(COPIED,))
    page = world.client_for(world.member1).get(f"/lam-theo/{reg.pk}/sua/").content.decode()
    assert f"kết quả năm {YEAR - 1}" in page
    assert "Chưa hoàn thành việc kèm cặp đảng viên mới." in page
    assert "Kèm cặp 2 đảng viên mới" in page and "Trồng 20 cây xanh" not in page
    # Another member's page shows nothing of it.
    other = registration(world, actor=world.member2, member=world.m2, texts=(GENERIC,))
    page = world.client_for(world.member2).get(f"/lam-theo/{other.pk}/sua/").content.decode()
    assert "Kèm cặp" not in page and "Tự soi, tự sửa" not in page


def test_the_indicators_export_follows_the_users_scope_with_numbers_as_numbers(world: World) -> None:
    from openpyxl import load_workbook

    _copied_world(world)
    call_command("analyze", "--year", str(YEAR), stdout=io.StringIO())
    response = world.client_for(world.officer).get("/lam-theo/chi-so/xuat.xlsx", {"year": YEAR})
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'chi-so-lam-theo-{YEAR}.xlsx"')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[0] for r in rows[1:]]
    assert "Chi bộ tổ dân phố 1" in names and "Chi bộ tổ dân phố 5" not in names
    assert all(r[1] == "Đảng bộ phường Mường Thanh" for r in rows[1:])
    assert all(isinstance(r[2], int) for r in rows[1:])
    # The other ward's cells stay out even when asked for by id.
    asked = {"year": YEAR, "org": world.other_ward.pk}
    other = world.client_for(world.officer).get("/lam-theo/chi-so/xuat.xlsx", asked)
    assert other.status_code == 404


def test_topics_come_national_then_provincial_then_the_units_focus(world: World) -> None:
    from ct05.cycle.models import Topic
    from ct05.cycle.selectors.year import topics_for

    for level, org, title in (
        (Topic.Level.FOCUS, world.ward, "Khâu đột phá của phường"),
        (Topic.Level.PROVINCIAL, world.province, "Chuyên đề của tỉnh"),
        (Topic.Level.NATIONAL, None, "Chuyên đề toàn khóa"),
    ):
        Topic.objects.create(level=level, year_from=YEAR, year_to=YEAR, organization=org, title=title)
    titles = [t.title for t in topics_for(user=world.member1, year=YEAR, organization=world.cell1)]
    assert titles == ["Chuyên đề toàn khóa", "Chuyên đề của tỉnh", "Khâu đột phá của phường"]
