"""No lost updates (issue 12, point 7) on the annual account: two representatives of the
organisation open its form, both save; the second is refused, keeps what they typed and
lists what changed meanwhile, lines included. The service refuses it for any caller."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.constants import Role
from portal import services
from tests.edit_conflicts import STALE, assert_refused, both_save, client_for, form_values
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_representative(organisation, public_body):
    return MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
    ).user


def test_the_second_account_save_is_refused_and_keeps_its_input(
    account, representative, second_representative
):
    url = reverse("portal:account_edit", args=[account.pk])
    line = account.lines.order_by("pk").first()
    first, second = client_for(representative), client_for(second_representative)
    response = both_save(
        first,
        second,
        url,
        {line.field_name("actual"): "12345"},
        {"narrative": "Vi höll tolv träffar."},
    )
    assert_refused(
        response,
        changes=["Redovisningsrader, rad 1, faktisk kostnad (kr): – → 12\xa0345"],
        kept=["Vi höll tolv träffar."],
    )
    account.refresh_from_db()
    assert account.narrative == ""
    assert account.lines.get(pk=line.pk).actual == 12345
    # Saving again from the refused page keeps the second's input, knowingly.
    again = second.post(url, form_values(response))
    assert again.status_code == 302
    account.refresh_from_db()
    assert account.narrative == "Vi höll tolv träffar."


def test_the_service_refuses_a_stale_account_version(account, representative):
    version = services.ACCOUNT_VERSION.version(account)
    services.account_save(account=account, user=representative, narrative="Först", version=version)
    with pytest.raises(ValidationError) as refused:
        services.account_save(
            account=account, user=representative, own_in_kind="Lokaler", version=version
        )
    assert STALE in " ".join(refused.value.messages)
    account.refresh_from_db()
    assert (account.narrative, account.own_in_kind) == ("Först", "")


@pytest.fixture
def report(partnership, periods, organisation, representative):
    return services.report_create(
        partnership=partnership,
        period=periods[0],
        kind="half_year",
        organisation=organisation,
        user=representative,
        figures=[("age_band", "7-12", 14), ("gender", "woman", 9)],
        narrative="Sex grupper under våren.",
    )


def test_the_second_report_save_is_refused_and_keeps_its_input(
    report, representative, second_representative
):
    url = reverse("portal:report_edit", args=[report.pk])
    first, second = client_for(representative), client_for(second_representative)
    response = both_save(
        first, second, url, {"age_7-12": "16"}, {"feedback_summary": "Barnen vill ses oftare."}
    )
    assert_refused(
        response,
        changes=["Siffror, rad 1, antal personer: 14 → 16"],
        kept=["Barnen vill ses oftare."],
    )
    report.refresh_from_db()
    assert report.feedback_summary == ""
    assert report.figures.get(category="7-12").count == 16
    # Saving again from the refused page keeps the second's input, knowingly.
    assert second.post(url, form_values(response)).status_code == 302
    report.refresh_from_db()
    assert report.feedback_summary == "Barnen vill ses oftare."
    assert report.figures.get(category="7-12").count == 14
