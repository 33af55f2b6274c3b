"""No lost updates (issue 12, point 7) on a body's settings and a staff member's role: two
administrators open the form, both save; the second is refused, keeps what they typed and
lists what changed meanwhile. The services refuse it for any caller that passes a version."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bodies import onboarding, services
from bodies.models import BodySettings
from organisations.constants import Role
from organisations.models import Membership
from tests.edit_conflicts import STALE, assert_refused, both_save, client_for, form_values

from .conftest import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(stockholm, stockholm_admin):
    return client_for(stockholm_admin), client_for(staff(stockholm))


def test_the_second_settings_save_is_refused_and_keeps_its_input(two, stockholm):
    url = reverse("bodies:settings", args=[stockholm.pk])
    response = both_save(
        *two, url, {"head_title": "Förvaltningschef"}, {"signing_place": "Stockholm"}
    )
    assert_refused(
        response,
        changes=["Titel för förvaltningens chef: – → Förvaltningschef"],
        kept=['value="Stockholm"'],
        status=400,
    )
    own = BodySettings.objects.get(body=stockholm)
    assert (own.head_title, own.signing_place) == ("Förvaltningschef", "")
    # Saving again from the refused page keeps the second's input, knowingly.
    assert two[1].post(url, form_values(response)).status_code == 302
    own.refresh_from_db()
    assert (own.head_title, own.signing_place) == ("", "Stockholm")


def test_settings_made_meanwhile_refuse_the_first_save_that_did_not_see_them(
    stockholm, stockholm_admin
):
    version = services.BODY_SETTINGS_VERSION.version(BodySettings(body=stockholm))
    services.body_settings_update(body=stockholm, user=stockholm_admin, signing_place="Solna")
    with pytest.raises(ValidationError) as refused:
        services.body_settings_update(
            body=stockholm, user=stockholm_admin, head_title="Direktör", version=version
        )
    assert STALE in " ".join(refused.value.messages)
    assert BodySettings.objects.get(body=stockholm).head_title == ""


def test_a_role_changed_meanwhile_is_not_set_back(two, stockholm, stockholm_admin):
    colleague = Membership.objects.get(user=staff(stockholm), organisation=stockholm)
    seen = onboarding.STAFF_ROLE_VERSION.version(colleague)
    url = reverse("bodies:staff_change", args=[stockholm.pk, colleague.pk])
    response = both_save(*two, url, {"role": Role.OFFICIAL}, {"role": Role.ADMINISTRATOR})
    assert_refused(
        response,
        changes=["Roll: Administratör → Handläggare"],
        kept=[f'value="{Role.ADMINISTRATOR}" selected'],
        status=400,
    )
    colleague.refresh_from_db()
    assert colleague.role == Role.OFFICIAL
    # The service refuses it too, for any caller with the version it saw.
    with pytest.raises(ValidationError):
        onboarding.staff_role_change(
            membership=colleague,
            role=Role.ADMINISTRATOR,
            user=stockholm_admin,
            version=seen,
        )
    colleague.refresh_from_db()
    assert colleague.role == Role.OFFICIAL
