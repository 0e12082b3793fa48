"""Every link on every page the demo logins reach leads somewhere (issue 11: moved views, namespaced URLs
and renamed query parameters must not leave a dead link behind)."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, TestCase

from ct05.seed.demo.tree import demo_logins
from tests.links import walk


class DemoLinksTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("seed", "demo", "--allow-demo-password", stdout=StringIO())  # DEBUG is off in tests

    def _walk(self, username: str) -> None:
        client = Client(raise_request_exception=True)
        client.force_login(User.objects.get(username=username))
        result = walk(client, per_shape=1, limit=250)
        self.assertGreater(len(result.visited), 40, "the walk should reach the whole menu")
        self.assertEqual(result.broken, [], f"{username}: links that lead nowhere")

    def test_every_link_the_province_admin_sees_leads_somewhere(self) -> None:
        self._walk("tinhuy")

    def test_every_link_the_supervisor_sees_leads_somewhere(self) -> None:
        self._walk("giamsat")

    def test_every_link_the_ward_office_sees_leads_somewhere(self) -> None:
        self._walk("muongthanh")

    def test_every_link_the_cell_secretary_sees_leads_somewhere(self) -> None:
        self._walk("bithu")

    def test_every_link_a_member_sees_leads_somewhere(self) -> None:
        self._walk("dangvien")

    def test_the_demo_logins_are_the_ones_walked(self) -> None:
        assert {login.username for login in demo_logins()} == {"tinhuy", "giamsat", "muongthanh", "bithu", "dangvien"}
