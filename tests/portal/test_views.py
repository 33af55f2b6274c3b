import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from finance.constants import PaymentStatus, PeriodBasis
from finance.models import Payment
from finance.services import budget_periods_generate, budget_save
from portal import services
from portal.constants import AccountStatus
from portal.models import AccountAttachment, AnnualAccount
from tests.factories import AppendixFactory, PartnershipFactory

from .conftest import TODAY, fill

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(client, user):
    client.force_login(user)
    return client


def post_data(account, *, actuals=None, explanations=None, **extra):
    actuals = actuals or {}
    explanations = explanations or {}
    data = {
        "other_income": "0",
        "own_money": "0",
        "unspent": "",
        "narrative": "Sex stödgrupper.",
    }
    for line in account.lines.all():
        data[line.field_name("actual")] = actuals.get(line.category, str(line.budget_amount))
        data[line.field_name("explanation")] = explanations.get(line.category, "")
    data.update(extra)
    return data


class TestHome:
    def test_representative_sees_only_their_organisation(
        self, client, representative, account, other_account, budgets
    ):
        response = login(client, representative).get(reverse("portal:home"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Organisationsportal" in content
        assert "Stödgrupper för placerade barn" in content
        assert "678\u00a0833\u00a0kr" in content  # Bris's budget line
        assert "100\u00a0000\u00a0kr" not in content  # the other organisation's budget

    def test_overdue_items_highlighted(self, client, representative, budgets):
        response = login(client, representative).get(reverse("portal:home"))
        assert "Försenad" in response.content.decode()
        assert "Ekonomisk redovisning 2017, Bris" in response.content.decode()

    def test_query_count_is_bounded(
        self, client, representative, account, budgets, django_assert_max_num_queries
    ):
        login(client, representative)
        with django_assert_max_num_queries(20):
            client.get(reverse("portal:home"))

    def test_staff_go_to_the_overview(self, client, administrator):
        response = login(client, administrator).get(reverse("portal:home"))
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:overview")


class TestAccountForm:
    def test_start_from_the_budget(self, client, representative, party, periods, budgets):
        url = reverse("portal:account_new", args=[party.pk, periods[0].pk])
        login(client, representative)
        assert "Påbörja redovisningen" in client.get(url).content.decode()
        response = client.post(url)
        account = AnnualAccount.objects.get()
        assert response["Location"] == reverse("portal:account_edit", args=[account.pk])
        assert account.lines.count() == 4

    def test_save_draft(self, client, representative, account):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        response = client.post(url, post_data(account, actuals={"Material": "8500,50"}))
        assert response.status_code == 302
        assert account.lines.get(category="Material").actual == Decimal("8500.50")
        assert account.lines.get(category="Material").explanation == ""

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("-100", "Beloppet kan inte vara negativt."),
            ("åtta tusen", "Ange ett belopp i kronor, t.ex. 711 833 eller 177 958,25."),
            ("8000,123", "Ett belopp har högst två decimaler (ören)."),
        ],
    )
    def test_bad_amounts_are_refused_next_to_the_field(
        self, client, representative, account, value, message
    ):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        response = client.post(
            url, post_data(account, actuals={"Material": value}, narrative="Behåll mig")
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert message in content
        assert "Behåll mig" in content  # what the user typed is kept
        assert value in content
        assert account.lines.get(category="Material").actual is None  # nothing half-saved

    def test_deviation_without_explanation_stops_the_submission_but_saves_the_draft(
        self, client, representative, account
    ):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        response = client.post(
            url, {**post_data(account, actuals={"Material": "12000"}), "action": "submit"}
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "förklara avvikelsen innan du lämnar in" in content
        assert "Utkastet är sparat" in content
        account.refresh_from_db()
        assert account.status == AccountStatus.DRAFT
        assert account.lines.get(category="Material").actual == Decimal("12000")

    def test_submit_with_explanation(self, client, representative, account):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        data = post_data(
            account,
            actuals={"Material": "12000"},
            explanations={"Material": "Nytt material, beslutat i styrgruppen."},
        )
        response = client.post(url, {**data, "action": "submit"})
        assert response.status_code == 302
        account.refresh_from_db()
        assert account.status == AccountStatus.SUBMITTED
        # After submission the organisation cannot edit.
        response = client.get(url)
        assert response.status_code == 302
        client.post(url, {**data, "narrative": "Ändrad"})
        account.refresh_from_db()
        assert account.narrative == "Sex stödgrupper."

    def test_year_not_started(self, client, representative, public_body, organisation):
        today = datetime.date.today()
        partnership = PartnershipFactory(
            public_body=public_body,
            organisations=[organisation],
            active=True,
            start_date=today + datetime.timedelta(days=40),
            end_date=today + datetime.timedelta(days=400),
        )
        budget_periods_generate(partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR)
        period = partnership.budget_periods.get()
        party = partnership.parties.get(organisation=organisation)
        appendix = AppendixFactory(party=party)
        budget_save(appendix=appendix, period=period, lines=[("Personal", Decimal("1000"))])
        account = services.account_create(party=party, period=period, user=representative)
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        response = client.post(url, {**post_data(account), "action": "submit"})
        assert response.status_code == 200
        assert "har inte börjat än" in response.content.decode()
        account.refresh_from_db()
        assert account.status == AccountStatus.DRAFT
        assert account.lines.get().actual == Decimal("1000")  # the draft survives

    def test_upload_a_signed_statement(self, client, representative, account):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        upload = SimpleUploadedFile("bokslut.pdf", PDF, content_type="application/pdf")
        response = client.post(url, {**post_data(account), "financial_statement": upload})
        assert response.status_code == 302
        attachment = AccountAttachment.objects.get()
        assert attachment.original_name == "bokslut.pdf"
        assert "bokslut" not in attachment.file.name  # stored under an unguessable name
        download = client.get(reverse("portal:attachment", args=[attachment.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF

    def test_wrong_file_type_is_refused_and_the_form_kept(self, client, representative, account):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        upload = SimpleUploadedFile(
            "bokslut.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
        )
        response = client.post(
            url, {**post_data(account, narrative="Behåll mig"), "financial_statement": upload}
        )
        content = response.content.decode()
        assert "Filtypen är inte tillåten" in content or "inte tillåten" in content
        assert "Behåll mig" in content
        assert not AccountAttachment.objects.exists()
        assert account.lines.first().actual is None

    @override_settings(IOP_MAX_UPLOAD_BYTES=10)
    def test_too_large_file_is_refused(self, client, representative, account):
        login(client, representative)
        url = reverse("portal:account_edit", args=[account.pk])
        upload = SimpleUploadedFile("bokslut.pdf", PDF, content_type="application/pdf")
        response = client.post(url, {**post_data(account), "auditor_report": upload})
        assert "för stor" in response.content.decode()
        assert not AccountAttachment.objects.exists()


class TestOtherOrganisation:
    @pytest.mark.parametrize("name", ["portal:account", "portal:account_edit"])
    def test_another_organisations_account_is_404(
        self, client, other_representative, account, name
    ):
        response = login(client, other_representative).get(reverse(name, args=[account.pk]))
        assert response.status_code == 404

    def test_post_to_another_organisations_account_is_404(
        self, client, other_representative, account
    ):
        login(client, other_representative)
        response = client.post(
            reverse("portal:account_edit", args=[account.pk]), post_data(account)
        )
        assert response.status_code == 404
        assert account.lines.first().actual is None

    def test_another_bodys_administrator_gets_404(self, client, other_administrator, account):
        response = login(client, other_administrator).get(
            reverse("portal:account", args=[account.pk])
        )
        assert response.status_code == 404

    def test_attachment_of_another_organisation_is_404(
        self, client, representative, other_representative, account
    ):
        upload = SimpleUploadedFile("bokslut.pdf", PDF)
        attachment = services.attachment_add(
            account=account, user=representative, kind="financial_statement", upload=upload
        )
        response = login(client, other_representative).get(
            reverse("portal:attachment", args=[attachment.pk])
        )
        assert response.status_code == 404

    def test_new_account_for_another_party_is_404(
        self, client, representative, other_party, periods, budgets
    ):
        url = reverse("portal:account_new", args=[other_party.pk, periods[0].pk])
        assert login(client, representative).post(url).status_code == 404
        assert not AnnualAccount.objects.exists()


class TestReview:
    def test_return_then_approve(self, client, administrator, representative, submitted):
        login(client, administrator)
        url = reverse("portal:account_review", args=[submitted.pk])
        response = client.post(url, {"decision": "return", "comment": ""})
        assert response.status_code == 400
        assert "Skriv vad organisationen ska rätta." in response.content.decode()
        client.post(url, {"decision": "return", "comment": "Bifoga revisorns rapport."})
        submitted.refresh_from_db()
        assert submitted.status == AccountStatus.RETURNED
        client.force_login(representative)
        edit = client.get(reverse("portal:account_edit", args=[submitted.pk]))
        assert "Återsänd för rättelse:" in edit.content.decode()
        assert "Bifoga revisorns rapport." in edit.content.decode()
        client.force_login(administrator)
        services.account_submit(account=submitted, user=representative, today=TODAY)
        client.post(url, {"decision": "approve", "comment": ""})
        submitted.refresh_from_db()
        assert submitted.status == AccountStatus.APPROVED
        page = client.get(reverse("portal:account", args=[submitted.pk])).content.decode()
        assert "Bifoga revisorns rapport." in page
        assert "Godkänd" in page

    @pytest.mark.parametrize("who", ["official", "representative"])
    def test_only_administrators_review(self, request, client, submitted, who):
        login(client, request.getfixturevalue(who))
        response = client.post(
            reverse("portal:account_review", args=[submitted.pk]), {"decision": "approve"}
        )
        assert response.status_code == 403
        submitted.refresh_from_db()
        assert submitted.status == AccountStatus.SUBMITTED

    def test_review_is_post_only(self, client, administrator, submitted):
        response = login(client, administrator).get(
            reverse("portal:account_review", args=[submitted.pk])
        )
        assert response.status_code == 405

    def test_settlement_decision(self, client, administrator, representative, account):
        fill(account, representative, unspent=Decimal("5000"))
        services.account_submit(account=account, user=representative, today=TODAY)
        services.account_approve(account=account, user=administrator)
        login(client, administrator)
        page = client.get(reverse("portal:account", args=[account.pk])).content.decode()
        assert "Återbetalning till förvaltningen" in page
        client.post(reverse("portal:settlement", args=[account.pk]), {"accept": "yes"})
        account.settlement.refresh_from_db()
        assert account.settlement.decision == "accepted"

    def test_accepted_reduction_shows_the_lowered_payment(
        self, client, administrator, representative, account, periods
    ):
        payment = Payment.objects.create(
            partnership=account.party.partnership,
            party=account.party,
            period=periods[1],
            due_date=datetime.date(2018, 1, 1),
            covers_from=datetime.date(2018, 1, 1),
            covers_to=datetime.date(2018, 3, 31),
            amount=Decimal("177958.25"),
            status=PaymentStatus.PLANNED,
        )
        fill(account, representative, unspent=Decimal("5000"))
        services.account_submit(account=account, user=representative, today=TODAY)
        services.account_approve(account=account, user=administrator)
        login(client, administrator)
        response = client.post(
            reverse("portal:settlement", args=[account.pk]), {"accept": "yes"}, follow=True
        )
        page = response.content.decode()
        assert "Betalningen med förfallodag 2018-01-01 minskades med detta belopp." in page
        assert "172\u00a0958,25\u00a0kr" in page
        payment.refresh_from_db()
        assert payment.amount == Decimal("172958.25")


class TestOverview:
    def test_who_submitted_who_is_late_who_approved(
        self, client, administrator, submitted, other_party, budgets
    ):
        response = login(client, administrator).get(reverse("portal:overview") + "?year=2017")
        content = response.content.decode()
        assert "Inlämnad" in content
        assert "Rädda Barnen" in content
        assert "Inte påbörjad" in content
        assert "Försenad" in content

    def test_query_count_is_bounded(
        self, client, administrator, submitted, other_account, django_assert_max_num_queries
    ):
        login(client, administrator)
        with django_assert_max_num_queries(15):
            response = client.get(reverse("portal:overview") + "?year=2017")
        assert response.status_code == 200

    def test_representatives_may_not(self, client, representative):
        assert login(client, representative).get(reverse("portal:overview")).status_code == 403
