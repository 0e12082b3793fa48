"""The authorization matrix (issue 12): every URL pattern of the site, for every persona — the demo logins,
a mission member, a member and a secretary of ANOTHER ward, an anonymous visitor — with object ids inside
and outside their scope; pages and files by GET, writes by POST. What each persona may do comes from the
policy table (ct05/access/policy.py) and a hand-written scope per persona, not from the resolver under test.
A URL pattern without an entry in ENTRIES fails the test. `pytest tests/access/test_matrix.py -q` runs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ct05.access.policy import R, Record, Seen, Write, roles_writing, seen
from tests.access.matrix_data import (
    MATE_ABSENCE,
    MATE_BIRTH,
    MATE_CARD,
    MATE_CRITICISM,
    WARNING_TEXT,
    Data,
    Obj,
    build,
)

ALL = frozenset({"province", "city", "ward", "cell1", "cell2", "other_ward", "other_cell"})
WARD = frozenset({"ward", "cell1", "cell2"})
# Each persona's roles and the units each role covers, written out by hand from tests/conftest.py and
# tests/access/matrix_data.py.
PERSONAS: dict[str, tuple[dict[str, frozenset[str]], str | None]] = {
    "tinhuy": ({R.PROVINCE_ADMIN: ALL}, None),
    "giamsat": ({R.SUPERVISOR: ALL}, None),
    "muongthanh": ({R.COMMITTEE_OFFICER: WARD}, None),
    "bithu": ({R.CELL_SECRETARY: frozenset({"cell1"})}, None),
    "dangvien": ({R.MEMBER: frozenset({"cell1"})}, "m1"),
    "doankhaosat": ({R.SUPERVISOR: frozenset({"city"}), R.MISSION_MEMBER: WARD}, None),
    "dangvien_tt": ({R.MEMBER: frozenset({"other_cell"})}, "m_other"),
    "bithu_tt": ({R.CELL_SECRETARY: frozenset({"other_cell"})}, None),
    "anonymous": ({}, None),
}
# Missions are issued by the province: its supervisors manage them; the inspector works on the one he is in.
MISSION_MANAGERS = frozenset({"tinhuy", "giamsat"})
MISSION_IN = MISSION_MANAGERS | {"doankhaosat"}


@dataclass(frozen=True)
class Entry:
    """How one URL pattern is checked. `see`: a read under that record kind; `write`: a write the policy
    names; `who`: personas allowed, given by hand (missions, jobs); `anyone`: every signed-in user (or, with
    public, also anonymous). `objs`: object keys (matrix_data) whose ids fill the URL; `post`: POST only;
    `form`: GET shows the write's form, POST makes it."""

    see: Record | None = None
    write: Write | None = None
    who: dict[str, frozenset[str]] | None = None
    anyone: bool = False
    public: bool = False
    objs: tuple[str, ...] = ()
    post: bool = False
    form: bool = False
    ok: tuple[int, ...] = (200,)
    skip: str = ""


def see(record: Record, *objs: str, ok: tuple[int, ...] = (200,)) -> Entry:
    return Entry(see=record, objs=objs, ok=ok)


def write(w: Write, *objs: str, form: bool = False) -> Entry:
    return Entry(write=w, objs=objs, post=not form, form=form)


def who(allowed: dict[str, frozenset[str]], *objs: str, post: bool = False, ok: tuple[int, ...] = (200,)) -> Entry:
    return Entry(who=allowed, objs=objs, post=post, ok=ok)


REG = ("registration:m1", "registration:mate", "registration:out")
MEETING = ("meeting:in", "meeting:out")
ORG_IN_OUT = ("org:cell1", "org:other_cell")
M_IN = {"mission:in": MISSION_IN, "mission:out": MISSION_MANAGERS}
M_MANAGE = {"mission:in": MISSION_MANAGERS, "mission:out": MISSION_MANAGERS}


