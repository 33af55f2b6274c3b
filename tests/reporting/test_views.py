"""Pages and exports as users see them, including who may see what."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import Budget, BudgetLine, BudgetPeriod, CoFinancing, FinanceTerms
from organisations.constants import Role
from partnerships.constants import Status
from partnerships.models import Partnership
from reporting.models import AgreementVersion, DecisionMemo, Signature
from reporting.services import agreements
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
    ResourceFactory,
)

from .conftest import login, pdf_text, sign_all

pytestmark = pytest.mark.django_db


def _rep_of(partnership, name):
    organisation = partnership.parties.get(organisation__name=name).organisation
    return MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=partnership.public_body
    ).user


@pytest.fixture
def outsider_official(other_body):
    return MembershipFactory(organisation=other_body, role=Role.OFFICIAL).user


@pytest.mark.parametrize(
    ("who", "url_name", "expected"),
    [
        ("official", "reporting:agreement_pdf", 200),
        ("administrator", "reporting:agreement_pdf", 200),
        ("party_rep", "reporting:agreement_pdf", 200),
        ("other_rep", "reporting:agreement_pdf", 404),
        ("outsider_official", "reporting:agreement_pdf", 404),
        ("anonymous", "reporting:agreement_pdf", 302),
        ("official", "reporting:memo", 200),
        ("party_rep", "reporting:memo", 403),
        ("outsider_official", "reporting:memo", 404),
        ("party_rep", "reporting:overview", 200),
        ("other_rep", "reporting:overview", 404),
        ("party_rep", "reporting:summary_pdf", 403),
        ("official", "reporting:summary_pdf", 200),
    ],
)
def test_permission_matrix(client, eu, who, url_name, expected, request):
    users = {
        "official": lambda: request.getfixturevalue("official"),
        "administrator": lambda: request.getfixturevalue("administrator"),
        "party_rep": lambda: _rep_of(eu, "Convictus"),
        "other_rep": lambda: request.getfixturevalue("representative"),
        "outsider_official": lambda: request.getfixturevalue("outsider_official"),
        "anonymous": lambda: None,
    }
    user = users[who]()
    if user is not None:
        login(client, user)
    response = client.get(reverse(url_name, args=[eu.pk]))
    assert response.status_code == expected


def test_export_with_missing_parts_is_a_draft_listing_them(client, official, bris, bris_org):
    # Until issue 13 this answered 409 with an HTML page; an incomplete agreement now prints
    # as a draft marked UTKAST with the same list, so it can be reviewed.
    login(client, official)
    response = client.get(reverse("reporting:agreement_pdf", args=[bris.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "utkast" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "UTKAST" in text
    assert "Bris (Barnens rätt i samhället) saknar organisationsnummer." in text
    overview = client.get(reverse("reporting:overview", args=[bris.pk])).content.decode()
    assert reverse("organisations:update", args=[bris_org.pk]) in overview
    assert "Bris (Barnens rätt i samhället) saknar organisationsnummer." in overview


def test_export_without_budget_says_so(client, official, public_body):
    partnership = PartnershipFactory(public_body=public_body, organisations=[OrganisationFactory()])
    login(client, official)
    response = client.get(reverse("reporting:agreement_pdf", args=[partnership.pk]))
    assert "Partnerskapet saknar budget." in pdf_text(response.content)


def test_agreement_pdf_download(client, official, eu):
    login(client, official)
    response = client.get(reverse("reporting:agreement_pdf", args=[eu.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "sex likalydande exemplar" in pdf_text(response.content)


def test_overview_query_budget(client, official, eu, django_assert_max_num_queries):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    sign_all(version, official)
    login(client, official)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("reporting:overview", args=[eu.pk]))
    assert response.status_code == 200
    assert "Undertecknad och låst" in response.content.decode()


def test_signing_journey_through_the_pages(client, official, eu):
    login(client, official)
    response = client.post(reverse("reporting:version_create", args=[eu.pk]), follow=True)
    assert "Avtalet är klart för underskrift." in response.content.decode()
    version = AgreementVersion.objects.get(partnership=eu)
    public = eu.parties.get(is_public=True)
    sign_url = reverse("reporting:sign", args=[eu.pk, 1])
    response = client.post(
        sign_url,
        {
            "party": public.pk,
            "signed_by": "Gillis Hammar",
            "capacity": "Förvaltningschef",
            "signed_on": "2017-04-01",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Avtalet kan inte undertecknas före beslutet i Socialnämnden den 2017-04-20." in content
    assert 'value="Gillis Hammar"' in content  # what was typed is kept
    assert not Signature.objects.exists()
    response = client.post(
        reverse("reporting:upload", args=[eu.pk, 1]),
        {
            "file": SimpleUploadedFile(
                "avtal.pdf", b"PK\x03\x04 zip", content_type="application/pdf"
            )
        },
    )
    assert response.status_code == 400
    assert "Filen är inte en PDF." in response.content.decode()
    for party in eu.parties.all():
        response = client.post(
            sign_url,
            {
                "party": party.pk,
                "signed_by": "Namn",
                "capacity": "Ordförande",
                "signed_on": "2017-05-02",
            },
        )
        assert response.status_code == 302
    version.refresh_from_db()
    assert version.frozen_at is not None
    data = b"%PDF-1.4\nscan"
    response = client.post(
        reverse("reporting:upload", args=[eu.pk, 1]),
        {"file": SimpleUploadedFile("scan.pdf", data)},
        follow=True,
    )
    content = response.content.decode()
    assert "Undertecknad och låst" in content
    import hashlib

    assert hashlib.sha256(data).hexdigest() in content
    copy = version.signed_copies.get()
    download = client.get(reverse("reporting:signed_copy", args=[eu.pk, copy.pk]))
    assert b"".join(download.streaming_content) == data


def test_signed_copy_is_not_served_to_another_organisation(client, official, eu, representative):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    copy = agreements.signed_copy_upload(
        version=version, uploaded_file=SimpleUploadedFile("s.pdf", b"%PDF-1.4"), user=official
    )
    login(client, representative)
    assert client.get(reverse("reporting:signed_copy", args=[eu.pk, copy.pk])).status_code == 404
    assert client.get(copy.file.url).status_code == 404  # no public media route


def test_representative_cannot_record_signatures(client, official, eu):
    agreements.agreement_version_create(partnership=eu, user=official)
    login(client, _rep_of(eu, "Convictus"))
    party = eu.parties.get(organisation__name="Convictus")
    response = client.post(
        reverse("reporting:sign", args=[eu.pk, 1]),
        {"party": party.pk, "signed_by": "X", "capacity": "Y", "signed_on": "2017-05-02"},
    )
    assert response.status_code == 403
    assert client.get(reverse("reporting:sign", args=[eu.pk, 1])).status_code == 405


def test_memo_form_is_prefilled_and_keeps_input_on_error(client, official, minors):
    login(client, official)
    url = reverse("reporting:memo", args=[minors.pk])
    content = client.get(url).content.decode()
    assert "Barnrättsbyrån organisationsnummer 802490-6771" in content
    assert "Socialnämnden godkänner partnerskapet." in content
    response = client.post(url, {"title": "Mitt utlåtande", "case_officer_name": ""})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Detta fält måste fyllas i." in content
    assert 'value="Mitt utlåtande"' in content
    assert not DecisionMemo.objects.exists()


def test_history_shows_versions_and_a_readable_difference(client, official, eu):
    sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    amendment = agreements.amendment_start(partnership=eu, user=official)
    Partnership.objects.filter(pk=eu.pk).update(purpose="Ett nytt syfte.")
    agreements.amendment_prepare(version=amendment, user=official)
    login(client, official)
    content = client.get(reverse("reporting:history", args=[eu.pk])).content.decode()
    assert "Skillnader mellan version 1 och 2" in content
    assert "Ett nytt syfte." in content
    assert "<del>" in content and "<ins>" in content
    assert "Gäller" in content


def test_debug_html_view_is_hidden_in_production(client, official, eu, settings):
    login(client, official)
    settings.DEBUG = False
    assert client.get(reverse("reporting:agreement_html", args=[eu.pk])).status_code == 404
    settings.DEBUG = True
    response = client.get(reverse("reporting:agreement_html", args=[eu.pk]))
    assert "14. Underskrift" in response.content.decode()


def test_yearly_summary_pdf(client, official, eu):
    login(client, official)
    response = client.get(reverse("reporting:summary_pdf", args=[eu.pk]))
    text = pdf_text(response.content)
    assert "Årssammanställning 2017/2018" in text
    assert "Convictus" in text and "550 000 kr" in text
    assert "Convictus Saknas" in text  # no account handed in yet
    assert "Inga verksamhetsrapporter har lämnats för avtalsåret." in text


def test_open_data_is_public_and_has_no_contact_data(client, eu, public_body, official):
    convictus = eu.parties.get(organisation__name="Convictus")
    RelationFactory(
        body=public_body,
        organisation=convictus.organisation,
        contact_name="Kalle Kontakt",
        contact_email="kalle@example.org",
    )
    Partnership.objects.filter(pk=eu.pk).update(status=Status.ACTIVE)
    draft = PartnershipFactory(public_body=public_body, title="Hemligt utkast")
    body = public_body.org_number
    response = client.get(reverse("reporting:open_data_json", args=[body]))
    assert response.status_code == 200
    raw = b"".join(response.streaming_content).decode()
    grants = json.loads(raw)["grants"]
    # One 360Giving grant per organisation (five), each with its own share of the budgets.
    assert len(grants) == 5
    assert sum(g["amountAwarded"] for g in grants) == 5 * 50000 + sum(
        500000 + 10000 * i for i in range(5)
    )
    grant = next(g for g in grants if g["recipientOrganization"][0]["name"] == "Convictus")
    assert grant["id"] == f"360G-iop-{body}-{eu.pk}-{convictus.pk}"
    assert grant["relatedActivity"] == [f"360G-iop-{body}-{eu.pk}"]
    assert grant["currency"] == "SEK"
    assert grant["awardDate"] == "2017-04-20"
    assert grant["plannedDates"][0] == {"startDate": "2017-05-01", "endDate": "2019-04-30"}
    assert grant["recipientOrganization"] == [
        {"id": "SE-BLV-8020121581", "name": "Convictus", "organisationNumber": "802012-1581"}
    ]
    assert grant["fundingOrganization"] == [{"id": f"SE-BLV-{body}", "name": public_body.name}]
    for secret in ("Kalle Kontakt", "kalle@example.org", draft.title, "contact"):
        assert secret not in raw
    csv_response = client.get(reverse("reporting:open_data_csv", args=[body]))
    csv_text = b"".join(csv_response.streaming_content).decode()
    assert csv_text.splitlines()[0].startswith("Identifier,Title,Description,Currency")
    assert len(csv_text.splitlines()) == 1 + 5
    assert f"360G-iop-{body}-{eu.pk}-{convictus.pk}" in csv_text and "Kalle" not in csv_text
    page = client.get(reverse("reporting:open_data", args=[body])).content.decode()
    assert "Humanitärt stöd för utsatta EU-medborgare" in page


def test_agreement_pdf_costs_the_same_with_3_and_30_budget_periods(client, official, public_body):
    """Issue 11: the agreement reads the partnership with its body's settings and finance
    terms in one query, the budgets with their periods in one, the clause texts in one."""
    organisations = [OrganisationFactory() for _ in range(3)]
    partnership = PartnershipFactory(public_body=public_body, organisations=organisations)
    FinanceTerms.objects.create(partnership=partnership)
    appendices = []
    for index, party in enumerate(partnership.parties.filter(is_public=False)):
        appendix = AppendixFactory(party=party, number=f"2.{index + 1}")
        ResourceFactory(appendix=appendix)
        appendices.append(appendix)
    login(client, official)
    url = reverse("reporting:agreement_pdf", args=[partnership.pk])

    def add_periods(first: int, count: int) -> None:
        for year in range(first, first + count):
            period = BudgetPeriod.objects.create(
                partnership=partnership,
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
                label=str(year),
            )
            for appendix in appendices:
                budget = Budget.objects.create(
                    appendix=appendix, period=period, total=Decimal(1000)
                )
                BudgetLine.objects.create(budget=budget, category="Personal", amount=Decimal(1000))
            CoFinancing.objects.create(party=appendices[0].party, period=period, in_kind="Lokal")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        return len(captured)

    add_periods(2017, 3)
    few = queries()
    add_periods(2020, 27)
    assert queries() == few == 15
