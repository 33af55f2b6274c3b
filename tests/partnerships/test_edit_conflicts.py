"""No lost updates (issue 12, point 7) on the partnership, its criteria and its appendices:
two people open the form, both save; the second is refused, keeps what they typed and lists
what changed meanwhile. The services refuse it too, and keep their own rules (point 5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.constants import Role
from partnerships import services
from partnerships.constants import Criterion, Status
from partnerships.models import CriterionAssessment, Partnership
from tests.edit_conflicts import (
    STALE,
    assert_refused,
    both_save,
    client_for,
    form_values,
    second_administrator_of,
)
from tests.factories import AppendixFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(administrator, public_body):
    return client_for(administrator), client_for(second_administrator_of(public_body))


def test_the_second_partnership_save_is_refused(two, partnership):
    url = reverse("partnerships:update", args=[partnership.pk])
    response = both_save(*two, url, {"title": "Stödgrupper"}, {"goal": "Fler barn får stöd"})
    assert_refused(
        response,
        changes=["Titel: Stödgrupper för placerade barn → Stödgrupper"],
        kept=["Fler barn får stöd"],
    )
    partnership.refresh_from_db()
    assert partnership.title == "Stödgrupper" and partnership.goal != "Fler barn får stöd"
    assert two[1].post(url, form_values(response)).status_code == 302
    partnership.refresh_from_db()
    assert partnership.goal == "Fler barn får stöd"
    assert partnership.title == "Stödgrupper för placerade barn"


def test_the_second_criteria_save_is_refused(two, partnership):
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(partnership=partnership, criterion=criterion)
        for criterion in Criterion.values
    )
    url = reverse("partnerships:criteria", args=[partnership.pk])
    first = Criterion.values[0]
    response = both_save(
        *two,
        url,
        {"criteria-0-met": "yes", "criteria-0-justification": "Frivilligt"},
        {"criteria-1-met": "no", "criteria-1-justification": "Saknas"},
    )
    assert_refused(
        response,
        changes=[f"{Criterion(first).label}, uppfyllt: – → ja"],
        kept=["Saknas"],
    )
    assert not CriterionAssessment.objects.filter(partnership=partnership, is_met=False).exists()


def test_the_second_appendix_replacement_is_refused(two, partnership, organisation):
    appendix = AppendixFactory(
        party=partnership.parties.get(organisation=organisation),
        number="2.1",
        commitments="Leda grupper",
        valid_from=partnership.start_date,
    )
    url = reverse("partnerships:appendix_replace", args=[partnership.pk, appendix.pk])
    later = (partnership.start_date + datetime.timedelta(days=30)).isoformat()
    response = both_save(
        *two,
        url,
        {"commitments": "Leda fler grupper", "valid_from": later},
        {"commitments": "Leda grupper och läger", "valid_from": later},
    )
    assert_refused(response, changes=["Status: "], kept=["Leda grupper och läger"])
    assert partnership.parties.get(organisation=organisation).appendices.count() == 2


def test_the_services_refuse_a_stale_version(partnership):
    version = services.PARTNERSHIP_VERSION.version(partnership)
    services.partnership_update(partnership=partnership, title="Ny titel", version=version)
    with pytest.raises(ValidationError) as refused:
        services.partnership_update(partnership=partnership, goal="Mål", version=version)
    assert STALE in " ".join(refused.value.messages)
    assert Partnership.objects.get(pk=partnership.pk).goal != "Mål"


def test_the_service_refuses_a_change_once_decided(partnership):
    """Point 5: the rule lives in the service, not only in the view."""
    Partnership.objects.filter(pk=partnership.pk).update(status=Status.ACTIVE)
    partnership.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.partnership_update(partnership=partnership, title="Ändrad")
    assert "kan inte längre redigeras" in " ".join(refused.value.messages)
    assert Partnership.objects.get(pk=partnership.pk).title != "Ändrad"


def test_the_service_asks_for_the_reason_a_criterion_is_not_met(partnership):
    """Point 5: the justification rule in the service, not only in the form."""
    first = Criterion.values[0]
    with pytest.raises(ValidationError) as refused:
        services.criteria_assess(partnership=partnership, assessments=[(first, False, "  ")])
    assert "Motivera varför kriteriet inte är uppfyllt" in " ".join(refused.value.messages)
    assert not partnership.criteria.filter(is_met=False).exists()
    services.criteria_assess(partnership=partnership, assessments=[(first, False, "Saknas")])
    assert partnership.criteria.get(criterion=first).justification == "Saknas"


def test_a_case_officer_chosen_meanwhile_is_not_replaced_unseen(two, partnership, public_body):
    kim = MembershipFactory(
        organisation=public_body, role=Role.OFFICIAL, user__first_name="Kim", user__last_name="Ek"
    ).user
    lo = MembershipFactory(
        organisation=public_body, role=Role.OFFICIAL, user__first_name="Lo", user__last_name="Berg"
    ).user
    url = reverse("partnerships:case_officer", args=[partnership.pk])
    response = both_save(*two, url, {"case_officer": str(kim.pk)}, {"case_officer": str(lo.pk)})
    assert_refused(
        response, changes=["Handläggare: – → Kim Ek"], kept=[f'value="{lo.pk}" selected']
    )
    partnership.refresh_from_db()
    assert partnership.case_officer == kim
    assert two[1].post(url, form_values(response)).status_code == 302
    partnership.refresh_from_db()
    assert partnership.case_officer == lo
