"""Issue 12, point 8: an extension needs a decision (date, paragraph, who), only for a signed
or active partnership, one whole contract year at a time up to the latest date."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.models import BudgetPeriod, Extension
from partnerships.constants import Status
from partnerships.models import Partnership
from reporting.constants import VersionKind
from reporting.models import AgreementVersion

from .conftest import D, make_partnership

pytestmark = pytest.mark.django_db

DECISION = {
    "decided_on": D(2018, 10, 1),
    "decision_paragraph": "§ 7",
    "decided_by": "Socialnämnden",
}
POSTED = {"decided_on": "2018-10-01", "decision_paragraph": "§ 7", "decided_by": "Socialnämnden"}


@pytest.fixture
def extendable(public_body, other_organisation):
    return make_partnership(
        public_body,
        [other_organisation],
        D(2017, 1, 1),
        D(2018, 12, 31),
        latest_end_date=D(2020, 12, 31),
    )


def test_the_decision_is_recorded_with_the_new_year(extendable, administrator):
    services.partnership_extend(partnership=extendable, user=administrator, **DECISION)
    extendable.refresh_from_db()
    assert extendable.end_date == D(2019, 12, 31)
    extension = Extension.objects.get()
    assert (extension.old_end, extension.new_end) == (D(2018, 12, 31), D(2019, 12, 31))
    assert (extension.decided_on, extension.decision_paragraph, extension.decided_by) == (
        D(2018, 10, 1),
        "§ 7",
        "Socialnämnden",
    )
    assert extension.recorded_by == administrator


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PROPOSED, Status.DECIDED])
def test_only_a_signed_or_active_partnership_is_extended(extendable, administrator, status):
    Partnership.objects.filter(pk=extendable.pk).update(status=status)
    extendable.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.partnership_extend(partnership=extendable, user=administrator, **DECISION)
    assert "Bara ett undertecknat eller aktivt partnerskap kan förlängas" in " ".join(
        exc.value.messages
    )
    extendable.refresh_from_db()
    assert extendable.end_date == D(2018, 12, 31)
    assert not Extension.objects.exists()


def test_a_decision_is_needed(extendable, administrator):
    with pytest.raises(ValidationError) as exc:
        services.partnership_extend(
            partnership=extendable,
            user=administrator,
            decided_on=None,
            decision_paragraph=" ",
            decided_by="",
        )
    assert set(exc.value.message_dict) == {"decided_on", "decision_paragraph", "decided_by"}
    assert not Extension.objects.exists()


def test_a_whole_year_at_a_time_up_to_the_latest_date(
    public_body, other_organisation, administrator
):
    # The case: 2025-06-30 after 2024-04-30 is not a whole contract year.
    partnership = make_partnership(
        public_body,
        [other_organisation],
        D(2022, 5, 1),
        D(2024, 4, 30),
        latest_end_date=D(2025, 6, 30),
    )
    decision = {**DECISION, "decided_on": D(2024, 3, 1)}
    services.partnership_extend(partnership=partnership, user=administrator, **decision)
    partnership.refresh_from_db()
    assert partnership.end_date == D(2025, 4, 30)
    with pytest.raises(ValidationError) as exc:
        services.partnership_extend(partnership=partnership, user=administrator, **decision)
    assert "2026-04-30" in " ".join(exc.value.messages)
    partnership.refresh_from_db()
    assert partnership.end_date == D(2025, 4, 30)
    assert Extension.objects.count() == 1


def test_a_signed_agreement_is_extended_without_an_amendment(extendable, administrator):
    """The agreement's extension clause provides for it: the freeze does not refuse it."""
    now = timezone.now()
    AgreementVersion.objects.create(
        partnership=extendable,
        number=1,
        kind=VersionKind.ORIGINAL,
        snapshot={"parties": []},
        prepared_at=now,
        frozen_at=now,
        created_by=administrator,
    )
    BudgetPeriod.objects.create(
        partnership=extendable, start=D(2018, 1, 1), end=D(2018, 12, 31), label="2018"
    )
    period, _plan = services.partnership_extend(
        partnership=extendable, user=administrator, **DECISION
    )
    extendable.refresh_from_db()
    assert extendable.end_date == D(2019, 12, 31)
    assert (period.start, period.end) == (D(2019, 1, 1), D(2019, 12, 31))
    assert extendable.agreement_versions.count() == 1


def test_the_page_asks_for_the_decision_and_keeps_what_was_typed(administrator_client, extendable):
    url = reverse("finance:extend", args=[extendable.pk])
    page = administrator_client.get(url).content.decode()
    assert "2019-12-31" in page and 'name="decision_paragraph"' in page
    response = administrator_client.post(url, {**POSTED, "decided_on": ""})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Socialnämnden" in content and "§ 7" in content
    assert not Extension.objects.exists()
    response = administrator_client.post(url, POSTED)
    assert response.status_code == 302
    page = administrator_client.get(url).content.decode()
    assert "2018-12-31 → 2019-12-31, beslutat av Socialnämnden 2018-10-01, § 7" in page


def test_a_proposed_partnership_shows_why_at_the_top(administrator_client, extendable):
    Partnership.objects.filter(pk=extendable.pk).update(status=Status.PROPOSED)
    response = administrator_client.post(reverse("finance:extend", args=[extendable.pk]), POSTED)
    assert response.status_code == 400
    assert "Bara ett undertecknat eller aktivt partnerskap kan förlängas" in (
        response.content.decode()
    )
    assert not Extension.objects.exists()


def test_another_bodys_partnership_is_a_404(client, other_administrator, extendable):
    client.force_login(other_administrator)
    url = reverse("finance:extend", args=[extendable.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, POSTED).status_code == 404
    assert not Extension.objects.exists()


def test_opening_the_page_of_a_partnership_that_cannot_be_extended_says_why(
    administrator_client, extendable
):
    Partnership.objects.filter(pk=extendable.pk).update(latest_end_date=None)
    response = administrator_client.get(reverse("finance:extend", args=[extendable.pk]))
    assert response.status_code == 200
    assert "det har inget senaste slutdatum" in response.content.decode()
    assert 'type="submit"' not in response.content.decode().split("<main")[-1]
