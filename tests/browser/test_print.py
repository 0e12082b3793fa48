"""Lists, the registration form and the meeting minutes print cleanly on A4: printed to PDF by the browser, with
no navigation, no form controls, nothing wider than the paper."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from ct05.core import clock
from ct05.records.services import meetings as msvc
from tests.browser.conftest import SHOTS, Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import registration

pytestmark = journey

# A4 is 210 mm wide; with 15 mm margins the text is 180 mm, 680 CSS pixels at 96 per inch.
A4_TEXT_PX = 680
ON_PAPER = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0);
  return {width: document.scrollingElement.scrollWidth,
          nav: shown('header.top, nav, footer').length,
          controls: shown('button, a.button, input:not([type=hidden]), select, textarea').length};
}"""


def _pdf(person: Person, name: str) -> bytes:
    page = person.page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_TEXT_PX, "height": 960})
    paper = page.evaluate(ON_PAPER)
    assert paper == {"width": A4_TEXT_PX, "nav": 0, "controls": 0}, (page.url, paper)
    data = page.pdf(prefer_css_page_size=True, print_background=True)  # A4, 15 mm: the site's @page
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[0-9.]+ 84[0-9.]+\s*\]", data), "not A4 (595 x 842 pt)"
    if os.environ.get("CT05_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS.parent / f"{name}.pdf").write_bytes(data)
    page.emulate_media(media="screen")
    return data


SIGNED = """() => {
  const block = document.querySelector('.signatures');
  if (!block || block.getClientRects().length === 0) return null;
  return {date: block.querySelector('.date-line').innerText.trim(),
          signers: [...block.querySelectorAll('.sig')].map(s => s.innerText.replace(/\\s+/g, ' ').trim())};
}"""
HEADERS_REPEAT = """() => [...document.querySelectorAll('main table thead')]
  .every(t => getComputedStyle(t).display === 'table-header-group')"""


def _signed(person: Person) -> dict[str, Any] | None:
    """The signature block as printed (None: not on paper); on screen it must not show."""
    page = person.page
    assert page.evaluate(SIGNED) is None, f"{page.url}: the signature block shows on screen"
    page.emulate_media(media="print")
    found = page.evaluate(SIGNED)
    page.emulate_media(media="screen")
    return found


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_list_the_registration_and_the_meeting_minutes_print_on_a4(
    town: World, people: Callable[[], Person]
) -> None:
    reg = registration(town)
    meeting = msvc.meeting_create(
        actor=town.secretary,
        cell=town.cell1,
        data=msvc.MeetingInput(
            kind="regular", date=clock.today().replace(day=1), place="Nhà văn hóa tổ 1", content="Học chuyên đề năm."
        ),
    )
    sec = people()
    sec.login("bithu", PASSWORD)

    sec.goto("/lam-theo/")
    sec.page.emulate_media(media="print")
    assert sec.page.evaluate(HEADERS_REPEAT), "a long list's header row must repeat on every printed page"
    sec.page.emulate_media(media="screen")
    assert _pages(_pdf(sec, "in-danh-sach")) == 1

    sec.goto(f"/lam-theo/{reg.pk}/")
    signed = _signed(sec)
    assert signed is not None, "the printed registration has no signature block"
    assert signed["date"].endswith(f"ngày …… tháng …… năm {reg.year}")
    assert signed["signers"][0].startswith("XÁC NHẬN CỦA CHI BỘ BÍ THƯ CHI BỘ (Ký, ghi rõ họ tên)")
    assert signed["signers"][1] == "NGƯỜI ĐĂNG KÝ (Ký, ghi rõ họ tên) Lò Văn Pâng"
    assert _pages(_pdf(sec, "in-ban-dang-ky")) == 1

    sec.goto(f"/sinh-hoat/{meeting.pk}/")
    signed = _signed(sec)
    day = meeting.date
    assert signed is not None and signed["date"].endswith(f"ngày {day.day} tháng {day.month} năm {day.year}")
    assert [s.split(" (")[0] for s in signed["signers"]] == ["THƯ KÝ", "CHỦ TRÌ"]
    assert _pages(_pdf(sec, "in-bien-ban")) >= 1
    sec.assert_clean()
