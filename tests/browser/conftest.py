"""Browser tests (issue 13): Playwright for Python drives Debian's Chromium against pytest-django's live server.

No browser is ever downloaded: the Makefile installs Debian's `chromium` package when it is missing, and these
tests are skipped, loudly, only when that binary cannot be found. Every page a journey looks at is checked by
axe-core (injected from node_modules, never a CDN) for serious or critical violations, and measured at phone
width (360 px): nothing may be wider than the screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from tests.browser.world import town  # noqa: F401  (the journeys' fixture)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CT05_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "docs" / "huong-dan" / "img"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
# How long an action or an expectation may wait for the page: generous, for a CI machine shared with other jobs
# (an upper bound for waiting, never a measure: nothing asserts how fast a page is).
WAIT_MS = 30_000
PHONE = {"width": 360, "height": 740}

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright

    expect.set_options(timeout=WAIT_MS // 2)
except ImportError:  # pragma: no cover - the dev extra installs it
    sync_playwright = None

SKIPPED = "BROWSER TESTS SKIPPED: "


def _missing() -> str | None:
    if sync_playwright is None:
        return "the Python package `playwright` is not installed (pip install -e '.[dev]')"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (make test installs Debian's `chromium` package; apt-get failed?)"
    if not AXE.is_file():
        return f"axe-core is missing at {AXE} (npm install)"
    return None


def _is_browser_test(item: pytest.Item) -> bool:
    return "tests/browser/" in str(item.fspath).replace(os.sep, "/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The journeys run last (on each worker under pytest-xdist, which hands each its tests in this order): a
    # transactional test leaves the database flushed behind it (serialized_rollback puts the migrations' rows back
    # only at the start of the next such test), which other transactional tests, ordered after the plain ones by
    # pytest-django, do not expect; and once the first journey has started Chromium (see `browser`), Playwright's
    # loop stays the thread's running loop to the end of the session.
    items.sort(key=_is_browser_test)
    reason = _missing()
    if reason is None:
        return
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.skip(reason=SKIPPED + reason))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    # From the skipped tests' reports: under pytest-xdist the workers collect, not the process that reports.
    reasons = {
        str(report.longrepr[2]).partition(SKIPPED)[2]
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and SKIPPED in str(report.longrepr[2])
    }
    for reason in sorted(reasons):
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(f"BROWSER TESTS WERE SKIPPED: {reason}", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # One Chromium for the whole run, started by the first journey (the journeys run last, see above) and stopped
    # at the end of the session. While Playwright's sync API runs, its asyncio loop is the thread's running loop:
    # Django refuses ORM calls as "async" (a false alarm: nothing here is async, hence DJANGO_ALLOW_ASYNC_UNSAFE),
    # and its connection handler, thread-critical, keeps other connections for "async" code. Those are given the
    # connection objects of before, so the journeys, their world and pytest-django's flush after each use the
    # same connections as every other test (the test database's serialized rows hang on them).
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    outside = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as pw:
            for alias, connection in outside.items():
                connections[alias] = connection
            b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            yield b
            b.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


class Person:
    """One person at one browser: navigates, and checks each page they look at (axe, phone width)."""

    # The sign-in page is the same for everyone: checked (axe, phone width) at the first sign-in of the run.
    login_page_checked = False

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base = base_url
        self.problems: list[str] = []
        self.seen: list[str] = []

    def url(self, path: str) -> str:
        return self.base + path

    def goto(self, path: str) -> None:
        self.page.goto(self.url(path))
        self.look()

    def login(self, username: str, password: str) -> None:
        self.page.goto(self.url("/dang-nhap/"))
        if not Person.login_page_checked:
            self.look()
            Person.login_page_checked = True
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_load_state()
        assert "/dang-nhap/" not in self.page.url, f"{username} could not sign in: {self.page.url}"

    def look(self) -> None:
        """Check the page as it is now: no serious or critical axe violation, nothing wider than a phone."""
        page = self.page
        where = page.url.removeprefix(self.base)
        self.seen.append(where)
        # The page as it settles, not halfway through an htmx call (its indicator fading in fails color-contrast).
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async () => {
              const r = await axe.run(document, {resultTypes: ['violations']});
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')
                     + (v.nodes.length > 3 ? ' … ' + v.nodes.length + ' elements' : ''));
            }"""
        )
        self.problems += [f"{where}: axe {v}" for v in found]
        size = page.viewport_size or DESKTOP
        page.set_viewport_size(PHONE)
        wide = page.evaluate(
            """() => {
              const w = document.scrollingElement.scrollWidth;
              if (w <= 360) return null;
              const out = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > 361 && getComputedStyle(e).position !== 'fixed')
                .filter(e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                                 if (getComputedStyle(a).overflowX !== 'visible') return false; return true; })
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > 361))
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                                   + ' «' + e.textContent.trim().slice(0, 30) + '» '
                                   + Math.round(e.getBoundingClientRect().right) + 'px');
              return w + 'px wide: ' + out.join(', ');
            }"""
        )
        if wide:
            self.problems.append(f"{where}: at 360 px the page is {wide}")
        page.set_viewport_size(size)

    def shot(self, name: str, *, phone: bool = False, at: str | None = None) -> None:
        """A screenshot for the user guides, written only when CT05_SCREENSHOTS=1 (a normal run writes no file)."""
        if os.environ.get("CT05_SCREENSHOTS") != "1":
            return
        SHOTS.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size or DESKTOP
        if phone:
            self.page.set_viewport_size(PHONE)
        if at:
            self.page.locator(at).first.scroll_into_view_if_needed()
            self.page.evaluate("window.scrollBy(0, -8)")
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
        self.page.set_viewport_size(size)

    def assert_clean(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "Problems on the pages visited:\n" + "\n".join(problems)


@pytest.fixture
def people(browser: Browser, live_server: Any) -> Iterator[Callable[[], Person]]:
    """Each call opens a fresh browser context (its own cookies): one person at one browser."""
    contexts: list[Any] = []

    def open_one() -> Person:
        context = browser.new_context(viewport=DESKTOP, locale="vi-VN", bypass_csp=True, accept_downloads=True)
        context.set_default_timeout(WAIT_MS)
        # axe-core in every page of the context from its start: sent to the browser once, not at each look.
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        return Person(context.new_page(), live_server.url)

    yield open_one
    for context in contexts:
        context.close()


def tab_to(page: Page, name: str, *, limit: int = 80) -> None:
    """Press Tab (only the keyboard) until the focused control is named `name`: its text or its label."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; if (!e) return '';
                       const l = e.labels && e.labels[0];
                       return ((l ? l.textContent : e.textContent) || '').trim(); }"""
        )
        if focused.startswith(name):
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key ({limit} presses)")
