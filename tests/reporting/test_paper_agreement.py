"""Issue 12, point 1: an agreement signed on paper before it was registered is recorded as such
(the scan, each party's signatory and date), and that record makes the partnership signed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.agreements import scan_pdf
from partnerships.constants import Status
from partnerships.models import StatusChange
from reporting.models import AgreementVersion, SignedCopy
from reporting.services.agreements import paper_agreement_record, paper_parties

from .conftest import login

pytestmark = pytest.mark.django_db

D = datetime.date


def scan(content=None):
    return SimpleUploadedFile("avtal.pdf", content or scan_pdf("Bris"), "application/pdf")


SIGNED_ON = D(2016, 12, 20)


def signatures_for(partnership, on=SIGNED_ON):
    return {
        party.pk: {
            "signed_by": f"Undertecknare {party.pk}",
            "capacity": "Ordförande",
            "signed_on": on,
        }
        for party in paper_parties(partnership)
    }


def form_data(partnership, on="2016-12-20"):
    data = {}
    for party in paper_parties(partnership):
        data[f"signed_by_{party.pk}"] = f"Undertecknare {party.pk}"
        data[f"capacity_{party.pk}"] = "Ordförande"
        data[f"signed_on_{party.pk}"] = on
    return data


def test_the_record_makes_the_partnership_signed(bris, official, media_root):
    version = paper_agreement_record(
        partnership=bris, scan=scan(), signatures=signatures_for(bris), user=official
    )
    bris.refresh_from_db()
    assert bris.status == Status.SIGNED
    assert version.number == 1 and version.signed_on_paper and version.frozen_at
    assert {s.party_id for s in version.signatures.all()} == {p.pk for p in bris.parties.all()}
    assert version.signatures.get(party__is_public=False).signed_on == D(2016, 12, 20)
    copy = SignedCopy.objects.get(version=version)
    assert copy.file.read().startswith(b"%PDF-")
    change = StatusChange.objects.get(partnership=bris)
    assert (change.from_status, change.to_status) == (Status.DECIDED, Status.SIGNED)


def test_every_party_needs_signatory_capacity_and_date(bris, official, media_root):
    signatures = signatures_for(bris)
    public = bris.parties.get(is_public=True)
    signatures[public.pk] = {"signed_by": "", "capacity": " ", "signed_on": D(2016, 12, 1)}
    with pytest.raises(ValidationError) as exc:
        paper_agreement_record(
            partnership=bris, scan=scan(b"not a pdf"), signatures=signatures, user=official
        )
    errors = exc.value.message_dict
    assert set(errors) == {
        "file",
        f"signed_by_{public.pk}",
        f"capacity_{public.pk}",
        f"signed_on_{public.pk}",
    }
    assert "kan inte undertecknas före beslutet i" in errors[f"signed_on_{public.pk}"][0]
    assert not AgreementVersion.objects.exists()
    assert not SignedCopy.objects.exists()
    assert not list(media_root.rglob("*.pdf"))
    bris.refresh_from_db()
    assert bris.status == Status.DECIDED


def test_only_a_decided_partnership_without_versions(bris, official, media_root):
    bris.status = Status.PROPOSED
    bris.save()
    with pytest.raises(ValidationError) as exc:
        paper_agreement_record(
            partnership=bris, scan=scan(), signatures=signatures_for(bris), user=official
        )
    assert "Bara ett partnerskap som nämnden har beslutat om" in " ".join(exc.value.messages)
    assert not AgreementVersion.objects.exists()


def test_the_page_keeps_what_was_typed_and_records(client, bris, official, media_root):
    login(client, official)
    url = reverse("reporting:paper_agreement", args=[bris.pk])
    assert "Registrera ett avtal undertecknat på papper" in client.get(url).content.decode()
    data = form_data(bris)
    bris_party = bris.parties.get(is_public=False)
    data[f"capacity_{bris_party.pk}"] = ""
    response = client.post(url, {**data, "scan": scan()})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Fyll i i vilken egenskap personen undertecknade." in content
    assert f'value="Undertecknare {bris_party.pk}"' in content
    assert not AgreementVersion.objects.exists()
    data[f"capacity_{bris_party.pk}"] = "Generalsekreterare"
    response = client.post(url, {**data, "scan": scan()})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Undertecknat på papper innan partnerskapet registrerades här" in page
    assert "Generalsekreterare" in page
    bris.refresh_from_db()
    assert bris.status == Status.SIGNED


def test_another_bodys_partnership_is_a_404(client, bris, other_official, media_root):
    login(client, other_official)
    url = reverse("reporting:paper_agreement", args=[bris.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {**form_data(bris), "scan": scan()}).status_code == 404
    assert not AgreementVersion.objects.exists()
