"""No lost updates (issue 12, point 7) on the decision memo: two officials open the form, both
save; the second is refused, keeps what they typed and lists what changed meanwhile, also when
the memo was written by the other after the second opened the empty form."""

import pytest
from django.urls import reverse

from organisations.constants import Role
from reporting.models import DecisionMemo
from reporting.services import memos
from tests.edit_conflicts import assert_refused, both_save, client_for, form_values
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SIGNED = {"official_1_name": "Anna Ek"}  # the one field the prefill cannot know


@pytest.fixture
def two(official, public_body):
    second = MembershipFactory(organisation=public_body, role=Role.OFFICIAL).user
    return client_for(official), client_for(second)


def test_the_second_memo_save_is_refused_and_keeps_its_input(two, minors, official):
    fields = memos.memo_prefill(partnership=minors, user=official)
    memos.memo_create(partnership=minors, **{**fields, "case_officer_name": "Kim Berg", **SIGNED})
    url = reverse("reporting:memo", args=[minors.pk])
    response = both_save(
        *two,
        url,
        {"case_officer_name": "Lo Ek"},
        {"preparation": "Beredd med organisationerna i maj."},
    )
    assert_refused(
        response, changes=["Handläggare: Kim Berg → Lo Ek"], kept=["Beredd med organisationerna"]
    )
    memo = DecisionMemo.objects.get(partnership=minors)
    # The first's save; the preparation is still what the register prefilled.
    assert (memo.case_officer_name, memo.preparation) == ("Lo Ek", fields["preparation"])
    # Saving again from the refused page keeps the second's input, knowingly.
    assert two[1].post(url, form_values(response)).status_code == 302
    memo.refresh_from_db()
    assert (memo.case_officer_name, memo.preparation) == (
        "Kim Berg",
        "Beredd med organisationerna i maj.",
    )


def test_a_memo_written_meanwhile_is_not_overwritten_by_the_empty_form(two, minors):
    url = reverse("reporting:memo", args=[minors.pk])
    response = both_save(
        *two,
        url,
        {"case_officer_name": "Lo Ek", **SIGNED},
        {"case_officer_name": "Kim Berg", **SIGNED},
    )
    assert_refused(response, changes=["Handläggare: – → Lo Ek"], kept=['value="Kim Berg"'])
    assert DecisionMemo.objects.get(partnership=minors).case_officer_name == "Lo Ek"
