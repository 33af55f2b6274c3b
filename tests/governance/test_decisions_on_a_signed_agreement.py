"""Issue 12, point 4: the steering group admitting or terminating an organisation on a signed
agreement opens the amendment it needs, and never answers with a server error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Decision
from governance.services import meeting_record
from partnerships.models import Party
from reporting.constants import VersionKind
from reporting.models import AgreementVersion, Signature
from tests.factories import OrganisationFactory
from tests.governance.conftest import log_in

pytestmark = pytest.mark.django_db


def _signed_version(partnership, user, *, frozen=True):
    """Version 1, prepared for every current party; frozen when every party has signed."""
    parties = list(partnership.parties.all())
    now = timezone.now()
    return AgreementVersion.objects.create(
        partnership=partnership,
        number=1,
        kind=VersionKind.ORIGINAL,
        snapshot={"parties": [{"party_id": party.pk} for party in parties]},
        prepared_at=now,
        frozen_at=now if frozen else None,
        created_by=user,
    )


@pytest.fixture
def official_client(client, official):
    return log_in(client, official)


@pytest.fixture
def meeting(steering_group, official):
    return meeting_record(group=steering_group, date=datetime.date(2017, 9, 1), user=official)


def _admit(client, meeting, organisation, cooperation_group):
    return client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {
            "kind": "admit_organisation",
            "text": "Hela Människan antas.",
            "organisation": organisation.pk,
            "proposed_by_group": cooperation_group.pk,
            "proposed_on": "2017-08-20",
        },
        follow=True,
    )


def test_admitting_on_a_signed_agreement_opens_an_amendment(
    official_client, meeting, cooperation_group, eu_partnership, official
):
    _signed_version(eu_partnership, official)
    sixth = OrganisationFactory(name="Hela Människan")
    response = _admit(official_client, meeting, sixth, cooperation_group)
    assert response.status_code == 200
    content = response.content.decode()
    assert "ett ändringsavtal påbörjades" in content
    assert Party.objects.filter(partnership=eu_partnership, organisation=sixth).exists()
    amendment = eu_partnership.agreement_versions.get(number=2)
    assert amendment.kind == VersionKind.AMENDMENT and amendment.prepared_at is None


def test_terminating_on_a_signed_agreement_opens_an_amendment(
    official_client, meeting, eu_partnership, official
):
    _signed_version(eu_partnership, official)
    party = eu_partnership.parties.filter(is_public=False).first()
    response = official_client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {
            "kind": "terminate_organisation",
            "text": "Sägs upp.",
            "organisation": party.organisation.pk,
            "proposed_by_person": "Processledaren",
            "proposed_on": "2017-08-01",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get().party == party
    assert eu_partnership.agreement_versions.filter(kind=VersionKind.AMENDMENT).count() == 1


def test_an_open_amendment_is_used_not_a_second_one(
    official_client, meeting, cooperation_group, eu_partnership, official
):
    _signed_version(eu_partnership, official)
    AgreementVersion.objects.create(
        partnership=eu_partnership, number=2, kind=VersionKind.AMENDMENT, created_by=official
    )
    response = _admit(official_client, meeting, OrganisationFactory(), cooperation_group)
    assert response.status_code == 200
    assert eu_partnership.agreement_versions.count() == 2


def test_while_signatures_are_collected_the_decision_is_refused_in_swedish(
    official_client, meeting, cooperation_group, eu_partnership, official
):
    version = _signed_version(eu_partnership, official, frozen=False)
    Signature.objects.create(
        version=version,
        party=eu_partnership.parties.get(is_public=True),
        signed_by="Anna",
        capacity="Förvaltningschef",
        signed_on=datetime.date(2017, 5, 2),
        recorded_by=official,
    )
    sixth = OrganisationFactory(name="Hela Människan")
    response = _admit(official_client, meeting, sixth, cooperation_group)
    content = response.content.decode()
    assert response.status_code == 400
    assert "Underskrifter registreras" in content
    assert "Hela Människan antas." in content  # what was typed is kept
    assert not Decision.objects.exists()
    assert not Party.objects.filter(organisation=sixth).exists()
    assert eu_partnership.agreement_versions.count() == 1


def test_another_bodys_meeting_is_a_404(client, other_official, meeting, cooperation_group):
    log_in(client, other_official)
    response = _admit(client, meeting, OrganisationFactory(), cooperation_group)
    assert response.status_code == 404
    assert not Decision.objects.exists()
