"""On a phone (360×740) the lists are cards, one per row, no page is wider than the screen and forms can be used
with one thumb; on a wide screen the same lists stay tables."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import registration

pytestmark = journey

CARD = """(sel) => [...document.querySelectorAll(sel + ' > tbody > tr')]
  .filter(tr => !tr.querySelector('th'))
  .map(tr => ({display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right}))"""


THUMB = """() => {
  const form = document.querySelector('main form[method=post]');
  const box = form.getBoundingClientRect();
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const small = [], narrow = [];
  for (const e of form.querySelectorAll('input, select, textarea, button')) {
    if (e.type === 'hidden' || !shown(e)) continue;
    const r = e.getBoundingClientRect();
    const tap = (e.type === 'checkbox' || e.type === 'radio') ? (e.closest('label') || e).getBoundingClientRect() : r;
    const name = e.name || e.textContent.trim().slice(0, 20);
    if (tap.height < 44) small.push(name + ' ' + Math.round(tap.height) + 'px');
    const field = e.tagName !== 'BUTTON' && !['checkbox', 'radio'].includes(e.type);
    if (field && r.width < box.width * 0.85) narrow.push(name + ' ' + Math.round(r.width));
  }
  return {small, narrow};
}"""
IN_REACH = """(name) => {
  const b = [...document.querySelectorAll('main form button')].find(e => e.textContent.trim() === name);
  const r = b.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}"""


def test_on_a_phone_lists_are_cards_and_forms_fit_one_thumb_and_on_a_wide_screen_lists_stay_tables(
    town: World, people: Callable[[], Person]
) -> None:
    reg = registration(town)
    sec = people()
    sec.page.set_viewport_size(PHONE)
    sec.login("bithu", PASSWORD)
    page = sec.page

    # The lists a secretary uses are cards, one per row, within the screen.
    for path, first in (
        ("/lam-theo/", "Lò Văn Pâng"),
        ("/dang-vien/", "Lò Văn Pâng"),
        ("/sinh-hoat/", None),
    ):
        sec.goto(path)
        if first is None:
            continue
        expect(page.locator("table.cards-sm td.card-title").first).to_contain_text(first)
        cards = page.evaluate(CARD, "table.cards-sm")
        assert cards and all(c["display"] == "block" and c["right"] <= PHONE["width"] for c in cards), (path, cards)
        sec.shot(f"dien-thoai-{path.strip('/')}", phone=True, at="table.cards-sm")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

    # Forms can be used with one thumb.
    for path, primary in (
        (f"/lam-theo/{reg.pk}/sua/", "Lưu và nộp cho chi bộ"),
        (f"/sinh-hoat/them/?org={town.cell1.pk}", "Lưu"),
    ):
        sec.goto(path)
        page.evaluate("window.scrollTo(0, 0)")
        found = page.evaluate(THUMB)
        assert found == {"small": [], "narrow": []}, (path, found)
        # The form is longer than the screen, yet its main action is within reach without scrolling to the end.
        assert page.evaluate("document.scrollingElement.scrollHeight") > PHONE["height"]
        assert page.evaluate(IN_REACH, primary), f"{path}: “{primary}” is not on the screen"
        sec.shot(f"dien-thoai-form-{path.strip('/').split('/')[0]}", phone=True)

    # On a wide screen the same lists stay tables.
    page.set_viewport_size(DESKTOP)
    sec.goto("/lam-theo/")
    cards = page.evaluate(CARD, "table.cards-sm")
    assert cards and all(c["display"] == "table-row" for c in cards)
    sec.assert_clean()
