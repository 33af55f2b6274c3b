"""Issue 12, point 3: a prepared version is signable only while it matches the register. Any
change to what it prints makes it stale: signatures are refused in Swedish and the version's
page says what changed, until it is prepared again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.services import party_add
from reporting.models import Signature, SignedCopy
from reporting.services import agreements
from tests.factories import OrganisationFactory

from .conftest import login, sign_all

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "signed_by": "Gillis Hammar",
    "capacity": "Förvaltningschef",
    "signed_on": datetime.date(2017, 5, 2),
}


def _sign_public(version, eu, user):
    return agreements.signature_record(
        version=version, party=eu.parties.get(is_public=True), user=user, **SIGNATURE
    )


def test_a_fresh_version_matches_and_is_signed(eu, official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    assert version.snapshot_sha256
    assert agreements.version_staleness(version) is None
    sign_all(version, official)
    assert version.frozen_at is not None


def test_an_organisation_admitted_after_preparing_makes_it_stale(eu, official):
    """The issue's case: an organisation admitted after preparation never signed."""
    version = agreements.agreement_version_create(partnership=eu, user=official)
    newcomer = OrganisationFactory(name="Hela människan", org_number="8020038819")
    party_add(partnership=eu, organisation=newcomer, joined_on=datetime.date(2017, 6, 1))
    with pytest.raises(ValidationError) as exc:
        _sign_public(version, eu, official)
    message = " ".join(exc.value.messages)
    assert "Versionen stämmer inte längre med registret (ändrat: Parter" in message
    assert not Signature.objects.exists()
    # Prepared again from the current data, it includes the newcomer and can be signed.
    version = agreements.version_refresh(version=version, user=official)
    assert agreements.version_staleness(version) is None
    sign_all(version, official)
    assert version.frozen_at is not None
    assert len(version.party_ids) == 7


def test_a_change_outside_the_partnership_counts_too(eu, official):
    """A signatory or an organisation's name printed in the agreement: changed in the
    organisations register, not through the partnership."""
    version = agreements.agreement_version_create(partnership=eu, user=official)
    convictus = eu.parties.get(organisation__name="Convictus").organisation
    convictus.name = "Convictus Stockholm"
    convictus.save()
    stale = agreements.version_staleness(version)
    # The name is printed among the parties, the appendices and the budget.
    assert {"Parter", "Bilagor", "Budget"} <= {section["section"] for section in stale}
    with pytest.raises(ValidationError):
        _sign_public(version, eu, official)


def test_the_page_says_what_changed_and_offers_no_signing(client, eu, official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    login(client, official)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "stämmer inte längre" not in page
    assert reverse("reporting:sign", args=[eu.pk, version.number]) in page
    eu.parties.get(organisation__name="Convictus").organisation.__class__.objects.filter(
        name="Convictus"
    ).update(name="Convictus Stockholm")
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Versionen stämmer inte längre med registret" in page
    assert "Convictus Stockholm" in page
    assert reverse("reporting:sign", args=[eu.pk, version.number]) not in page
    response = client.post(
        reverse("reporting:sign", args=[eu.pk, version.number]),
        {
            "party": eu.parties.get(is_public=True).pk,
            "signed_by": "Gillis Hammar",
            "capacity": "Förvaltningschef",
            "signed_on": "2017-05-02",
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Förbered den igen från aktuella uppgifter" in content
    assert 'value="Gillis Hammar"' in content
    assert not Signature.objects.exists()


def test_another_bodys_version_is_a_404(client, eu, official, other_official):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    login(client, other_official)
    assert client.get(version.get_absolute_url()).status_code == 404


def test_a_version_stale_after_some_signatures_is_superseded_by_a_new_one(
    client, eu, official, other_official
):
    """Prepare, one party signs, the register changes, the next signature is refused naming
    what changed, prepare again (a new version), every party signs it: signed."""
    from partnerships.constants import Status
    from reporting.models import AgreementVersion

    version = agreements.agreement_version_create(partnership=eu, user=official)
    _sign_public(version, eu, official)
    convictus = eu.parties.get(organisation__name="Convictus")
    convictus.organisation.name = "Convictus Stockholm"
    convictus.organisation.save()
    with pytest.raises(ValidationError) as exc:
        agreements.signature_record(
            version=version,
            party=convictus,
            user=official,
            **{**SIGNATURE, "signed_by": "Firmatecknare Convictus"},
        )
    message = " ".join(exc.value.messages)
    assert "Versionen stämmer inte längre med registret (ändrat: Parter" in message
    assert Signature.objects.filter(version=version).count() == 1
    # Prepared in place it cannot be (a party has signed it) ...
    with pytest.raises(ValidationError):
        agreements.version_refresh(version=version, user=official)

    # ... another body's staff cannot reach it ...
    prepare = reverse("reporting:version_prepare", args=[eu.pk, version.number])
    login(client, other_official)
    assert client.post(prepare).status_code == 404
    assert AgreementVersion.objects.count() == 1

    # ... and the page offers a new version, which supersedes it.
    login(client, official)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Förbered en ny version från aktuella uppgifter" in page
    response = client.post(prepare)
    new = AgreementVersion.objects.get(number=2)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    version.refresh_from_db()
    assert version.superseded_at is not None and version.frozen_at is None
    assert Signature.objects.filter(version=version).count() == 1  # stays recorded on it
    assert str(new) == "Ursprungligt avtal" and new.prepared_at is not None
    assert agreements.version_staleness(new) is None
    assert "Convictus Stockholm" in [party["name"] for party in new.snapshot["parties"]]
    old_page = client.get(version.get_absolute_url()).content.decode()
    assert "Ersatt av en nyare version" in old_page
    assert new.get_absolute_url() in old_page
    assert reverse("reporting:sign", args=[eu.pk, version.number]) not in old_page
    with pytest.raises(ValidationError) as exc:
        agreements.signature_record(
            version=version,
            party=convictus,
            user=official,
            **{**SIGNATURE, "signed_by": "Firmatecknare Convictus"},
        )
    assert "har ersatts av version 2" in " ".join(exc.value.messages)
    # Nor is a signed copy filed on it: the copy that binds is the newer version's.
    upload = reverse("reporting:upload", args=[eu.pk, version.number])
    assert upload not in old_page
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n% scanned\n")
    response = client.post(upload, {"file": scan})
    assert response.status_code == 400
    assert "har ersatts av version 2: ladda upp den undertecknade kopian av den versionen" in (
        response.content.decode()
    )
    assert not SignedCopy.objects.exists()

    sign_all(new, official)
    assert new.frozen_at is not None
    eu.refresh_from_db()
    assert eu.status == Status.SIGNED
    assert agreements.version_in_force(eu) == new
