"""The dashboard page: scope, figures, charts, drill-down, ranking."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ct05.dashboard.services import rollup_compute
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records


def page(world: World, user: Any, org: Any, **params: Any) -> Any:
    url = reverse("dashboard:org", args=[org.pk]) if org is not None else reverse("dashboard:home")
    return world.client_for(user).get(url, params)


def test_the_province_admin_sees_headline_figures_charts_and_ranked_sub_units(world: World, records: Records) -> None:
    rollup_compute(year=LAST_YEAR)
    rollup_compute(year=LAST_YEAR - 1)
    r = page(world, world.admin, world.city, year=LAST_YEAR)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Đảng bộ thành phố Điện Biên Phủ" in html
    assert html.count("<svg") >= 4 and "<script" not in html.split("<main>")[1]
    assert "Đảng viên đã đăng ký làm theo" in html and "100%" in html
    # the ward (one cell without the study item half the year) ranks below the other ward (no meetings)
    assert html.index("Đảng bộ phường Tân Thanh") < html.index("Đảng bộ phường Mường Thanh")
    # drill-down to the records behind the numbers, filtered by unit and year
    assert f"/sinh-hoat/?org={world.city.pk}&amp;year={LAST_YEAR}&amp;status=missing_study" in html
    assert "quality=copied" in html


def test_a_ward_officer_gets_404_for_another_ward_and_sees_only_their_own(world: World, records: Records) -> None:
    rollup_compute(year=LAST_YEAR)
    assert page(world, world.officer, world.other_ward).status_code == 404
    assert page(world, world.officer, world.province).status_code == 404
    r = page(world, world.officer, None, year=LAST_YEAR)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Chi bộ tổ dân phố 1" in html and "Chi bộ tổ dân phố 5" not in html


def test_a_plain_member_sees_no_indicators_not_even_of_their_own_cell(world: World, records: Records) -> None:
    # The visibility policy: indicators are for the cell's secretary and above (docs/access.md).
    rollup_compute(year=LAST_YEAR)
    assert page(world, world.member1, world.cell1, year=LAST_YEAR).status_code == 404
    assert world.client_for(world.member1).get("/bang-dieu-khien/").status_code == 404
    assert page(world, world.member1, world.cell2).status_code == 404
    assert page(world, world.member1, world.ward).status_code == 404


def test_a_year_without_figures_says_so_instead_of_failing(world: World) -> None:
    r = page(world, world.admin, world.province, year=2017)
    assert r.status_code == 200
    assert "Chưa có số liệu tổng hợp cho năm này" in r.content.decode()


def test_a_future_or_malformed_year_falls_back_to_this_year(world: World) -> None:
    r = page(world, world.admin, world.province, year=3000)
    assert r.status_code == 200
    r = page(world, world.admin, world.province, year="abc", indicator="<bad>")
    assert r.status_code == 200


def test_anonymous_users_are_sent_to_login(world: World) -> None:
    from django.test import Client

    r = Client().get(reverse("dashboard:home"))
    assert r.status_code == 302 and "dang-nhap" in r["Location"]


def test_the_dashboard_speaks_english_when_chosen_and_the_report_stays_vietnamese(
    world: World, records: Records
) -> None:
    import datetime as dt

    from django.conf import settings
    from django.utils import translation

    from ct05.dashboard.reports.period import parse_period
    from ct05.dashboard.reports.service import report_context

    rollup_compute(year=LAST_YEAR)
    rollup_compute(year=LAST_YEAR - 1)
    client = world.client_for(world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard:org", args=[world.city.pk]), {"year": LAST_YEAR}).content.decode()
    assert "Members registered" in html or "registered" in html.lower()
    assert "Đảng viên đã đăng ký làm theo" not in html
    with translation.override("en"):  # an English session generating the year-end report
        ctx = report_context(
            user=world.admin, org=world.city, period=parse_period(str(LAST_YEAR), today=dt.date.today())
        )
    text = " ".join(f for part in ctx.parts for f in part.facts)
    assert "Tỷ lệ đảng viên đăng ký làm theo" in text and "registered" not in text.lower()
