"""Finance pages: what users see, what bad input does, who may do what."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.constants import PaymentStatus
from finance.models import Budget, Payment, Termination
from organisations.models import Relation

from .conftest import D

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def kr(text: str) -> str:
    return text.replace(" ", NBSP) + f"{NBSP}kr"


def budget_post(lines, total=""):
    data = {
        "lines-TOTAL_FORMS": "6",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "6",
        "lines-MAX_NUM_FORMS": "30",
        "total": total,
    }
    for index in range(6):
        category, amount = lines[index] if index < len(lines) else ("", "")
        data[f"lines-{index}-category"] = category
        data[f"lines-{index}-amount"] = amount
    return data


BRIS_POST = [
    ("Personal", "678833"),
    ("Material", "8000"),
    ("Mat och dryck", "15000"),
    ("Resekostnader", "10000"),
]


@pytest.fixture
def budget_url(bris, bris_appendix):
    period = bris.budget_periods.first()
    return reverse("finance:budget", args=[bris.pk, bris_appendix.pk, period.pk])


def test_administrator_enters_the_bris_budget(administrator_client, bris, budget_url):
    response = administrator_client.post(budget_url, budget_post(BRIS_POST, total="711833"))
    assert response.status_code == 302
    assert Budget.objects.get().total == Decimal("711833")
    page = administrator_client.get(reverse("finance:partnership", args=[bris.pk]))
    assert kr("711 833") in page.content.decode()
    assert "Mat och dryck" in page.content.decode()


@pytest.mark.parametrize(
    ("lines", "total", "message"),
    [
        (BRIS_POST, "700000", "Budgetposterna blir tillsammans " + kr("711 833")),
        ([("Personal", "tusen")], "", "Ange ett belopp i kronor, t.ex. 711 833 eller 177 958,25."),
        ([("Personal", "-5")], "", "Beloppet kan inte vara negativt."),
        ([("Personal", "10,005")], "", "Ett belopp har högst två decimaler (ören)."),
        ([("Personal", "")], "", "Ange budgetpostens belopp."),
        ([], "", "Ange minst en budgetpost eller en total."),
    ],
    ids=["sum", "text", "negative", "three-decimals", "no-amount", "empty"],
)
def test_bad_budget_input_is_refused_in_swedish_and_kept(
    administrator_client, budget_url, lines, total, message
):
    response = administrator_client.post(budget_url, budget_post(lines, total=total))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    for category, amount in lines:
        assert f'value="{category}"' in content
        if amount:
            assert f'value="{amount}"' in content
    assert not Budget.objects.exists()


def test_budget_for_a_period_with_approved_payments_is_refused(
    administrator_client, bris_scheduled, bris_appendix, second_administrator
):
    payment = bris_scheduled.payments.order_by("covers_from").first()
    services.payment_approve(payment=payment, user=second_administrator)
    url = reverse("finance:budget", args=[bris_scheduled.pk, bris_appendix.pk, payment.period_id])
    response = administrator_client.post(url, budget_post([("Personal", "5")]))
    assert "redan godkända eller betalda" in response.content.decode()
    assert Budget.objects.get(period=payment.period).total == Decimal("711833")


def test_period_outside_the_partnership_is_refused_next_to_the_field(administrator_client, bris):
    response = administrator_client.post(
        reverse("finance:period_create", args=[bris.pk]),
        {"start": "2019-01-01", "end": "2019-12-31", "label": ""},
    )
    content = response.content.decode()
    assert "Perioden måste ligga inom partnerskapets period" in content
    assert 'value="2019-01-01"' in content
    assert bris.budget_periods.count() == 2


def test_schedule_preview_then_generate(administrator_client, bris_budgeted):
    url = reverse("finance:schedule", args=[bris_budgeted.pk])
    preview = administrator_client.get(url)
    content = preview.content.decode()
    assert "Utbetalningar som skapas" in content
    assert kr("1 423 666") in content
    assert not Payment.objects.exists()
    response = administrator_client.post(url)
    assert response.status_code == 302
    assert Payment.objects.count() == 8
    page = administrator_client.get(reverse("finance:partnership", args=[bris_budgeted.pk]))
    assert page.content.decode().count(kr("177 958,25")) >= 4


def test_schedule_without_budgets_says_so(administrator_client, bris):
    response = administrator_client.get(reverse("finance:schedule", args=[bris.pk]), follow=True)
    assert "Partnerskapet har inga budgetar ännu" in response.content.decode()


def test_missing_giro_is_listed_in_the_preview(administrator_client, bris_budgeted, organisation):
    Relation.objects.filter(organisation=organisation).update(bankgiro="")
    response = administrator_client.get(reverse("finance:schedule", args=[bris_budgeted.pk]))
    assert "Bris saknar bankgiro och plusgiro" in response.content.decode()


def test_approve_by_another_administrator(client, bris_scheduled, second_administrator):
    payment = bris_scheduled.payments.first()
    client.force_login(second_administrator)
    response = client.post(reverse("finance:payment_approve", args=[payment.pk]))
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED


def test_the_preparer_is_told_to_find_a_second_person(administrator_client, bris_scheduled):
    payment = bris_scheduled.payments.first()
    response = administrator_client.post(reverse("finance:payment_approve", args=[payment.pk]))
    assert response.status_code == 400
    assert "en annan administratör måste godkänna" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PLANNED


def test_pay_in_the_future_is_refused_next_to_the_field(
    administrator_client, bris_scheduled, second_administrator
):
    payment = bris_scheduled.payments.first()
    services.payment_approve(payment=payment, user=second_administrator)
    response = administrator_client.post(
        reverse("finance:payment_pay", args=[payment.pk]), {"paid_on": "2999-01-01"}
    )
    assert "Utbetalningsdatumet kan inte ligga i framtiden." in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED
    response = administrator_client.post(
        reverse("finance:payment_pay", args=[payment.pk]), {"paid_on": "2017-01-02"}
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


def test_state_changes_are_post_only(administrator_client, bris_scheduled):
    payment = bris_scheduled.payments.first()
    assert (
        administrator_client.get(reverse("finance:payment_approve", args=[payment.pk])).status_code
        == 405
    )


def test_exports_of_approved_payments(administrator_client, bris_scheduled, second_administrator):
    payment = bris_scheduled.payments.order_by("covers_from").first()
    services.payment_approve(payment=payment, user=second_administrator)
    csv = administrator_client.get(reverse("finance:payments_export", args=["csv"]))
    text = csv.content.decode()
    assert csv["Content-Type"].startswith("text/csv")
    assert "177958.25" in text and "12345674" in text
    assert text.count("\n") == 2  # header and the one approved payment
    xlsx = administrator_client.get(reverse("finance:payments_export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"
    sie_url = reverse("finance:sie_batches", args=[bris_scheduled.public_body_id])
    assert administrator_client.post(sie_url).status_code == 302
    sie = administrator_client.get(
        reverse("finance:sie_batch_download", args=[bris_scheduled.public_body_id, 1])
    )
    body = sie.content.decode("cp437")
    assert body.startswith("#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n")
    assert '#FNAMN "Socialförvaltningen, Stockholms stad"' in body
    assert "#TRANS 4990 {} 177958.25" in body and "#TRANS 2440 {} -177958.25" in body
    assert body.count("#VER") == 1
    assert administrator_client.get("/finance/payments/export.pdf").status_code == 404


def test_terminate_shows_the_effect_before_confirming(
    administrator_client, bris_scheduled, organisation
):
    party = bris_scheduled.parties.get(organisation=organisation)
    url = reverse("finance:terminate", args=[bris_scheduled.pk])
    data = {"party": party.pk, "date": "2017-05-15", "reason": "Åtagandena uppfylls inte."}
    preview = administrator_client.post(url, {**data, "preview": "1"})
    content = preview.content.decode()
    assert "2017-08-15" in content and "Bekräfta uppsägningen" in content
    assert not Termination.objects.exists()
    response = administrator_client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).count() == 5


def test_termination_date_before_start_is_refused(administrator_client, bris_scheduled):
    response = administrator_client.post(
        reverse("finance:terminate", args=[bris_scheduled.pk]),
        {"party": "", "date": "2016-06-01", "reason": "Tvist", "confirm": "1"},
    )
    assert response.status_code == 400
    assert "kan inte ligga före partnerskapets start" in response.content.decode()
    assert not Termination.objects.exists()


def test_extension_beyond_latest_date_is_refused(administrator_client, bris):
    bris.latest_end_date = D(2019, 6, 30)
    bris.save()
    response = administrator_client.post(
        reverse("finance:extend", args=[bris.pk]),
        {"decided_on": "2018-10-01", "decision_paragraph": "§ 7", "decided_by": "Socialnämnden"},
    )
    assert response.status_code == 400
    assert "efter dess senaste slutdatum 2019-06-30" in response.content.decode()
    bris.refresh_from_db()
    assert bris.end_date == D(2018, 12, 31)


def test_other_income_is_recorded_and_shown(administrator_client, bris):
    period = bris.budget_periods.first()
    response = administrator_client.post(
        reverse("finance:other_income", args=[bris.pk]),
        {"period": period.pk, "payer": "Solna stad", "children": "3", "amount_per_child": "5000"},
    )
    assert response.status_code == 302
    page = administrator_client.get(reverse("finance:partnership", args=[bris.pk]))
    assert "Solna stad" in page.content.decode() and kr("15 000") in page.content.decode()


def test_overview_lists_due_payments_and_years(administrator_client, bris_scheduled):
    response = administrator_client.get(reverse("finance:overview"))
    content = response.content.decode()
    assert "Utbetalningar de närmaste 30 dagarna" in content
    assert kr("711 833") in content  # the 2017 budget
    assert bris_scheduled.title in content