def _registers() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    records = {
        "good_deed": Record.GOOD_DEED,
        "exemplary_model": Record.EXEMPLARY_MODEL,
        "commendation": Record.COMMENDATION,
        "criticism": Record.CRITICISM,
        "activity": Record.ACTIVITY,
        "document": Record.DOCUMENT,
    }
    for key, record in records.items():
        objs = (f"{key}:m1", f"{key}:mate", f"{key}:out")
        out[f"records:{key}_list"] = see(record)
        out[f"records:{key}_export"] = see(record)
        out[f"records:{key}_detail"] = see(record, *objs)
        out[f"records:{key}_delete"] = write(Write.REGISTER_EDIT, *objs)
        out[f"records:{key}_create"] = write(Write.REGISTER_EDIT, form=True)
        out[f"records:{key}_edit"] = write(Write.REGISTER_EDIT, *objs, form=True)
    out["records:document_create"] = write(Write.REGISTER_EDIT, form=True)
    out["records:document_edit"] = write(Write.REGISTER_EDIT, "document:m1", "document:out", form=True)
    # No file stored in the matrix data: in scope 404 (no file), out of scope 404 as well — never 200.
    out["records:document_download"] = Entry(who={}, objs=("document:m1", "document:out"))
    return out


API = "an API operation: tests/api/test_authorization_matrix.py"

