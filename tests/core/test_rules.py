"""The one base of effective-dated rules: every rule model inherits it, and "in force on a day" means the
same for all of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from ct05.core.rules import EffectiveDated
from ct05.cycle.models import RatingLevel
from ct05.records.models import MeetingRequirement
from ct05.supervision.models import WarningRule

D = dt.date


def test_the_rule_models_all_share_the_base() -> None:
    names = {m.__name__ for m in apps.get_models() if issubclass(m, EffectiveDated)}
    expected = {"MeetingRequirement", "WarningRule", "RatingLevel", "StandardCategory", "CommendationLevel"}
    assert expected | {"ActivityForm", "DocumentType", "RecordSetting", "OrgKind", "Sector"} <= names


@pytest.mark.django_db
def test_a_version_is_in_force_from_its_first_day_to_its_last_day_inclusive() -> None:
    RatingLevel.objects.create(code="x", name="Cũ", rank=9, effective_from=D(2016, 1, 1), effective_to=D(2025, 6, 30))
    RatingLevel.objects.create(code="x", name="Mới", rank=9, effective_from=D(2025, 7, 1))
    names = lambda day: set(RatingLevel.objects.in_effect(day).filter(code="x").values_list("name", flat=True))  # noqa: E731
    assert names(D(2025, 6, 30)) == {"Cũ"}
    assert names(D(2025, 7, 1)) == {"Mới"}
    assert names(D(2015, 12, 31)) == set()
    assert set(
        RatingLevel.objects.overlapping(D(2025, 6, 1), D(2025, 7, 31)).filter(code="x").values_list("name", flat=True)
    ) == {"Cũ", "Mới"}


@pytest.mark.django_db
def test_a_switched_off_warning_rule_is_never_in_force() -> None:
    rule = WarningRule.objects.filter(code="generic").first()
    assert rule is not None and rule.in_effect_on(D(2030, 1, 1))
    WarningRule.objects.filter(code="generic").update(enabled=False)
    assert not WarningRule.objects.in_effect(D(2030, 1, 1)).filter(code="generic").exists()


def test_an_end_before_the_start_is_refused_with_a_message_naming_the_field() -> None:
    req = MeetingRequirement(effective_from=D(2025, 7, 1), effective_to=D(2025, 6, 30))
    assert "effective_to" in req.effective_errors()
    with pytest.raises(ValidationError) as err:
        RatingLevel(code="x", name="X", rank=1, effective_from=D(2025, 7, 1), effective_to=D(2025, 1, 1)).clean()
    assert "effective_to" in err.value.message_dict
