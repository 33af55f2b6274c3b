"""No lost updates (issue 12, point 7) on a group's settings: two administrators open the
form, both save; the second is refused, keeps what they typed and lists what changed
meanwhile. The service refuses it for any caller that passes a version."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import services
from governance.models import Group
from tests.edit_conflicts import (
    STALE,
    assert_refused,
    both_save,
    client_for,
    form_values,
    second_administrator_of,
)

pytestmark = pytest.mark.django_db


def test_the_second_settings_save_is_refused_and_keeps_its_input(
    administrator, public_body, cooperation_group
):
    url = reverse("governance:group_settings", args=[cooperation_group.pk])
    first, second = client_for(administrator), client_for(second_administrator_of(public_body))
    response = both_save(
        first,
        second,
        url,
        {"meeting_interval_days": "183"},
        {"chair_term_months": "6"},
    )
    assert_refused(
        response, changes=["Dagar mellan möten: 30 → 183"], kept=['value="6"'], status=400
    )
    group = Group.objects.get(pk=cooperation_group.pk)
    assert (group.meeting_interval_days, group.chair_term_months) == (183, 3)
    # Saving again from the refused page keeps the second's input, knowingly.
    assert second.post(url, form_values(response)).status_code == 302
    group.refresh_from_db()
    assert (group.meeting_interval_days, group.chair_term_months) == (30, 6)


def test_the_service_refuses_a_stale_settings_version(steering_group):
    version = services.GROUP_SETTINGS_VERSION.version(steering_group)
    services.group_update(
        group=steering_group, meeting_interval_days=60, chair_term_months=3, version=version
    )
    with pytest.raises(ValidationError) as refused:
        services.group_update(
            group=steering_group, meeting_interval_days=91, chair_term_months=12, version=version
        )
    assert STALE in " ".join(refused.value.messages)
    group = Group.objects.get(pk=steering_group.pk)
    assert (group.meeting_interval_days, group.chair_term_months) == (60, 3)
