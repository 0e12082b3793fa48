"""The main journeys through the balancer, as people do them, for `bench/cluster/run.py` (started inside the
client's network namespace; it reaches nothing but the balancer's address).

Clients, each a thread with its own session, until `--duration` seconds have passed:
- 0, writer: the member (dangvien) writes or corrects their registration, live-checks it and submits it; the
  cell secretary (bithu) returns it with a comment, so the next round writes again; once the time is up, one
  last submission that the secretary accepts;
- 1, reporter: the province administrator (tinhuy) starts the periodic report of the province (a task on the
  workers) and polls its job page until it is done or failed;
- 2 and more, readers: the supervisor (giamsat) opens the dashboard (served by the replica: the page says so),
  the warnings, the supervision hub and the indicators; the first reader signs out and in again after every
  8 pages.

Every request is one JSON line on stdout: time, client, step, status, milliseconds, the upstreams nginx tried
(`X-Upstream`: two addresses = a retry on the other node) and, for pages read from the replica, `replica`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import time
from html.parser import HTMLParser
from typing import Any

import requests

PASSWORD = "ct05-demo"  # the demo logins' published password (ct05/seed/demo/tree.py)
REPLICA_NOTE = "Số liệu đọc từ bản sao cơ sở dữ liệu"
SPECIFIC = (
    "Vận động 12 hộ ở tổ dân phố 1 phân loại rác tại nguồn trước ngày 30/6, mỗi tháng kiểm tra một lần "
    "và báo cáo kết quả với chi bộ (lượt {n})"
)
_out = threading.Lock()


class _Forms(HTMLParser):
    """Every <form> of a page: action, method, fields with their current values, buttons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._button: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": {}})
            self.forms[-1]["buttons"] = []
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind not in {"submit", "button", "file"}:
                fields[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields[a["name"]] = ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            if self._select not in fields or "selected" in a:
                fields[self._select] = a.get("value", "")
        elif tag == "button":
            self._button = {"name": a.get("name", ""), "value": a.get("value", ""), "text": ""}
            self.forms[-1]["buttons"].append(self._button)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "button":
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data
        if self._button is not None:
            self._button["text"] += data.strip()


def forms_of(html: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Client:
    def __init__(self, base: str, name: str, timeout: float) -> None:
        self.base, self.name, self.timeout = base, name, timeout
        self.s = requests.Session()
        self.failures = 0

    def _log(
        self, step: str, method: str, url: str, status: int, ms: float, upstream: str, extra: dict[str, Any]
    ) -> None:
        line = {"t": round(time.time(), 3), "client": self.name, "step": step, "method": method, "status": status}
        line |= {"ms": round(ms, 1), "upstream": upstream, "path": url.replace(self.base, "")[:80], **extra}
        with _out:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()

    def request(self, step: str, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        url = path if path.startswith("http") else self.base + path
        t0 = time.perf_counter()
        try:
            r = self.s.request(method, url, timeout=self.timeout, **kwargs)
            upstreams = [h.headers.get("X-Upstream", "") for h in (*r.history, r)]  # each hop through nginx
        except requests.RequestException as exc:
            self.failures += 1
            self._log(step, method, url, 0, (time.perf_counter() - t0) * 1000, "", {"error": type(exc).__name__})
            return None
        extra: dict[str, Any] = {}
        if REPLICA_NOTE in r.text:
            extra["replica"] = True
        if r.status_code >= 400:
            self.failures += 1
        self._log(step, method, url, r.status_code, (time.perf_counter() - t0) * 1000, " | ".join(upstreams), extra)
        return r

    def post_form(
        self, step: str, page: requests.Response, *, action: str = "", button: str = "", **values: str
    ) -> requests.Response | None:
        """Submit the page's form whose action contains `action` (or which has a button labelled `button`)."""
        for form in forms_of(page.text):
            labels = [b["text"] for b in form["buttons"]]
            if (action and action in form["action"]) or (button and button in labels):
                data = dict(form["fields"])
                for b in form["buttons"]:
                    if button and b["text"] == button and b["name"]:
                        data[b["name"]] = b["value"]
                data.update(values)
                target = form["action"] or page.url
                return self.request(step, "POST", target, data=data, headers={"Referer": page.url})
        return None

    def login(self, username: str) -> bool:
        """Sign in. nginx resends a sign-in that was in flight on a node that died (deploy/nginx.conf); should
        one fail all the same, the person tries again (that failure is counted all the same: it is logged)."""
        return any(self._login(username) for _try in range(3))

    def logout(self) -> None:
        token = self.s.cookies.get("csrftoken", "")
        self.request("sign out", "POST", "/dang-xuat/", headers={"X-CSRFToken": token, "Referer": self.base + "/"})

    def _login(self, username: str) -> bool:
        page = self.request("sign-in page", "GET", "/dang-nhap/")
        if page is None:
            return False
        r = self.post_form("sign in", page, action="", button="Đăng nhập", username=username, password=PASSWORD)
        if r is None:  # the button's label is not known: the first POST form of the page
            forms = [f for f in forms_of(page.text) if f["method"] == "post"]
            data = {**forms[0]["fields"], "username": username, "password": PASSWORD} if forms else {}
            r = self.request("sign in", "POST", "/dang-nhap/", data=data, headers={"Referer": page.url})
        return r is not None and r.status_code == 200 and "/dang-nhap/" not in r.url


def writer(base: str, deadline: float, timeout: float) -> None:
    member, secretary = Client(base, "member", timeout), Client(base, "secretary", timeout)
    if not (member.login("dangvien") and secretary.login("bithu")):
        return
    n = 0
    while time.time() < deadline:
        n += 1
        pk = _write_and_submit(member, n)
        if pk is None:
            time.sleep(1)
            continue
        page = secretary.request("secretary opens it", "GET", f"/lam-theo/{pk}/")
        if page is not None:
            secretary.post_form("secretary returns it", page, action="/tra-lai/", comment=f"Ghi rõ số hộ (lượt {n})")
        secretary.request("secretary's list", "GET", "/lam-theo/")
    pk = _write_and_submit(member, n + 1)
    page = secretary.request("secretary opens it", "GET", f"/lam-theo/{pk}/") if pk else None
    if page is not None:
        secretary.post_form("secretary accepts it", page, action="/thong-qua/")


def _write_and_submit(member: Client, n: int) -> int | None:
    """The member's registration: created if there is none, corrected and submitted; returns its id."""
    r = member.request("member: my registration", "GET", "/lam-theo/cua-toi/")
    if r is None:
        return None
    if "/lam-theo/tao/" in r.url:
        r = member.post_form("member creates it", r, button="Tạo và nhập nội dung")
        if r is None:
            return None
    found = re.search(r"/lam-theo/(\d+)/", r.url)
    if not found:
        return None
    pk = int(found.group(1))
    if r.url.endswith(f"/lam-theo/{pk}/sua/"):
        edit: requests.Response | None = r  # just created: its edit page
    elif f"/lam-theo/{pk}/sua/" in r.text:
        edit = member.request("member: edit page", "GET", f"/lam-theo/{pk}/sua/")
    else:
        return pk  # submitted or accepted already: nothing to write
    if edit is None or edit.status_code != 200:
        return pk
    text = SPECIFIC.format(n=n)
    member.request(
        "member: live check",
        "POST",
        "/lam-theo/kiem-tra/",
        data={"registration": pk, "prefix": "c-0", "c-0-content": text, **_csrf(edit)},
        headers={"HX-Request": "true", "Referer": edit.url},
    )
    member.post_form("member saves and submits", edit, button="Lưu và nộp cho chi bộ", **{"c-0-content": text})
    return pk


def _csrf(page: requests.Response) -> dict[str, str]:
    for form in forms_of(page.text):
        if "csrfmiddlewaretoken" in form["fields"]:
            return {"csrfmiddlewaretoken": form["fields"]["csrfmiddlewaretoken"]}
    return {}


def reporter(base: str, deadline: float, timeout: float) -> None:
    admin = Client(base, "reporter", timeout)
    if not admin.login("tinhuy"):
        return
    home = admin.request("admin: dashboard", "GET", "/bang-dieu-khien/")
    found = re.search(r"/bao-cao-dinh-ky/(\d+)/", home.text if home is not None else "")
    if not found:
        return
    while time.time() < deadline:
        page = admin.request("admin: report page", "GET", f"/bao-cao-dinh-ky/{found.group(1)}/")
        label = "Tạo báo cáo (.docx và phụ lục .xlsx)"
        r = admin.post_form("admin starts the report", page, button=label) if page else None
        if r is None:
            time.sleep(1)
            continue
        for _poll in range(120):  # bounded: two minutes at most per report
            job = admin.request("admin polls the report job", "GET", r.url.replace(base, ""))
            if job is not None and ("Hoàn thành" in job.text or "Lỗi" in job.text and "status" in job.text):
                admin._log("report job ended", "-", r.url, 0, 0, "", {"done": "Hoàn thành" in job.text})
                break
            time.sleep(1)


def reader(base: str, deadline: float, timeout: float, name: str) -> None:
    sup = Client(base, name, timeout)
    if not sup.login("giamsat"):
        return
    pages = ["/bang-dieu-khien/", "/giam-sat/canh-bao/", "/giam-sat/", "/lam-theo/chi-so/"]
    for n in range(100_000):  # bounded; ends at the deadline
        if time.time() >= deadline:
            break
        sup.request("supervisor: " + pages[n % len(pages)], "GET", pages[n % len(pages)])
        # the first reader comes and goes (sign-ins and sign-outs all along, not only at the start); the others
        # stay signed in, so that their dashboards are read from the replica (a POST pins one to the primary)
        if name == "reader0" and n % 8 == 7:
            sup.logout()
            if not sup.login("giamsat"):
                return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=90)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    deadline = time.time() + args.duration
    threads = [
        threading.Thread(target=writer, args=(args.base, deadline, args.timeout)),
        threading.Thread(target=reporter, args=(args.base, deadline, args.timeout)),
    ] + [
        threading.Thread(target=reader, args=(args.base, deadline, args.timeout, f"reader{i}"))
        for i in range(max(0, args.clients - 2))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=args.duration + 300)


if __name__ == "__main__":
    main()
