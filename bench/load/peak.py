"""The registration peak at the start of a year, as a locust scenario (issue 15, item 5).

Members sign in, open their registration, type with live checks and submit it; cell secretaries accept
submitted registrations and rate self-assessed ones; supervisors open the dashboard, the warnings, the
registration list and the compliance calendar. Run it through bench/load/run.py (which prepares the
personas, starts gunicorn on one or two nodes and keeps the CSV files); by hand:

    CT05_PERSONAS=/tmp/ct05-personas.json CT05_NODES=http://127.0.0.1:8108,http://127.0.0.1:8118 \
      .venv/bin/locust -f bench/load/peak.py --headless -u 30 -r 3 -t 90s --csv /tmp/peak --only-summary

Each virtual user is pinned to one node of CT05_NODES, in turn (what a balancer with sticky-free round robin
does for each new connection; sessions live in the database, so any node serves any user). Requests are
named by page, not by URL, so that the statistics group them: `page:` a page view, `live:` a live check,
`post:` a form sent, `sign-in` the password check (PBKDF2: CPU-heavy by design, reported on its own).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task
from locust.exception import StopUser

PERSONAS = json.loads(Path(os.environ.get("CT05_PERSONAS", "/tmp/ct05-personas.json")).read_text())
NODES = [n.strip() for n in os.environ.get("CT05_NODES", "http://127.0.0.1:8108").split(",") if n.strip()]
_node = itertools.cycle(NODES)
_members = list(PERSONAS["members"])
random.Random(15).shuffle(_members)
_secretaries = itertools.cycle(PERSONAS["secretaries"])
_supervisors = itertools.cycle([*PERSONAS["supervisors"], PERSONAS["admin"]])
TODAY = dt.date.today().strftime("%d/%m/%Y")

# What a member types, a few words at a time: each step is one live check (htmx sends one after a pause).
TYPED = [
    "Hằng tháng",
    "Hằng tháng vận động các hộ",
    "Hằng tháng vận động các hộ gia đình trong tổ phân loại rác tại nguồn,",
    "Hằng tháng vận động các hộ gia đình trong tổ phân loại rác tại nguồn, lập sổ theo dõi từng hộ,",
    "Hằng tháng vận động các hộ gia đình trong tổ phân loại rác tại nguồn, lập sổ theo dõi từng hộ, "
    "báo cáo chi bộ ngày 25 hằng tháng; phấn đấu 90% số hộ tham gia trước 30/11.",
]


class _Forms(HTMLParser):
    """The forms of a page: action → {field: value} (inputs, textareas, selected options)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append((a.get("action", ""), {}))
        elif not self.forms or "name" not in a:
            if tag == "option" and self._select and "selected" in a and self.forms:
                self.forms[-1][1][self._select] = a.get("value", "")
            return
        elif tag == "input" and a.get("type") not in {"checkbox", "submit", "button"}:
            self.forms[-1][1][a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1][1][a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.forms[-1][1].setdefault(a["name"], "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][1][self._textarea] += data


def forms_of(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class _Person(HttpUser):
    abstract = True
    host = NODES[0]  # replaced per user in on_start
    wait_time = between(1, 3)  # a person reads between clicks

    def on_start(self) -> None:
        self.client.base_url = next(_node)

    def _csrf(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    def sign_in(self, username: str) -> None:
        self.client.cookies.clear()
        self.client.get("/dang-nhap/", name="page: sign-in form")
        with self.client.post(
            "/dang-nhap/",
            {"username": username, "password": PERSONAS["password"]},
            headers=self._csrf(),
            name="sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"sign-in of {username}: {r.status_code}")
                raise StopUser

    def page(self, url: str, name: str) -> Any:
        with self.client.get(url, name=f"page: {name}", catch_response=True) as r:
            if r.status_code != 200 or "/dang-nhap/" in r.url:
                r.failure(f"{r.status_code} at {r.url}")
            return r

    def post(self, url: str, data: dict[str, str], name: str, expect: int = 302) -> Any:
        with self.client.post(
            url, data, headers=self._csrf(), name=f"post: {name}", allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != expect:
                r.failure(f"{r.status_code}: {r.text[:200]}")
            return r


class Member(_Person):
    """Signs in, opens their registration, types one commitment with live checks, submits; then the next
    member (the pool of drafts is shared, each taken once) signs in on the same virtual user."""

    weight = 8

    @task
    def register(self) -> None:
        if not _members:
            raise StopUser  # every draft of the prepared cells was submitted: prepare again for another run
        me = _members.pop()
        self.sign_in(str(me["username"]))
        self.page("/", "home")
        r = self.page("/lam-theo/cua-toi/", "my registration")
        m = re.search(r"/lam-theo/(\d+)/", r.url or "")
        if not m:
            return
        pk = m.group(1)
        edit = self.page(f"/lam-theo/{pk}/sua/", "registration edit")
        fields = next((f for action, f in forms_of(edit.text) if "version" in f), None)
        if fields is None:
            return
        self.wait()
        for text in TYPED:
            self.client.post(
                "/lam-theo/kiem-tra/",
                {"registration": pk, "prefix": "c-0", "c-0-content": text, "c-0-duty": fields.get("c-0-duty", "")},
                headers={**self._csrf(), "HX-Request": "true"},
                name="live: check while typing",
            )
            self.wait()
        fields.update({"c-0-content": TYPED[-1], "c-0-deadline": f"30/11/{PERSONAS['year']}", "then": "submit"})
        self.post(f"/lam-theo/{pk}/sua/", fields, "save and submit")
        self.page(f"/lam-theo/{pk}/", "registration")
        self.client.post("/dang-xuat/", headers=self._csrf(), name="post: sign out", allow_redirects=False)


class Secretary(_Person):
    """A cell secretary: accepts what members submitted, rates what they self-assessed."""

    weight = 2

    def on_start(self) -> None:
        super().on_start()
        self.me = next(_secretaries)
        self.sign_in(str(self.me["username"]))

    def _review(self, status: str) -> None:
        r = self.page(f"/lam-theo/?status={status}", f"registration list ({status})")
        ids = re.findall(r'href="/lam-theo/(\d+)/"', r.text)
        if not ids:
            return
        pk = random.choice(ids)
        detail = self.page(f"/lam-theo/{pk}/", "registration")
        self.wait()
        for action, fields in forms_of(detail.text):
            if status == "submitted" and action.endswith("/thong-qua/"):
                self.post(action, {**fields, "cell_review_on": TODAY}, "accept")
            elif status == "self_assessed" and action.endswith("/xep-loai/"):
                pick = re.findall(r'<option value="(\d+)"', detail.text)
                fields.update({"rating": pick[0] if pick else "", "comment": "Hoàn thành tốt nội dung đã đăng ký."})
                self.post(action, fields, "rate")

    @task(3)
    def accept(self) -> None:
        self._review("submitted")

    @task(1)
    def rate(self) -> None:
        self._review("self_assessed")

    @task(1)
    def home(self) -> None:
        self.page("/", "home")


class Supervisor(_Person):
    """A supervisor (or the province's administrator): dashboards, warnings, the lists above the cells."""

    weight = 1

    def on_start(self) -> None:
        super().on_start()
        self.sign_in(str(next(_supervisors)))

    @task(3)
    def dashboard(self) -> None:
        self.page("/bang-dieu-khien/", "dashboard")

    @task(3)
    def warnings(self) -> None:
        self.page("/giam-sat/canh-bao/", "warnings")

    @task(2)
    def registrations(self) -> None:
        self.page(f"/lam-theo/?page={random.randint(1, 200)}", "registration list (province)")

    @task(1)
    def calendar(self) -> None:
        self.page(f"/tuan-thu/{PERSONAS['root']}/", "compliance calendar (province)")

    @task(1)
    def home(self) -> None:
        self.page("/", "home")