ENTRIES: dict[str, Entry] = {
    "core:healthz": Entry(public=True),
    "core:login": Entry(public=True),
    "core:logout": Entry(skip="signs the persona out; tested in tests/core"),
    "core:password_change": Entry(anyone=True),
    "core:password_change_done": Entry(anyone=True),
    "core:job_detail": who({"job:officer": frozenset({"muongthanh"})}, "job:officer"),
    # The matrix's job made no file: 404 for everyone, the owner too; an export's file: tests/core/test_exports.py
    "core:job_download": who({}, "job:officer"),
    "set_language": Entry(skip="switches the language; no data"),
    "accounts:my_data": Entry(anyone=True),  # one's own data and who opened it
    "accounts:my_data_download": Entry(anyone=True, ok=(200, 404)),  # 404: an account with no member record
    "accounts:two_factor": Entry(anyone=True, ok=(200, 302)),
    "accounts:password_reset": Entry(public=True),
    "accounts:password_reset_done": Entry(public=True),
    "accounts:password_reset_confirm": Entry(skip="needs a mailed token: tests/accounts"),
    "accounts:password_reset_complete": Entry(public=True),
    "ops:readyz": Entry(skip="operations probe, no records: tests/ops"),
    "ops:metrics": Entry(skip="operations metrics, no records: tests/ops"),
    "admin": Entry(skip="the Django admin, superusers only (issue 12 item 4, helper security)"),
    # cycle
    "cycle:registration_list": see(Record.REGISTRATION),
    "cycle:my_registration": Entry(anyone=True, ok=(200, 302)),
    "cycle:registration_new": Entry(anyone=True),
    "cycle:live_check": Entry(skip="htmx check of typed text for a registration the user acts on: tests/cycle"),
    "cycle:registration_detail": see(Record.REGISTRATION, *REG),
    "cycle:registration_edit": Entry(skip="owner or reviewer; covered by registration_submit below"),
    "cycle:registration_submit": Entry(skip="owner or reviewer: tests/cycle"),
    "cycle:registration_accept": write(Write.REGISTRATION_REVIEW, *REG),
    "cycle:registration_return": write(Write.REGISTRATION_REVIEW, *REG),
    "cycle:checkin": Entry(skip="owner only: tests/cycle"),
    "cycle:self_assess": Entry(skip="owner only: tests/cycle"),
    "cycle:registration_assess": write(Write.REGISTRATION_REVIEW, *REG),
    "cycle:registration_lock": write(Write.REGISTRATION_REVIEW, *REG),
    "cycle:registration_docx": see(Record.REGISTRATION, *REG),
    "cycle:blank_form_docx": Entry(skip="own form or a managed member's: tests/cycle"),
    "cycle:book": see(Record.REGISTRATION, "book:cell1", "book:other_cell"),
    "cycle:export": see(Record.REGISTRATION),
    "cycle:import": write(Write.REGISTRATION_REVIEW, form=True),
    "cycle:import_template": Entry(anyone=True),  # a blank template
    "cycle:indicators": see(Record.INDICATOR),
    "cycle:indicators_export": see(Record.INDICATOR),
    "cycle:analyze": Entry(skip="starts a background analysis: tests/cycle"),
    "cycle:missing": see(Record.NOT_REGISTERED),
    "cycle:topics": Entry(anyone=True),
    "cycle:notifications": Entry(anyone=True),
    # dashboard
    "dashboard:start": Entry(anyone=True),
    "dashboard:home": see(Record.INDICATOR),
    "dashboard:org": see(Record.INDICATOR, *ORG_IN_OUT),
    "dashboard:report": see(Record.REPORT, *ORG_IN_OUT),
    "dashboard:report_job": who({"job:officer": frozenset({"muongthanh"})}, "job:officer"),
    "dashboard:report_download": who({}, "job_file:officer"),
    # orgs
    "orgs:org_tree": Entry(anyone=True),
    "orgs:org_detail": see(Record.COLLECTIVE_PLAN, *ORG_IN_OUT),
    "orgs:org_add_child": write(Write.ORG_RESTRUCTURE, "org:ward", "org:other_ward", form=True),
    "orgs:org_edit": write(Write.ORG_EDIT, "org:cell1", "org:other_cell", form=True),
    "orgs:org_move": Entry(skip="judged on the parent: tests/orgs/test_authority.py"),
    "orgs:org_merge": Entry(skip="judged on the parent: tests/orgs/test_authority.py"),
    "orgs:org_split": Entry(skip="judged on the parent: tests/orgs/test_authority.py"),
    "orgs:member_add": write(Write.MEMBER_EDIT, *ORG_IN_OUT, form=True),
    "orgs:org_import": write(Write.MEMBER_EDIT, form=True),
    "orgs:org_import_template": Entry(anyone=True),
    "orgs:org_export": Entry(anyone=True),
    "orgs:member_list": Entry(anyone=True),
    "orgs:member_detail": see(Record.MEMBER_ROSTER, "member:m1", "member:mate", "member:out"),
    "orgs:member_edit": write(Write.MEMBER_EDIT, "member:m1", "member:out", form=True),
    "orgs:duty_add": write(Write.MEMBER_EDIT, "member:m1", "member:out"),
    "orgs:member_import": write(Write.MEMBER_EDIT, form=True),
    "orgs:member_import_template": Entry(anyone=True),
    "orgs:member_export": Entry(anyone=True),
    # records
    "records:records_home": Entry(anyone=True),
    "records:meeting_list": see(Record.MEETING),
    "records:meeting_export": see(Record.MEETING),
    "records:meeting_create": write(Write.MEETING_EDIT, form=True),
    "records:meeting_detail": see(Record.MEETING, *MEETING),
    "records:meeting_edit": write(Write.MEETING_EDIT, *MEETING, form=True),
    "records:meeting_attendance": write(Write.MEETING_EDIT, *MEETING),
    "records:meeting_contributions": write(Write.MEETING_EDIT, *MEETING),
    "records:meeting_resolution": write(Write.MEETING_EDIT, *MEETING),
    "records:meeting_minutes": see(Record.ABSENCE_REASON, *MEETING),
    "records:meeting_delete": write(Write.MEETING_EDIT, *MEETING),
    "records:item_list": see(Record.RESOLUTION),
    "records:item_export": see(Record.RESOLUTION),
    "records:item_detail": see(Record.RESOLUTION, "item:in", "item:out"),
    "records:compliance_calendar": see(Record.MEETING, *ORG_IN_OUT),
    "records:compliance_export": see(Record.MEETING, *ORG_IN_OUT),
    "records:standard_list": see(Record.STANDARD),
    "records:standard_export": see(Record.STANDARD),
    "records:standard_detail": see(Record.STANDARD, "standard:in", "standard:out"),
    "records:standard_edit": write(Write.STANDARD_EDIT, "standard:in", "standard:out", form=True),
    "records:standard_check": Entry(skip="checks typed text (htmx), no stored data"),
    "records:standard_review": write(Write.STANDARD_EDIT, "standard:in", "standard:out"),
    "records:replication_add": write(Write.REGISTER_EDIT, "exemplary_model:m1", "exemplary_model:out"),
    **_registers(),
    # supervision
    "supervision:hub": see(Record.WARNING),  # warnings, plans, missions: the secretary sees his cell's warnings
    "supervision:warning_list": see(Record.WARNING),
    "supervision:warning_export": see(Record.WARNING),
    "supervision:warning_evaluate": Entry(skip="starts a background evaluation: tests/supervision"),
    "supervision:plan_list": see(Record.INSPECTION_PLAN),
    "supervision:plan_export": see(Record.INSPECTION_PLAN),
    "supervision:plan_create": Entry(skip="supervised units (non-recursive roles): tests/supervision"),
    "supervision:self_inspection_list": see(Record.INSPECTION_PLAN),
    "supervision:self_inspection_export": see(Record.INSPECTION_PLAN),
    "supervision:self_inspection_create": Entry(skip="managed or supervised units: tests/supervision"),
    "supervision:mission_list": see(Record.MISSION),
    "supervision:mission_export": see(Record.MISSION),
    "supervision:mission_create": Entry(skip="supervised units (non-recursive roles): tests/supervision"),
    "supervision:mission_detail": who(M_IN, *M_IN),
    "supervision:mission_edit": who(M_MANAGE, *M_MANAGE),
    "supervision:member_add": who(M_MANAGE, *M_MANAGE, post=True),
    "supervision:member_remove": who(
        {"mission_rm_member:in": MISSION_MANAGERS}, "mission_rm_member:in", post=True, ok=(200, 302)
    ),
    "supervision:unit_add": who(M_MANAGE, *M_MANAGE, post=True, ok=(200, 302, 400)),
    "supervision:unit_remove": who(
        {"mission_rm_unit:in": MISSION_MANAGERS, "mission_rm_unit:out": MISSION_MANAGERS},
        "mission_rm_unit:in",
        "mission_rm_unit:out",
        post=True,
        ok=(200, 302),
    ),
    "supervision:sample": who(M_MANAGE, *M_MANAGE, post=True, ok=(200, 302, 400)),
    "supervision:mission_start": who(M_MANAGE, *M_MANAGE, post=True, ok=(200, 302, 400)),
    "supervision:mission_complete": who(M_MANAGE, *M_MANAGE, post=True, ok=(200, 302, 400)),
    "supervision:mission_report": who(M_IN, *M_IN),  # its members draft the report
    "supervision:request_create": who(M_IN, *M_IN, post=True, ok=(200, 302, 400)),
    "supervision:findings_prefill": who(M_IN, *M_IN, post=True, ok=(200, 302, 400)),
    "supervision:unit_findings": who(
        {"mission_unit:in": MISSION_IN, "mission_unit:out": MISSION_MANAGERS}, "mission_unit:in", "mission_unit:out"
    ),
    "supervision:finding_decide": who(
        {"mission_finding:in": MISSION_IN, "mission_finding:out": MISSION_MANAGERS},  # members write findings
        "mission_finding:in",
        "mission_finding:out",
        post=True,
        ok=(200, 302, 400),
    ),
    "supervision:conclusion": who(M_MANAGE, *M_MANAGE),
    "supervision:task_create": who(M_MANAGE, *M_MANAGE, post=True, ok=(200, 302, 400)),
    "supervision:request_list": Entry(anyone=True),
    "supervision:request_export": Entry(anyone=True),
    "supervision:request_detail": Entry(skip="answering unit or mission: tests/supervision/test_requests_findings"),
    "supervision:attachment_download": who({}, "missing:any"),
    "supervision:task_list": see(Record.REMEDIATION_TASK),
    "supervision:task_export": see(Record.REMEDIATION_TASK),
    "supervision:task_detail": Entry(skip="unit's managers or the mission's supervisors: tests/supervision"),
    # The API (ct05/api) answers tokens, not sessions: tests/api/test_authorization_matrix.py holds each of its
    # operations against the same personas through the same resolver and policy.
    "api:api-root": Entry(skip=API),
    "api:checkin_record_api": Entry(skip=API),
    "api:dashboard_api": Entry(skip=API),
    "api:finding_list_api": Entry(skip=API),
    "api:indicator_list_api": Entry(skip=API),
    "api:meeting_create_api": Entry(skip=API),
    "api:meeting_get_api": Entry(skip=API),
    "api:meeting_list_api": Entry(skip=API),
    "api:meeting_update_api": Entry(skip=API),
    "api:member_get_api": Entry(skip=API),
    "api:member_list_api": Entry(skip=API),
    "api:mission_list_api": Entry(skip=API),
    "api:openapi-json": Entry(skip=API),
    "api:openapi-view": Entry(skip=API),
    "api:organization_get_api": Entry(skip=API),
    "api:organization_list_api": Entry(skip=API),
    "api:registration_create_api": Entry(skip=API),
    "api:registration_get_api": Entry(skip=API),
    "api:registration_list_api": Entry(skip=API),
    "api:registration_submit_api": Entry(skip=API),
    "api:registration_update_api": Entry(skip=API),
    "api:resolution_item_get_api": Entry(skip=API),
    "api:resolution_item_list_api": Entry(skip=API),
    "api:resolution_item_progress_api": Entry(skip=API),
    "api:resolution_save_api": Entry(skip=API),
    "api:roster_sync_api": Entry(skip=API),
    "api:standard_list_api": Entry(skip=API),
    "api:task_create_api": Entry(skip=API),
    "api:task_follow_up_api": Entry(skip=API),
    "api:task_get_api": Entry(skip=API),
    "api:task_list_api": Entry(skip=API),
    "api:task_update_api": Entry(skip=API),
    "api:token_revoke": Entry(skip=API),
    "api:tokens": Entry(skip=API),
    "api:warning_list_api": Entry(skip=API),
}


