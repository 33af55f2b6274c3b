"""The JSON API: what a token sees (its body's, as staff see it), what it may write, and the
answers to bad input."""

import datetime

import pytest
from django.utils import timezone

from api.models import ApiWrite
from api.services import token_revoke
from finance.constants import PaymentStatus

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_schema_and_the_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/openapi.json")
    docs = client.get("/api/docs")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/payments/{pk}/paid" in paths
    assert "/api/partnerships" in paths
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "https://" not in page


def test_a_token_reads_its_bodys_partnerships_with_parties(
    client, scheduled, read_token, other_partnership
):
    _token, raw = read_token

    response = client.get("/api/partnerships", **bearer(raw))

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["id"] == scheduled.pk and item["status"] == "active"
    assert item["start_date"] == "2017-01-01"
    assert {p["organisation"]["name"] for p in item["parties"]} == {
        scheduled.public_body.name,
        "Bris",
    }


def test_another_bodys_records_answer_404(client, read_token, other_partnership):
    _token, raw = read_token
    payment_url = f"/api/partnerships/{other_partnership.pk}"

    assert client.get(payment_url, **bearer(raw)).status_code == 404
    assert client.get(f"{payment_url}/budgets", **bearer(raw)).status_code == 404
    assert client.get(f"{payment_url}/documents", **bearer(raw)).json() == {
        "detail": "Hittades inte."
    }


def test_organisations_show_identity_only_unless_the_body_partners_with_them(
    client, scheduled, read_token, other_partnership, organisation
):
    _token, raw = read_token
    outsider = other_partnership.parties.get(is_public=False).organisation

    partner = client.get(f"/api/organisations/{organisation.pk}", **bearer(raw)).json()
    stranger = client.get(f"/api/organisations/{outsider.pk}", **bearer(raw)).json()
    listed = client.get("/api/organisations", {"search": "stadsmission"}, **bearer(raw)).json()

    assert partner["details"]["bankgiro"] == "12345674"
    assert stranger["name"] == "Uppsala stadsmission"
    assert stranger["details"] is None
    assert "kontakt@example.org" not in str(listed)
    assert listed["items"][0]["details"] is None


def test_budgets_and_payments_carry_money_as_strings(client, scheduled, read_token):
    _token, raw = read_token

    budgets = client.get(f"/api/partnerships/{scheduled.pk}/budgets", **bearer(raw)).json()
    payments = client.get("/api/payments", {"partnership": scheduled.pk}, **bearer(raw)).json()

    assert [b["total"] for b in budgets] == ["711833.00", "711833.00"]
    assert budgets[0]["lines"][0] == {"category": "Personal", "amount": "678833.00"}
    assert payments["count"] == 8
    assert sum(float(p["amount"]) for p in payments["items"]) == pytest.approx(2 * 711833)
    assert payments["items"][0]["amount"] == "177958.25"


