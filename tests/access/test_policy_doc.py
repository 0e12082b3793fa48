"""docs/access.md is generated from the policy: it fails here when the two differ."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ct05.access import doc
from ct05.access.models import Role
from ct05.access.policy import POLICY, ROLES_IN_ORDER, R, Record, Seen, Write, roles_writing


def test_docs_access_md_is_what_the_policy_generates() -> None:
    assert doc.DOC_PATH.read_text(encoding="utf-8") == doc.render(), "run `ct05 access_doc`"


def test_the_check_command_fails_when_the_file_differs(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "access.md"  # type: ignore[operator]
    stale.write_text("old", encoding="utf-8")
    monkeypatch.setattr("ct05.access.management.commands.access_doc.DOC_PATH", stale)
    with pytest.raises(CommandError):
        call_command("access_doc", "--check", stdout=StringIO())


def test_every_record_names_every_role() -> None:
    assert set(POLICY) == set(Record)
    for record, by_role in POLICY.items():
        assert tuple(by_role) == ROLES_IN_ORDER, record
    assert set(ROLES_IN_ORDER) == set(Role.values)


def test_a_plain_member_sees_only_their_own_judgements() -> None:
    own_only = {Record.REGISTRATION, Record.RATING, Record.CRITICISM, Record.ABSENCE_REASON, Record.MEMBER_PERSONAL}
    for record in own_only:
        assert POLICY[record][R.MEMBER] == Seen.OWN, record
    for record in (Record.WARNING, Record.NOT_REGISTERED):
        assert POLICY[record][R.MEMBER] == Seen.NONE, record
    assert R.MEMBER not in roles_writing(Write.REGISTRATION_REVIEW)
    assert R.CELL_SECRETARY not in roles_writing(Write.ORG_RESTRUCTURE)
