"""GET /api/v1/dashboard: the dashboard page's figures, for a unit and its whole subtree, by year, half or
quarter — compared with what the page itself shows to the same user."""

from __future__ import annotations

from typing import Any

import pytest

from ct05.dashboard.indicators import BY_CODE
from ct05.dashboard.present import TABLE_CODES, fmt
from ct05.dashboard.services import rollup_compute
from tests.conftest import World
from tests.dashboard import conftest as dashboard
from tests.dashboard.conftest import LAST_YEAR, Records

world = dashboard.world  # the dashboard tests' fixtures: units founded in 2016, a year of records in three cells
records = dashboard.records


def _page(world: World, user: Any, org: Any) -> Any:
    url = f"/bang-dieu-khien/{org.pk}/" if org is not None else "/bang-dieu-khien/"
    r = world.client_for(user).get(url, {"year": LAST_YEAR})
    assert r.status_code == 200
    return r.context


def _by_code(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["code"]: i for i in items}


@pytest.mark.parametrize(
    ("persona", "unit"),
    [("admin", "city"), ("admin", None), ("officer", "ward"), ("secretary", "cell1")],
)
def test_the_api_gives_the_figures_the_dashboard_page_shows(
    world: World, records: Records, api_for, persona: str, unit: str | None
) -> None:
    rollup_compute(year=LAST_YEAR)
    rollup_compute(year=LAST_YEAR - 1)
    user = getattr(world, persona)
    org = getattr(world, unit) if unit else None
    params = {"period": str(LAST_YEAR), **({"org": org.code} if org else {})}
    r = api_for(user, scope="read").get("/api/v1/dashboard", **params)
    assert r.status_code == 200, r.content
    body = r.json()
    page = _page(world, user, org)
    assert body["title"] == page["data"].title and body["has_data"]
    assert body["whole_subtree"] is True
    values = _by_code(body["indicators"])
    for card in page["cards"]:  # every headline card: its value and its n/d
        got = values[card.code]
        assert fmt(got["value"], BY_CODE[card.code].is_pct) == card.value, card.code
        if BY_CODE[card.code].is_pct:
            assert f"{fmt(got['numerator'], False)}/{fmt(got['denominator'], False)}" == card.detail
    assert [u["organization"]["name"] for u in body["units"]] == [line.name for line in page["lines"]]
    for unit_body, line in zip(body["units"], page["lines"], strict=True):  # the ranked sub-units' table
        unit_values = _by_code(unit_body["indicators"])
        assert [fmt(unit_values[c]["value"], True) for c in TABLE_CODES] == line.values
        assert (f"{unit_body['risk']:.0f}" if unit_body["risk"] is not None else "—") == line.risk


def test_a_plain_member_reads_no_indicators(world: World, records: Records, api_for) -> None:
    rollup_compute(year=LAST_YEAR)
    client = api_for(world.member1, scope="read")
    assert client.get("/api/v1/dashboard", period=str(LAST_YEAR)).status_code == 404
    assert client.get("/api/v1/dashboard", org=world.cell1.code, period=str(LAST_YEAR)).status_code == 404


def test_a_higher_unit_adds_up_its_whole_subtree(world: World, records: Records, api_for) -> None:
    rollup_compute(year=LAST_YEAR)
    client = api_for(world.admin, scope="read")
    ward = _by_code(client.get("/api/v1/dashboard", org="MT", period=str(LAST_YEAR)).json()["indicators"])
    cells = [
        _by_code(client.get("/api/v1/dashboard", org=code, period=str(LAST_YEAR)).json()["indicators"])
        for code in ("MT1", "MT2")
    ]
    for code in ("registered", "specific", "study", "deeds"):
        assert ward[code]["numerator"] >= sum(c[code]["numerator"] for c in cells), code
    assert ward["study"]["numerator"] == 12 + 6 and ward["study"]["denominator"] == 24
    assert ward["deeds"]["value"] == 2  # one in cell 1, one recorded at the ward itself


def test_a_quarter_slices_the_monthly_figures(world: World, records: Records, api_for) -> None:
    rollup_compute(year=LAST_YEAR)
    client = api_for(world.officer, scope="read")
    q3 = client.get("/api/v1/dashboard", org="MT", period=f"{LAST_YEAR}-Q3").json()
    h1 = client.get("/api/v1/dashboard", org="MT", period=f"{LAST_YEAR}-H1").json()
    assert q3["start"] == f"{LAST_YEAR}-07-01" and q3["end"] == f"{LAST_YEAR}-09-30"
    assert _by_code(q3["indicators"])["study"]["numerator"] == 3  # cell 2 had no study item after June
    assert _by_code(h1["indicators"])["study"]["value"] == 100.0
    assert _by_code(q3["indicators"])["deeds"]["value"] == 0  # both in March


def test_outside_the_scope_is_404_and_a_bad_period_names_the_field(world: World, records: Records, api_for) -> None:
    client = api_for(world.officer, scope="read")
    assert client.get("/api/v1/dashboard", org="TT").status_code == 404
    for bad in ("2026-Q5", "2015", "2021-2025", "9999"):
        r = client.get("/api/v1/dashboard", period=bad)
        assert r.status_code == 422, bad
        assert r.json()["errors"][0]["field"] == "period"
