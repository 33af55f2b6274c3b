"""Issue 12, point 11: "Ej förbrukade medel" is computed from the account's lines (budget minus
actual), not typed; another figure needs a reason, which is recorded; the settlement proposes
the same figure the account page and the board's yearly summary print."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal import services
from portal.constants import SettlementKind
from reporting.selectors import yearly_summary
from reporting.services.documents import summary_document
from tests.reporting.conftest import pdf_text

from .conftest import TODAY, fill
from .test_views import login, post_data

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _plain(response) -> str:
    return " ".join(response.content.decode().replace(NBSP, " ").split())


def _actuals(account, **by_category):
    return {
        line.pk: (by_category.get(line.category, line.budget_amount), "")
        for line in account.lines.all()
    }


def test_unspent_money_is_budget_minus_actual(
    client, account, representative, administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # Personal 678 833 → 672 410 (6 423 unused); Material 8 000 → 10 000 (2 000 over, explained);
    # Mat och dryck 15 000 → 14 250,50; Resekostnader 10 000 → 9 120: 6 052,50 kr in all.
    lines = {
        line.pk: (actual, "Nytt material." if line.category == "Material" else "")
        for line, actual in zip(
            account.lines.order_by("pk"),
            (Decimal("672410"), Decimal("10000"), Decimal("14250.50"), Decimal("9120")),
            strict=True,
        )
    }
    services.account_save(account=account, user=representative, lines=lines)
    account.refresh_from_db()
    assert account.unspent == Decimal("6052.50") and account.unspent_reason == ""

    login(client, representative)
    page = _plain(client.get(reverse("portal:account_edit", args=[account.pk])))
    assert "Ej förbrukade medel (budget minus utfall):</strong> 6 052,50 kr" in page
    page = _plain(client.get(reverse("portal:account", args=[account.pk])))
    assert "6 052,50 kr (budget minus utfall)" in page

    services.account_submit(account=account, user=representative, today=TODAY)
    services.account_approve(account=account, user=administrator)
    account.refresh_from_db()
    assert (account.settlement.kind, account.settlement.amount) == (
        SettlementKind.REPAYMENT,
        Decimal("6052.50"),
    )
    partnership = account.party.partnership
    text = pdf_text(summary_document(yearly_summary(partnership)))
    assert "Ej förbrukade medel" in text
    assert "Bris Godkänd" in text and "6 052,50 kr" in text


def test_another_figure_needs_a_reason_which_is_recorded(client, account, representative):
    login(client, representative)
    url = reverse("portal:account_edit", args=[account.pk])
    data = post_data(account, actuals={"Personal": "677833"}, narrative="Behåll mig")
    # Budget minus actual is 1 000 kr; typing 2 000 without a reason is refused by the field.
    response = client.post(url, {**data, "unspent": "2000"})
    assert response.status_code == 200
    page = _plain(response)
    assert (
        "Ej förbrukade medel är budget minus utfall: 1 000 kr. Ange skälet till ett annat belopp."
    ) in page
    assert "Behåll mig" in page and 'value="2000"' in page  # what was typed is kept
    account.refresh_from_db()
    assert account.unspent == Decimal("0") and account.narrative == ""  # nothing half-saved
    assert account.lines.get(category="Personal").actual is None

    reason = "1 000 kr av bidraget från Exempelkommun användes inte."
    response = client.post(url, {**data, "unspent": "2000", "unspent_reason": reason})
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.unspent, account.unspent_reason) == (Decimal("2000"), reason)
    assert account.history.first().unspent_reason == reason  # recorded, with who and when
    page = _plain(client.get(reverse("portal:account", args=[account.pk])))
    assert (
        f"2 000 kr – satt för hand i stället för budget minus utfall (1 000 kr): {reason}" in page
    )

    # Emptied again, the figure goes back to budget minus actual.
    client.post(url, {**data, "unspent": "", "unspent_reason": ""})
    account.refresh_from_db()
    assert (account.unspent, account.unspent_reason) == (Decimal("1000"), "")


def test_the_service_refuses_an_override_without_a_reason(account, representative):
    with pytest.raises(ValidationError) as exc:
        services.account_save(
            account=account,
            user=representative,
            lines=_actuals(account),
            unspent=Decimal("500"),
        )
    assert "unspent_reason" in exc.value.message_dict
    fill(account, representative, unspent=Decimal("500"))
    account.refresh_from_db()
    assert account.unspent == Decimal("500") and account.unspent_reason == ""
