"""Each body's own settings: the page (its administrators only), the effective values with the
installation's as defaults, and what they change in documents, payments, SIE, accounts and
deadlines, always compared between two bodies."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from bodies.models import BodySettings
from bodies.selectors import body_settings
from bodies.services import body_settings_update
from finance import services as finance
from finance.constants import PaymentStatus
from finance.sie import sie_vouchers
from organisations.constants import Role
from portal.selectors import account_due
from reporting.selectors import agreement_snapshot
from reporting.services.documents import agreement_document, memo_document
from reporting.services.memos import memo_create, memo_prefill
from tests.factories import MembershipFactory
from tests.reporting.conftest import pdf_reader, pdf_text

from .conftest import png_bytes, saved, staff

pytestmark = pytest.mark.django_db


def _settings(body, user, **fields):
    return body_settings_update(body=body, user=user, **fields)


# --- the page ---------------------------------------------------------------------------------


def test_only_the_bodys_administrators_reach_its_settings(
    client, stockholm, uppsala, stockholm_admin, uppsala_admin
):
    url = reverse("bodies:settings", args=[stockholm.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(uppsala_admin)
    response = client.get(url)
    assert response.status_code == 404
    assert "Stockholm" not in response.content.decode()
    client.force_login(staff(stockholm, Role.OFFICIAL))
    assert client.get(url).status_code == 404
    client.force_login(stockholm_admin)
    page = client.get(url).content.decode()
    # The installation's values are named next to the empty fields.
    assert "Tom: installationens värde, Nämnden." in page
    assert "Tom: installationens värde, 4990." in page


def test_a_post_by_the_other_body_changes_nothing(client, stockholm, uppsala_admin):
    client.force_login(uppsala_admin)
    url = reverse("bodies:settings", args=[stockholm.pk])
    assert client.post(url, {"deciding_body": "Kommunstyrelsen"}).status_code == 404
    assert not BodySettings.objects.filter(body=stockholm).exists()


def test_saving_the_settings_and_a_bad_account_number(client, stockholm, stockholm_admin):
    client.force_login(stockholm_admin)
    url = reverse("bodies:settings", args=[stockholm.pk])
    data = {
        "letterhead_name": "Socialförvaltningen",
        "deciding_body": "Socialnämnden",
        "head_title": "Socialdirektör",
        "signing_place": "Stockholm",
        "two_person_approval": "no",
        "deviation_threshold_percent": "15",
        "account_due_days": "45",
        "sie_expense_account": "49",
        "sie_expense_account_name": "Bidrag",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ett kontonummer har fyra siffror." in page
    assert 'value="Socialnämnden"' in page  # what was typed is kept
    assert not BodySettings.objects.filter(body=stockholm).exists()

    data["sie_expense_account"] = "4991"
    response = client.post(url, data)
    assert response.status_code == 302
    effective = body_settings(stockholm)
    assert effective.letterhead_name == "Socialförvaltningen"
    assert effective.deciding_body == "Socialnämnden"
    assert effective.head_title_definite == "socialdirektören"
    assert effective.two_person_approval is False
    assert effective.deviation_threshold_percent == Decimal("15")
    assert effective.account_due_days == 45
    assert effective.sie_expense_account == ("4991", "Bidrag")
    assert effective.sie_payable_account == ("2440", "Leverantörsskulder")
    # Emptied again, a field follows the installation's value.
    data.update(two_person_approval="", deviation_threshold_percent="", deciding_body="")
    client.post(url, data)
    effective = body_settings(stockholm)
    assert effective.two_person_approval is True
    assert effective.deviation_threshold_percent == Decimal("10")
    assert effective.deciding_body == "Nämnden"


def test_the_installation_values_are_the_defaults(stockholm, uppsala, uppsala_admin):
    _settings(uppsala, uppsala_admin, deciding_body="Kommunstyrelsen")
    with override_settings(IOP_DECIDING_BODY="Socialnämnden", IOP_DEVIATION_THRESHOLD_PERCENT=7):
        assert body_settings(stockholm).deciding_body == "Socialnämnden"
        assert body_settings(stockholm).deviation_threshold_percent == Decimal("7")
        assert body_settings(uppsala).deciding_body == "Kommunstyrelsen"
    assert body_settings(stockholm).letterhead_name == "Stockholms stad"
    assert body_settings(stockholm).signing_place == "Stockholm"


def test_an_administrator_of_another_body_is_refused_by_the_service(stockholm, uppsala_admin):
    with pytest.raises(ValidationError):
        _settings(stockholm, uppsala_admin, deciding_body="Kommunstyrelsen")
    assert not BodySettings.objects.filter(body=stockholm).exists()


def test_the_logo_is_a_validated_image(client, stockholm, stockholm_admin):
    client.force_login(stockholm_admin)
    url = reverse("bodies:settings", args=[stockholm.pk])
    fake = SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")
    response = client.post(url, {"logo": fake, "deciding_body": "Socialnämnden"})
    assert response.status_code == 400
    assert "Filtypen är inte tillåten." in response.content.decode()
    assert not BodySettings.objects.filter(body=stockholm).exists()
    pdf = SimpleUploadedFile("logo.pdf", b"%PDF-1.4 nothing", content_type="application/pdf")
    response = client.post(url, {"logo": pdf})
    assert "Logotypen måste vara en PNG- eller JPEG-bild." in response.content.decode()
    broken = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)
    response = client.post(url, {"logo": broken})
    assert "Logotypen är inte en läsbar bild." in response.content.decode()

    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    assert client.post(url, {"logo": logo}).status_code == 302
    own = BodySettings.objects.get(body=stockholm)
    assert own.logo.name.startswith("bodies/logos/") and own.logo.name.endswith(".png")
    assert "logo" not in own.logo.name.rsplit("/", 1)[-1]  # an unguessable name
    assert body_settings(stockholm).logo_data_uri().startswith("data:image/png;base64,")
    own.logo.delete(save=False)


# --- documents ----------------------------------------------------------------------------


@pytest.fixture
def two_settings(stockholm, uppsala, stockholm_admin, uppsala_admin):
    _settings(
        stockholm,
        stockholm_admin,
        letterhead_name="Socialförvaltningen i Stockholm",
        deciding_body="Socialnämnden",
        head_title="Förvaltningschef",
        signing_place="Kungsholmen",
    )
    _settings(
        uppsala,
        uppsala_admin,
        letterhead_name="Kommunledningskontoret Uppsala",
        deciding_body="Kommunstyrelsen",
        head_title="Kommundirektör",
        signing_place="Uppsala slott",
    )


def test_each_bodys_agreement_prints_its_own_words(
    two_settings, stockholm_bris, uppsala_bris, signatories
):
    uppsala_bris.decided_on = datetime.date(2016, 12, 15)
    uppsala_bris.save()
    stockholm_text = pdf_text(agreement_document(agreement_snapshot(stockholm_bris)))
    uppsala_text = pdf_text(agreement_document(agreement_snapshot(uppsala_bris)))

    assert "Socialförvaltningen i Stockholm" in stockholm_text
    assert "Kommunledningskontoret Uppsala" in uppsala_text
    assert "Kommunledningskontoret" not in stockholm_text
    assert "Beslutat av Kommunstyrelsen 2016-12-15" in uppsala_text
    # The body without a registered signatory prints its head of administration's title.
    assert "Kungsholmen den" in stockholm_text and "Förvaltningschef" in stockholm_text
    assert "Uppsala slott den" in uppsala_text and "Kommundirektör" in uppsala_text
    assert "Uppsala slott" not in stockholm_text
    assert "nämnden" not in uppsala_text.lower().replace("socialnämnden", "")


def test_a_version_keeps_the_words_it_was_prepared_with(
    two_settings, stockholm, stockholm_admin, stockholm_bris
):
    snapshot = agreement_snapshot(stockholm_bris)
    _settings(stockholm, stockholm_admin, signing_place="Solna", deciding_body="Kommunstyrelsen")
    text = pdf_text(agreement_document(snapshot))
    assert "Kungsholmen den" in text and "Solna" not in text


def test_each_bodys_memo_proposes_to_its_own_board(
    two_settings, stockholm_bris, uppsala_bris, stockholm_admin, uppsala_admin
):
    stockholm_fields = memo_prefill(partnership=stockholm_bris, user=stockholm_admin)
    uppsala_fields = memo_prefill(partnership=uppsala_bris, user=uppsala_admin)
    uppsala_fields["official_1_name"] = "Joachim Danielsson"
    assert uppsala_fields["official_1_title"] == "Kommundirektör"
    memo = memo_create(partnership=uppsala_bris, **uppsala_fields)
    text = pdf_text(memo_document(memo, facts=agreement_snapshot(uppsala_bris)))
    assert "Kommunstyrelsen godkänner partnerskapet." in text
    assert "Kommunstyrelsen ger kommundirektören i uppdrag att teckna" in text
    assert "Till Kommunstyrelsen" in text and memo.board == "Kommunstyrelsen"
    # Inside a sentence the board is a common noun, as the seeds write it.
    assert "Förvaltningen föreslår att kommunstyrelsen beslutar att" in text
    assert "Kommunledningskontoret Uppsala" in text
    assert "förvaltningschefen" not in text and "nämnden" not in text
    stockholm_fields["official_1_name"] = "Gillis Hammar"
    memo = memo_create(partnership=stockholm_bris, **stockholm_fields)
    assert memo.board == "Socialnämnden"
    text = pdf_text(memo_document(memo, facts=agreement_snapshot(stockholm_bris)))
    assert "Socialnämnden ger förvaltningschefen i uppdrag" in text


def test_each_bodys_logo_is_on_its_own_documents(
    stockholm, uppsala, stockholm_admin, stockholm_bris, uppsala_bris
):
    logo = SimpleUploadedFile("logo.png", png_bytes((60, 30)), content_type="image/png")
    _settings(stockholm, stockholm_admin, logo=logo)

    def image_sizes(content):
        sizes = []
        for page in pdf_reader(content).pages[:1]:
            for image in page.images:
                sizes.append(image.image.size)
        return sizes

    assert (60, 30) in image_sizes(agreement_document(agreement_snapshot(stockholm_bris)))
    assert (60, 30) not in image_sizes(agreement_document(agreement_snapshot(uppsala_bris)))
    BodySettings.objects.get(body=stockholm).logo.delete(save=False)


# --- rules --------------------------------------------------------------------------------


def test_two_person_approval_is_each_bodys_own(
    stockholm, uppsala, stockholm_admin, uppsala_admin, stockholm_bris, uppsala_bris
):
    _settings(uppsala, uppsala_admin, two_person_approval=False)
    # Stockholm keeps the installation's rule: its preparer may not approve.
    payment = stockholm_bris.payments.order_by("covers_from").first()
    with pytest.raises(ValidationError):
        finance.payment_approve(payment=payment, user=stockholm_admin)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PLANNED
    # Uppsala has switched it off: the same person prepares and approves.
    payment = uppsala_bris.payments.order_by("covers_from").first()
    finance.payment_approve(payment=payment, user=uppsala_admin)
    assert payment.status == PaymentStatus.APPROVED


def test_the_approval_queue_offers_what_each_bodys_rule_allows(
    client, uppsala, uppsala_admin, uppsala_bris
):
    client.force_login(uppsala_admin)
    url = reverse("finance:partnership", args=[uppsala_bris.pk])
    approve = 'class="secondary">Godkänn<span'
    # The preparer is not offered the approval of their payments while two people approve.
    assert approve not in client.get(url).content.decode()
    _settings(uppsala, uppsala_admin, two_person_approval=False)
    assert approve in client.get(url).content.decode()


def test_sie_books_each_payment_on_its_bodys_accounts(
    stockholm, uppsala, stockholm_admin, uppsala_admin, stockholm_bris, uppsala_bris
):
    _settings(
        uppsala, uppsala_admin, sie_expense_account="4560", sie_expense_account_name="IOP-bidrag"
    )
    payments = [
        stockholm_bris.payments.order_by("covers_from").first(),
        uppsala_bris.payments.order_by("covers_from").first(),
    ]
    text = sie_vouchers(payments=payments).decode("cp437")
    assert '#KONTO 4560 "IOP-bidrag"' in text
    assert '#KONTO 4990 "Ersättning idéburna organisationer (IOP)"' in text
    vouchers = text.split("#VER")[1:]
    stockholm_voucher = next(v for v in vouchers if f"IOP-{payments[0].pk} " in v)
    uppsala_voucher = next(v for v in vouchers if f"IOP-{payments[1].pk} " in v)
    assert "#TRANS 4990" in stockholm_voucher and "#TRANS 4560" not in stockholm_voucher
    assert "#TRANS 4560" in uppsala_voucher and "#TRANS 4990" not in uppsala_voucher
    only_uppsala = sie_vouchers(payments=payments[1:]).decode("cp437")
    assert "#KONTO 4990" not in only_uppsala


def test_account_due_days_and_the_deviation_threshold_are_each_bodys_own(
    stockholm, uppsala, uppsala_admin, stockholm_bris, uppsala_bris, bris
):
    from portal import services as portal

    _settings(uppsala, uppsala_admin, account_due_days=10, deviation_threshold_percent=30)
    stockholm_year = stockholm_bris.budget_periods.order_by("start").first()
    uppsala_year = uppsala_bris.budget_periods.order_by("start").first()
    assert account_due(stockholm_year) == datetime.date(2017, 12, 2)  # 30 days, the default
    assert account_due(uppsala_year) == datetime.date(2017, 12, 22)

    results = {}
    for partnership, year in ((stockholm_bris, stockholm_year), (uppsala_bris, uppsala_year)):
        party = partnership.parties.get(organisation=bris)
        representative = saved(
            MembershipFactory(
                organisation=bris, role=Role.REPRESENTATIVE, body=partnership.public_body
            ).user
        )
        account = portal.account_create(party=party, period=year, user=representative)
        line = account.lines.get(category="Material")
        line.actual = Decimal("12000")  # 20 % over the budget of 10 000
        line.save()
        results[partnership.public_body_id] = account.lines.get(category="Material").is_flagged
    assert results == {stockholm.pk: True, uppsala.pk: False}


def test_the_agreements_status_texts_name_each_bodys_board(
    two_settings, stockholm_bris, uppsala_bris, stockholm_admin, uppsala_admin
):
    from reporting.services.agreements import agreement_version_create, signature_record

    uppsala_bris.decided_on = datetime.date(2016, 12, 15)
    uppsala_bris.save()
    refusals = {}
    for partnership, admin in ((stockholm_bris, stockholm_admin), (uppsala_bris, uppsala_admin)):
        version = agreement_version_create(partnership=partnership, user=admin)
        with pytest.raises(ValidationError) as exc:
            signature_record(
                version=version,
                party=partnership.parties.get(is_public=True),
                signed_by="Anna Ek",
                capacity="Ordförande",
                signed_on=datetime.date(2016, 12, 1),
                user=admin,
            )
        refusals[partnership.public_body.name] = exc.value.message_dict["signed_on"]
    assert refusals["Stockholms stad"] == [
        "Socialnämnden har ännu inte beslutat om partnerskapet: det kan inte undertecknas."
    ]
    assert refusals["Uppsala kommun"] == [
        "Avtalet kan inte undertecknas före beslutet i Kommunstyrelsen den 2016-12-15."
    ]