def test_unknown_and_revoked_tokens_answer_401(client, read_token, administrator):
    token, raw = read_token

    assert client.get("/api/partnerships").status_code == 401
    assert client.get("/api/partnerships", **bearer(raw + "x")).status_code == 401
    token_revoke(token=token, user=administrator)
    response = client.get("/api/partnerships", **bearer(raw))

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Okänd eller återkallad API-nyckel."}
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_last_use_is_recorded(client, read_token):
    token, raw = read_token
    assert token.last_used_at is None

    client.get("/api/partnerships", **bearer(raw))

    token.refresh_from_db()
    assert abs(token.last_used_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_the_finance_system_reports_a_payment_paid(
    client, approved_payment, finance_token, administrator
):
    token, raw = finance_token
    paid_on = timezone.localdate()

    response = client.post(
        f"/api/payments/{approved_payment.pk}/paid",
        {"paid_on": paid_on.isoformat()},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "paid"
    approved_payment.refresh_from_db()
    assert approved_payment.status == PaymentStatus.PAID
    assert approved_payment.paid_on == paid_on
    event = approved_payment.events.order_by("pk").last()
    assert event.to_status == PaymentStatus.PAID
    assert event.user == administrator  # the token's creator …
    assert token.prefix in event.note  # … and the token itself
    write = ApiWrite.objects.get()
    assert (write.token, write.action, write.object_id) == (
        token,
        "payment_paid",
        approved_payment.pk,
    )
    assert approved_payment.history.first().history_user == administrator


def test_a_read_token_may_not_write(client, approved_payment, read_token):
    _token, raw = read_token

    response = client.post(
        f"/api/payments/{approved_payment.pk}/paid",
        {"paid_on": timezone.localdate().isoformat()},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 403
    approved_payment.refresh_from_db()
    assert approved_payment.status == PaymentStatus.APPROVED


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"paid_on": "2017-13-40"}, "Fyll i ett giltigt datum."),
        ({}, "Detta fält måste fyllas i."),
        ({"paid_on": "2999-01-01"}, "Utbetalningsdatumet kan inte ligga i framtiden."),
    ],
)
def test_a_malformed_write_is_400_with_the_fields_swedish_error_and_changes_nothing(
    client, approved_payment, finance_token, body, message
):
    _token, raw = finance_token

    response = client.post(
        f"/api/payments/{approved_payment.pk}/paid",
        body,
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 400
    assert response.json()["errors"]["paid_on"] == [message]
    approved_payment.refresh_from_db()
    assert approved_payment.status == PaymentStatus.APPROVED
    assert approved_payment.paid_on is None
    assert not ApiWrite.objects.exists()


def test_a_planned_payment_cannot_be_reported_paid(client, scheduled, finance_token):
    _token, raw = finance_token
    planned = scheduled.payments.filter(status=PaymentStatus.PLANNED).first()

    response = client.post(
        f"/api/payments/{planned.pk}/paid",
        {"paid_on": timezone.localdate().isoformat()},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 400
    assert "__all__" in response.json()["errors"]
    planned.refresh_from_db()
    assert planned.status == PaymentStatus.PLANNED


def test_another_bodys_token_cannot_pay(client, approved_payment, other_body, other_admin):
    from api.constants import TokenScope
    from api.services import token_create

    _token, raw = token_create(
        body=other_body, name="Uppsala", scope=TokenScope.FINANCE_WRITE, user=other_admin
    )

    response = client.post(
        f"/api/payments/{approved_payment.pk}/paid",
        {"paid_on": timezone.localdate().isoformat()},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 404
    approved_payment.refresh_from_db()
    assert approved_payment.status == PaymentStatus.APPROVED


def test_the_token_does_not_carry_its_creators_other_roles(
    client, scheduled, other_partnership, superuser
):
    """Created by a superuser, a token still sees only its body."""
    from api.constants import TokenScope
    from api.services import token_create

    _token, raw = token_create(
        body=scheduled.public_body, name="Diariet", scope=TokenScope.READ, user=superuser
    )

    ids = [p["id"] for p in client.get("/api/partnerships", **bearer(raw)).json()["items"]]

    assert ids == [scheduled.pk]


def test_documents_list_versions_and_signed_copies(client, scheduled, read_token):
    _token, raw = read_token

    response = client.get(f"/api/partnerships/{scheduled.pk}/documents", **bearer(raw))

    assert response.status_code == 200
    assert response.json() == {"partnership_id": scheduled.pk, "memo": None, "versions": []}


def test_list_query_count_does_not_grow_with_rows(
    client, scheduled, read_token, django_assert_max_num_queries
):
    _token, raw = read_token
    with django_assert_max_num_queries(8):
        client.get("/api/payments", {"page_size": 200}, **bearer(raw))
    with django_assert_max_num_queries(8):
        client.get("/api/partnerships", **bearer(raw))


def test_a_bad_query_parameter_is_400_in_swedish(client, read_token):
    _token, raw = read_token

    response = client.get("/api/payments", {"page": "0", "status": "nonsense"}, **bearer(raw))

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"page", "status"}