def url_names() -> Iterator[str]:
    """Every named URL pattern of the site (namespace:name), and the admin as one entry."""

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    yield "admin"
                    continue
                ns = p.namespace or namespace
                yield from walk(p.url_patterns, ns)
            elif p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name
            else:
                raise AssertionError(f"an unnamed URL pattern {p.pattern}: name it so the matrix can hold it")

    return walk(get_resolver().url_patterns, "")


def _allowed(persona: str, entry: Entry, obj_key: str | None, obj: Obj | None) -> bool:
    roles, me = PERSONAS[persona]
    if persona == "anonymous":
        return bool(entry.public)
    if entry.anyone or entry.public:
        return True
    if entry.who is not None:
        return obj_key is not None and persona in entry.who.get(obj_key, frozenset())
    if entry.write is not None:
        allowed = roles_writing(entry.write)
        if obj is None:
            return any(r in allowed for r in roles)
        return any(r in allowed and obj.org in orgs for r, orgs in roles.items())
    assert entry.see is not None
    if obj is None:
        return any(seen(r, entry.see) != Seen.NONE for r in roles)
    in_full = any(seen(r, entry.see) == Seen.ALL and obj.org in orgs for r, orgs in roles.items())
    own = obj.member is not None and obj.member == me and any(seen(r, entry.see) != Seen.NONE for r in roles)
    return in_full or own


