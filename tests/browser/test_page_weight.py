"""The weight of each page for a slow link (issue 13: highland communes on 2G): every page in each role's menu and
the pages behind them, with a full page of a list (50 rows), measured as a browser with an empty cache fetches
it — the HTML and every stylesheet, script and image it loads — each compressed with gzip (level 6, what
WhiteNoise serves for static files and the application's GZipMiddleware for pages). The heaviest must stay under 150 KB.

With CT05_SCREENSHOTS=1 (the run that refreshes the guides) the figures are written to docs/benchmarks-pages.md.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from ct05.core import clock
from ct05.cycle.models import Commitment, Registration
from ct05.records.services import meetings as msvc
from tests.browser.conftest import ROOT, Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World, make_member
from tests.cycle.helpers import SPECIFIC, registration

pytestmark = journey

LIMIT = 150 * 1024
REPORT = ROOT / "docs" / "benchmarks-pages.md"
# What the page itself loads (stylesheets, scripts, images, fonts), not what it asks as it is used (htmx calls).
RESOURCES = """() => performance.getEntriesByType('resource')
  .filter(e => !['xmlhttprequest', 'fetch', 'beacon'].includes(e.initiatorType))
  .map(e => e.name).filter(u => u.startsWith(location.origin))"""


@dataclass(frozen=True)
class Weight:
    who: str
    path: str
    html: int
    html_gz: int
    assets_gz: int

    @property
    def total(self) -> int:
        return self.html_gz + self.assets_gz


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _a_full_list(town: World) -> Registration:
    """Fifty registrations in the cell (a whole page of the list), three commitments each."""
    mine = registration(town)
    year = mine.year
    members = [make_member(town.cell1, f"Đảng viên số {n:02d}", f"DV9{n:03d}") for n in range(49)]
    regs = [Registration(year=year, member=m, organization=town.cell1) for m in members]
    Registration.objects.bulk_create(regs)
    Commitment.objects.bulk_create(
        Commitment(registration=r, position=i + 1, content=f"{SPECIFIC} ({i})", deadline=dt.date(year, 12, 15))
        for r in Registration.objects.filter(year=year).exclude(pk=mine.pk)
        for i in range(3)
    )
    return mine


def test_no_page_weighs_more_than_150_kb_compressed(town: World, people: Callable[[], Person]) -> None:
    reg = _a_full_list(town)
    meeting = msvc.meeting_create(
        actor=town.secretary,
        cell=town.cell1,
        data=msvc.MeetingInput(kind="regular", date=clock.today().replace(day=1), place="Nhà văn hóa", content="Học."),
    )
    extra = {
        "dangvien": [f"/lam-theo/{reg.pk}/", f"/lam-theo/{reg.pk}/sua/", f"/sinh-hoat/{meeting.pk}/"],
        "bithu": [f"/lam-theo/{reg.pk}/", f"/sinh-hoat/{meeting.pk}/", f"/sinh-hoat/them/?org={town.cell1.pk}"],
        "muongthanh": [f"/tuan-thu/{town.ward.pk}/", f"/chuan-muc/{town.ward.pk}/", f"/to-chuc/{town.ward.pk}/"],
        "giamsat": [f"/bang-dieu-khien/{town.ward.pk}/", "/giam-sat/canh-bao/", "/giam-sat/doan/"],
    }
    asset_gz: dict[str, int] = {}
    weights: list[Weight] = []
    for who, more in extra.items():
        person = people()
        person.login(who, PASSWORD)
        page = person.page
        menu = page.eval_on_selector_all("header nav a", "as => as.map(a => a.getAttribute('href'))")
        for path in dict.fromkeys([*menu, *more]):
            response = page.goto(person.url(path))
            assert response is not None and response.status == 200, (who, path)
            html = response.body()
            loaded = list(dict.fromkeys(page.evaluate(RESOURCES)))
            for url in loaded:
                if url not in asset_gz:
                    asset_gz[url] = _gz(page.context.request.get(url).body())
            assets = sum(asset_gz[u] for u in loaded)
            weights.append(Weight(who, path, len(html), _gz(html), assets))
            person.look()
        person.assert_clean()

    weights.sort(key=lambda w: -w.total)
    if os.environ.get("CT05_SCREENSHOTS") == "1":
        _write_report(weights)
    heaviest = weights[0]
    assert heaviest.total < LIMIT, f"{heaviest.path} ({heaviest.who}) weighs {heaviest.total / 1024:.1f} KB"


def _write_report(weights: list[Weight]) -> None:
    def sh(*cmd: str) -> str:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False).stdout.strip()

    kb: Callable[[int], str] = lambda n: f"{n / 1024:.1f}"  # noqa: E731
    rows = "\n".join(
        f"| `{w.path}` | {w.who} | {kb(w.html)} | {kb(w.html_gz)} | {kb(w.assets_gz)} | **{kb(w.total)}** |"
        for w in weights
    )
    REPORT.write_text(
        f"""# Page weight on a slow link (issue 13)

Every page in each role's menu and the main pages behind them, with a full page of the registration list
(50 registrations of 3 commitments each), as a browser with an empty cache loads it: the HTML and each
stylesheet, script and image it fetches, every one compressed with gzip level 6 (what WhiteNoise serves for
static files; pages by the application's GZipMiddleware, see below). The limit is **150 KB** for the
heaviest page; a test fails above it (`tests/browser/test_page_weight.py`). On a warm cache a page costs
only its HTML column.

Command: `CT05_SCREENSHOTS=1 CT05_CHROMIUM=/usr/bin/chromium .venv/bin/pytest tests/browser/test_page_weight.py`
Commit: `{sh("git", "rev-parse", "--short", "HEAD")}` · {dt.date.today():%Y-%m-%d} · machine load: `{sh("uptime")}`
(sizes do not depend on the load).

Heaviest: `{weights[0].path}` ({weights[0].who}), {kb(weights[0].total)} KB compressed.

| page | as | HTML KB | HTML gzip KB | CSS, JS gzip KB | total gzip KB |
| --- | --- | ---: | ---: | ---: | ---: |
{rows}

Pages are compressed by the application itself (Django's GZipMiddleware, which pads each response with
random bytes against BREACH; CSRF tokens are masked per response), whatever the front server does, so nginx
needs no `gzip on`. Static files are compressed by WhiteNoise (`STATIC_MANIFEST=true`).
""",
        encoding="utf-8",
    )
