"""A group whose chair is not drawn by lot (Bris, seed 001) has no draw due and refuses one; a
cooperation group that writes no reports owes none (issue 13: the agreement prints what the
register holds, and the dashboard asks for what the agreement says)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.constants import GroupKind
from governance.selectors import chair_draw_due, report_deadlines
from governance.services import chair_draw, group_create, group_update

from .conftest import _fill, log_in

pytestmark = pytest.mark.django_db


def test_chair_not_by_lot_has_no_draw_due_and_refuses_a_draw(eu_partnership):
    group = _fill(
        group_create(partnership=eu_partnership, kind=GroupKind.COOPERATION, chair_by_lot=False),
        eu_partnership,
    )
    assert chair_draw_due(group=group, last_term_end=None) is None
    with pytest.raises(ValidationError) as exc:
        chair_draw(group=group, user=None)
    assert exc.value.messages == ["Gruppens ordförande lottas inte."]
    assert not group.draws.exists()


def test_cooperation_group_without_written_reports_owes_none(eu_partnership):
    group = group_create(
        partnership=eu_partnership, kind=GroupKind.COOPERATION, writes_reports=False
    )
    assert report_deadlines(group=group) == []
    group_update(
        group=group,
        meeting_interval_days=30,
        chair_term_months=3,
        chair_by_lot=True,
        writes_reports=True,
    )
    assert [kind for kind, *_rest in report_deadlines(group=group)][:2] == [
        "half_year",
        "year_end",
    ]


def test_a_steering_group_never_writes_reports_to_itself(eu_partnership):
    group = group_create(partnership=eu_partnership, kind=GroupKind.STEERING, writes_reports=True)
    assert group.writes_reports is False


def test_settings_page_changes_the_options(client, administrator, eu_partnership):
    group = group_create(partnership=eu_partnership, kind=GroupKind.COOPERATION)
    log_in(client, administrator)
    url = reverse("governance:group_settings", args=[group.pk])
    page = client.get(url).content.decode()
    assert 'name="chair_by_lot"' in page and "checked" in page
    response = client.post(url, {"meeting_interval_days": 183, "chair_term_months": 3})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.meeting_interval_days, group.chair_by_lot, group.writes_reports) == (
        183,
        False,
        False,
    )