class AuthorizationMatrixTests(TestCase):
    data: Data

    @classmethod
    def setUpTestData(cls) -> None:
        cls.data = build()

    def _client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.data.users[persona])
        return client

    def _request(self, client: Client, method: str, url: str) -> tuple[int, bytes]:
        # Each request in a savepoint rolled back afterwards: a permitted delete does not change the next check.
        with transaction.atomic():
            response = client.post(url, {}) if method == "POST" else client.get(url)
            body = b"" if getattr(response, "streaming", False) else response.content
            if getattr(response, "streaming", False):
                for _chunk in response.streaming_content:  # type: ignore[attr-defined]
                    pass
            transaction.set_rollback(True)
        return response.status_code, body

    def test_every_url_pattern_has_an_entry(self) -> None:
        missing = sorted(set(url_names()) - set(ENTRIES))
        self.assertEqual(missing, [], "URL patterns without an entry in tests/access/test_matrix.py ENTRIES")
        stale = sorted(set(ENTRIES) - set(url_names()))
        self.assertEqual(stale, [], "entries for URL patterns that no longer exist")

    def test_every_persona_gets_what_the_policy_says_on_every_url(self) -> None:
        wrong: list[str] = []
        checked = {True: 0, False: 0}
        for persona in PERSONAS:
            client = self._client(persona)
            for name, entry in ENTRIES.items():
                if entry.skip:
                    continue
                targets: list[tuple[str | None, Obj | None]] = (
                    [(k, self.data.objs[k]) for k in entry.objs] if entry.objs else [(None, None)]
                )
                for key, obj in targets:
                    url = reverse(name, kwargs=obj.kwargs if obj else None)
                    methods = ["POST"] if entry.post else (["GET", "POST"] if entry.form else ["GET"])
                    allowed = _allowed(persona, entry, key, obj)
                    for method in methods:
                        status, _body = self._request(client, method, url)
                        if persona == "anonymous" and not entry.public:
                            good = status == 302 or (method == "POST" and status in (403, 405))
                        elif allowed:
                            good = status in entry.ok if method == "GET" else status not in (403, 404, 500)
                        else:
                            good = status in (403, 404) or (status == 405 and method == "POST")
                        checked[allowed] += 1
                        if not good:
                            wrong.append(f"{persona:12} {method:4} {url} ({name}, {key}): {status}, allowed={allowed}")
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))
        # The matrix is not vacuous: many requests, both outcomes.
        self.assertGreater(checked[True], 400)
        self.assertGreater(checked[False], 400)

    def test_pages_a_plain_member_opens_hold_no_cell_mates_protected_fields(self) -> None:
        client = self._client("dangvien")
        secrets = [
            MATE_CARD,
            MATE_BIRTH.strftime("%d/%m/%Y"),
            "Khơ Mú",
            MATE_ABSENCE,
            MATE_CRITICISM,
            WARNING_TEXT,
        ]
        leaks: list[str] = []
        opened = 0
        for name, entry in ENTRIES.items():
            if entry.skip or entry.post or entry.public:
                continue
            keys = entry.objs or (None,)
            for key in keys:
                obj = self.data.objs[key] if key else None
                status, body = self._request(client, "GET", reverse(name, kwargs=obj.kwargs if obj else None))
                if status != 200:
                    continue
                opened += 1
                text = body.decode("utf-8", "replace")
                leaks += [f"{name} ({key}): {s}" for s in secrets if re.search(re.escape(s), text)]
        self.assertEqual(leaks, [])
        self.assertGreater(opened, 40)
        # The search can find a card number: the member's own page shows his.
        own = self.data.objs["member:m1"]
        _status, body = self._request(client, "GET", reverse("orgs:member_detail", kwargs=own.kwargs))
        self.assertIn(self.data.world.m1.card_number, body.decode())

    def test_a_supervisor_sees_members_but_not_their_protected_fields(self) -> None:
        client = self._client("giamsat")
        mate = self.data.objs["member:mate"]
        _status, body = self._request(client, "GET", reverse("orgs:member_detail", kwargs=mate.kwargs))
        self.assertIn("Hà Thị Mai", body.decode())
        self.assertNotIn(MATE_CARD, body.decode())
