"""Drafts print (issue 13, point 6): an incomplete agreement or memo renders marked UTKAST on
every page with the list of what is missing; only a complete one is prepared for signing or
sent to the board."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from organisations.models import Organisation
from partnerships.models import Partnership
from reporting.models import AgreementVersion
from reporting.services import agreements, memos

from .conftest import login, pdf_text

pytestmark = pytest.mark.django_db


def page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def test_bris_without_organisation_number_prints_as_a_draft_on_every_page(client, official, bris):
    login(client, official)
    content = client.get(reverse("reporting:agreement_pdf", args=[bris.pk])).content
    pages = page_texts(content)
    assert len(pages) > 1
    assert all("UTKAST" in page for page in pages)
    text = pdf_text(content)
    assert "Detta saknas innan avtalet kan förberedas för underskrift:" in text
    assert "Bris (Barnens rätt i samhället) saknar organisationsnummer." in text
    # The missing number is on the list, never printed as an empty field or placeholder.
    assert "saknas." not in text.replace("saknar organisationsnummer.", "")
    assert "organisationsnummer saknas" not in text
    assert "organisationsnummer ," not in text
    # Only a complete agreement can be prepared for signing.
    with pytest.raises(ValidationError):
        agreements.agreement_version_create(partnership=bris, user=official)
    assert not AgreementVersion.objects.exists()


def test_a_complete_agreement_is_not_a_draft(client, official, bris, bris_org):
    Organisation.objects.filter(pk=bris_org.pk).update(org_number="8020000016")
    login(client, official)
    response = client.get(reverse("reporting:agreement_pdf", args=[bris.pk]))
    text = pdf_text(response.content)
    assert "UTKAST" not in text and "Detta saknas" not in text
    assert "utkast" not in response["Content-Disposition"]


def _memo(partnership, user, **changes):
    fields = memos.memo_prefill(partnership=partnership, user=user)
    fields.update(official_1_name="Veronica Wolgast Karlberg", **changes)
    return memos.memo_create(partnership=partnership, **fields)


def test_incomplete_memo_is_a_draft_and_cannot_go_to_the_board(client, official, minors):
    memo = _memo(minors, official, gender_analysis="", preparation="")
    login(client, official)
    response = client.get(reverse("reporting:memo_pdf", args=[minors.pk]))
    pages = page_texts(response.content)
    assert all("UTKAST" in page for page in pages)
    text = pdf_text(response.content)
    assert "Detta saknas innan tjänsteutlåtandet kan skickas till Socialnämnden:" in text
    assert "Avsnittet ”Jämställdhetsanalys” i tjänsteutlåtandet är tomt." in text
    assert "Avsnittet ”Ärendets beredning” i tjänsteutlåtandet är tomt." in text
    with pytest.raises(ValidationError) as exc:
        memos.memo_freeze(memo=memo)
    assert "Avsnittet ”Jämställdhetsanalys” i tjänsteutlåtandet är tomt." in exc.value.messages
    memo.refresh_from_db()
    assert memo.frozen_at is None and memo.facts is None
    page = client.get(reverse("reporting:memo", args=[minors.pk])).content.decode()
    assert "Jämställdhetsanalys" in page
    assert reverse("reporting:memo_freeze", args=[minors.pk]) not in page


def test_complete_memo_goes_to_the_board_and_keeps_the_facts_it_had(client, official, minors):
    memo = _memo(
        minors,
        official,
        gender_analysis="Andelen flickor har ökat.",
        preparation="Ärendet har beretts inom socialförvaltningens administrativa avdelning.",
    )
    memo = memos.memo_freeze(memo=memo)
    assert memo.facts["title"] == minors.title
    Partnership.objects.filter(pk=minors.pk).update(title="Ett annat namn")
    login(client, official)
    text = pdf_text(client.get(reverse("reporting:memo_pdf", args=[minors.pk])).content)
    assert "UTKAST" not in text
    assert "Ett annat namn" not in text


def test_an_appendix_of_an_incomplete_agreement_is_a_draft_too(client, official, bris, bris_org):
    login(client, official)
    party = bris.parties.get(organisation=bris_org)
    url = reverse("reporting:appendix_pdf", args=[bris.pk, party.pk])
    response = client.get(url)
    assert all("UTKAST" in page for page in page_texts(response.content))
    assert "saknar organisationsnummer" in pdf_text(response.content)
    assert "utkast" in response["Content-Disposition"]
    Organisation.objects.filter(pk=bris_org.pk).update(org_number="8020000016")
    response = client.get(url)
    assert "UTKAST" not in pdf_text(response.content)


def test_an_unwritten_goal_is_on_the_list_not_an_empty_field(client, official, bris, bris_org):
    Organisation.objects.filter(pk=bris_org.pk).update(org_number="8020000016")
    Partnership.objects.filter(pk=bris.pk).update(goal="")
    login(client, official)
    text = pdf_text(client.get(reverse("reporting:agreement_pdf", args=[bris.pk])).content)
    assert "UTKAST" in text and "Partnerskapets mål är inte ifyllt." in text
    assert "2.2 Mål 2.3 Målgrupp" in text  # the heading with nothing printed under it
    assert "2.2 Mål –" not in text
    with pytest.raises(ValidationError):
        agreements.agreement_version_create(partnership=bris, user=official)
