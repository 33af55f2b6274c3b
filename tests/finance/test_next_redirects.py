"""Payment actions return to a page of this site only (they once followed any POSTed next)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x"])
def test_a_payment_action_ignores_a_next_elsewhere(
    client, bris_scheduled, second_administrator, target
):
    payment = bris_scheduled.payments.first()
    client.force_login(second_administrator)

    response = client.post(reverse("finance:payment_approve", args=[payment.pk]), {"next": target})

    assert response.status_code == 302
    assert response.url == reverse("finance:payment", args=[payment.pk])


def test_a_payment_action_returns_to_the_list_it_came_from(
    client, bris_scheduled, second_administrator
):
    payment = bris_scheduled.payments.first()
    client.force_login(second_administrator)
    back = reverse("finance:payments") + "?status=planned"

    response = client.post(reverse("finance:payment_approve", args=[payment.pk]), {"next": back})

    assert response.url == back
