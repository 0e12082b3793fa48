"""On a phone (360×740) the lists are cards, one per row, and no page is wider than the screen."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import registration

pytestmark = journey

CARD = """(sel) => [...document.querySelectorAll(sel + ' > tbody > tr')]
  .filter(tr => !tr.querySelector('th'))
  .map(tr => ({display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right}))"""


def test_on_a_phone_the_lists_a_secretary_uses_are_cards_within_the_screen(
    town: World, people: Callable[[], Person]
) -> None:
    registration(town)
    sec = people()
    sec.page.set_viewport_size(PHONE)
    sec.login("bithu", PASSWORD)
    page = sec.page
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
    sec.assert_clean()


def test_on_a_wide_screen_the_same_lists_stay_tables(town: World, people: Callable[[], Person]) -> None:
    registration(town)
    sec = people()
    sec.login("bithu", PASSWORD)
    sec.goto("/lam-theo/")
    cards = sec.page.evaluate(CARD, "table.cards-sm")
    assert cards and all(c["display"] == "table-row" for c in cards)
