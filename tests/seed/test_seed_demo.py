"""`ct05 seed demo`: the article's units, ~300 members, five logins with their scopes, real history."""

from __future__ import annotations

import unicodedata
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from ct05.access.models import Role, RoleAssignment
from ct05.access.resolver import member_q, org_scope
from ct05.core.models import AuditEvent
from ct05.orgs.models import Duty, Member, MemberTransfer, Organization, OrgEvent, path_segment
from ct05.seed.demo import tree as demo
from tests.conftest import World

ARTICLE_UNITS = {
    "DIENBIEN": "Tỉnh ủy Điện Biên",
    "DCD": "Đảng ủy Dân - Chính - Đảng tỉnh",
    "TPDBP": "Đảng bộ thành phố Điện Biên Phủ",
    "PMT": "Đảng bộ phường Mường Thanh",
    "PTT": "Đảng bộ phường Tân Thanh",
    "NHNN": "Chi bộ Ngân hàng Nhà nước chi nhánh Điện Biên",
    "CDKTKT": "Đảng bộ Trường Cao đẳng Kinh tế - Kỹ thuật Điện Biên",
}


@override_settings(DEBUG=True)  # `seed demo` refuses with DEBUG off (tests/seed/conftest.py)
class SeedDemoTests(TestCase):
    output: str

    @classmethod
    def setUpTestData(cls) -> None:
        out = StringIO()
        call_command("seed", "demo", "--tree-only", stdout=out)
        cls.output = out.getvalue()

    def org(self, code: str) -> Organization:
        return Organization.objects.get(code=code)

    def test_it_creates_the_units_of_the_article_with_their_codes(self) -> None:
        for code, name in ARTICLE_UNITS.items():
            self.assertEqual(self.org(code).name, name)
        self.assertEqual(self.org("DIENBIEN").kind.code, "tinh-uy")
        self.assertEqual(self.org("NHNN").kind.code, "chi-bo-co-so")
        self.assertEqual(self.org("CDKTKT").sector.code, "su-nghiep")
        self.assertEqual(self.org("PMT").sector.code, "xa-phuong")

    def test_it_creates_about_300_members_in_about_20_cells(self) -> None:
        cells = Organization.objects.filter(kind__is_cell=True, active_to__isnull=True)
        self.assertTrue(18 <= cells.count() <= 22)
        self.assertTrue(280 <= Member.objects.count() <= 320)
        self.assertTrue(all(c.members.exists() for c in cells))
        self.assertIn("Chi bộ Khoa Kinh tế", set(cells.values_list("name", flat=True)))

    def test_every_member_has_one_to_three_dated_duties(self) -> None:
        counts = [m.duties.count() for m in Member.objects.all()]
        self.assertTrue(all(1 <= n <= 3 for n in counts))
        self.assertTrue(Duty.objects.filter(ended_on__isnull=False).exists())
        self.assertFalse(Duty.objects.filter(text__contains="{").exists())

    def test_heads_are_key_leaders_and_a_few_elderly_members_are_exempt(self) -> None:
        secretaries = Member.objects.filter(party_position__regex=r"(^|, )Bí thư Chi bộ$")
        self.assertTrue(secretaries.exists())
        self.assertTrue(all(m.is_key_leader for m in secretaries))
        self.assertTrue(Member.objects.filter(government_position="Giám đốc chi nhánh", is_key_leader=True).exists())
        exempt = Member.objects.filter(is_exempt=True)
        self.assertTrue(1 <= exempt.count() <= 15)
        self.assertTrue(all(m.date_of_birth.year <= 1946 for m in exempt))

    def test_names_are_nfc_realistic_and_from_several_ethnicities(self) -> None:
        names = list(Member.objects.values_list("full_name", flat=True))
        self.assertTrue(all(unicodedata.is_normalized("NFC", n) for n in names))
        self.assertTrue(all(len(n.split()) >= 3 for n in names))
        ethnicities = set(Member.objects.values_list("ethnicity", flat=True))
        self.assertTrue({"Kinh", "Thái", "Mông"} <= ethnicities)
        self.assertTrue(len(ethnicities) >= 5)
        self.assertTrue(Member.objects.filter(gender="F").count() > 80)

    def test_the_five_logins_have_their_roles_on_their_units(self) -> None:
        expected = {
            "tinhuy": (Role.PROVINCE_ADMIN, "DIENBIEN", True),
            "giamsat": (Role.SUPERVISOR, "DIENBIEN", True),
            "muongthanh": (Role.COMMITTEE_OFFICER, "PMT", True),
            "bithu": (Role.CELL_SECRETARY, "PMT-TDP1", True),
            "dangvien": (Role.MEMBER, "PMT-TDP1", False),
        }
        for username, (role, code, recursive) in expected.items():
            user = User.objects.get(username=username)
            self.assertTrue(user.check_password(demo.PASSWORD))
            self.assertTrue(user.get_full_name())
            a = RoleAssignment.objects.get(user=user)
            self.assertEqual((a.role, a.organization.code, a.recursive), (role, code, recursive))

    def test_the_secretary_is_the_member_who_is_secretary_of_the_cell(self) -> None:
        member = User.objects.get(username="bithu").member
        self.assertEqual(member.cell.code, "PMT-TDP1")
        self.assertIn("Bí thư Chi bộ", member.party_position)
        user = User.objects.get(username="bithu")
        self.assertEqual(user.get_full_name(), member.full_name)

    def test_the_secretary_sees_only_the_members_of_their_cell(self) -> None:
        user = User.objects.get(username="bithu")
        visible = Member.objects.filter(member_q(user))
        cell = self.org("PMT-TDP1")
        self.assertEqual(set(visible), set(cell.members.all()))

    def test_the_member_sees_only_themselves_and_their_cell(self) -> None:
        user = User.objects.get(username="dangvien")
        self.assertEqual(list(Member.objects.filter(member_q(user))), [user.member])
        self.assertEqual(user.member.cell.code, "PMT-TDP1")
        self.assertEqual(list(Organization.objects.filter(org_scope(user).q())), [self.org("PMT-TDP1")])

    def test_the_ward_officer_sees_the_ward_but_not_the_other_ward(self) -> None:
        user = User.objects.get(username="muongthanh")
        visible = Member.objects.filter(member_q(user))
        self.assertTrue(visible.filter(cell__code="PMT-TDP1").exists())
        self.assertFalse(visible.filter(cell__code__startswith="PTT").exists())

    def test_the_province_admin_sees_every_member(self) -> None:
        user = User.objects.get(username="tinhuy")
        self.assertEqual(Member.objects.filter(member_q(user)).count(), Member.objects.count())

    def test_it_records_the_2025_reorganization(self) -> None:
        root, city = self.org("DIENBIEN"), self.org("TPDBP")
        for ward in ("PMT", "PTT"):
            self.assertEqual(self.org(ward).parent, root)
            self.assertTrue(OrgEvent.objects.filter(organization__code=ward, kind=OrgEvent.Kind.MOVED).exists())
        self.assertIsNotNone(city.active_to)
        self.assertTrue(city.events.filter(kind=OrgEvent.Kind.CLOSED).exists())
        merged = self.org(demo.MERGED[0])
        self.assertTrue(merged.events.filter(kind=OrgEvent.Kind.MERGED_INTO).exists())
        self.assertFalse(merged.members.exists())
        self.assertTrue(MemberTransfer.objects.filter(from_cell=merged).exists())
        self.assertTrue(OrgEvent.objects.filter(kind=OrgEvent.Kind.RENAMED).count() >= 2)
        self.assertTrue(AuditEvent.objects.filter(action="organization.move").exists())

    def test_paths_follow_the_parents_after_the_moves(self) -> None:
        for org in Organization.objects.select_related("parent"):
            parent_path = org.parent.path if org.parent else ""
            self.assertEqual(org.path, parent_path + path_segment(org.pk))
            self.assertEqual(org.depth, org.path.count("/") - 1)

    def test_it_prints_the_demo_logins(self) -> None:
        for username in ("tinhuy", "giamsat", "muongthanh", "bithu", "dangvien"):
            self.assertIn(username, self.output)
        self.assertIn(demo.PASSWORD, self.output)

    def test_it_refuses_to_run_twice(self) -> None:
        with self.assertRaisesMessage(CommandError, "DIENBIEN"):
            call_command("seed", "demo", stdout=StringIO())

    def test_if_empty_does_nothing_when_the_demo_is_there(self) -> None:
        before = Member.objects.count()
        out = StringIO()
        call_command("seed", "demo", "--if-empty", stdout=out)
        self.assertEqual(Member.objects.count(), before)
        self.assertIn("--if-empty", out.getvalue())
        self.assertIn("bithu", out.getvalue())

    def test_the_logins_are_printed_with_the_address_make_run_serves(self) -> None:
        self.assertIn("http://127.0.0.1:8000/", self.output)
        out = StringIO()
        call_command("seed", "demo", "--if-empty", "--host", "0.0.0.0:8021", stdout=out)
        self.assertIn("Tài khoản demo (http://0.0.0.0:8021/):", out.getvalue())
        self.assertNotIn("8000", out.getvalue())


def test_if_empty_is_a_no_op_on_a_database_with_other_units(world: World) -> None:
    orgs, members = Organization.objects.count(), Member.objects.count()
    call_command("seed", "demo", "--if-empty", stdout=StringIO())
    assert (Organization.objects.count(), Member.objects.count()) == (orgs, members)
    assert not Organization.objects.filter(code="DIENBIEN").exists()


@pytest.mark.django_db
def test_if_empty_seeds_an_empty_database(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []

    def fake_seed(**_kwargs: object) -> dict[str, int]:
        calls.append(True)
        return {"organizations": 0, "members": 0}

    # The real seed is covered above; here only the command's choice on an empty database matters.
    monkeypatch.setattr(demo, "seed_demo", fake_seed)
    call_command("seed", "demo", "--if-empty", "--tree-only", stdout=StringIO())
    assert calls == [True]
