"""SIE exports as numbered batches: each payment is booked into the ledger once, a batch
downloaded again is the same file, and characters CP437 lacks are transliterated."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance import services
from finance.constants import PaymentStatus
from finance.models import Payment, SieBatch, SieBatchEntry

from .conftest import D, saved

pytestmark = pytest.mark.django_db


def _approve(partnership, user, count):
    payments = list(
        partnership.payments.filter(status=PaymentStatus.PLANNED).order_by("covers_from")[:count]
    )
    for payment in payments:
        services.payment_approve(payment=payment, user=user)
    return payments


def _vouchers(text: str) -> list[list[str]]:
    """Each #VER with its #TRANS rows, as lines."""
    lines = text.split("\r\n")
    vouchers = []
    for index, line in enumerate(lines):
        if line.startswith("#VER"):
            end = lines.index("}", index)
            vouchers.append(lines[index : end + 1])
    return vouchers


def test_each_export_is_the_next_batch_of_the_payments_not_yet_exported(
    client, administrator, second_administrator, bris_scheduled, public_body
):
    client.force_login(administrator)
    url = reverse("finance:sie_batches", args=[public_body.pk])
    first, second = _approve(bris_scheduled, second_administrator, 2)

    response = client.post(url)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "SIE-batch 1 skapades med 2 utbetalningar." in page

    download = reverse("finance:sie_batch_download", args=[public_body.pk, 1])
    one = client.get(download)
    assert one["Content-Disposition"] == 'attachment; filename="utbetalningar-sie-0001.si"'
    text = one.content.decode("cp437")
    assert text.startswith("#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n")
    assert '#PROSA "SIE-batch 1"' in text
    vouchers = _vouchers(text)
    assert vouchers == [
        [
            f'#VER "" "" 20170101 "IOP-{first.pk} Bris 2017-01-01/2017-03-31"',
            "{",
            "#TRANS 4990 {} 177958.25",
            "#TRANS 2440 {} -177958.25",
            "}",
        ],
        [
            f'#VER "" "" 20170401 "IOP-{second.pk} Bris 2017-04-01/2017-06-30"',
            "{",
            "#TRANS 4990 {} 177958.25",
            "#TRANS 2440 {} -177958.25",
            "}",
        ],
    ]

    # A second export with nothing new: refused with a message, no empty batch.
    again = client.post(url)
    assert again.status_code == 200
    assert (
        "Det finns inga godkända utbetalningar som inte redan har exporterats."
        in again.content.decode()
    )
    assert SieBatch.objects.count() == 1

    # A payment approved later goes into batch 2, and only it.
    (third,) = _approve(bris_scheduled, second_administrator, 1)
    client.post(url)
    two = client.get(reverse("finance:sie_batch_download", args=[public_body.pk, 2]))
    text_two = two.content.decode("cp437")
    assert '#PROSA "SIE-batch 2"' in text_two
    assert [voucher[0] for voucher in _vouchers(text_two)] == [
        f'#VER "" "" 20170701 "IOP-{third.pk} Bris 2017-07-01/2017-09-30"'
    ]

    # Paying the payments changes nothing in the files handed out: the same bytes again.
    services.payment_pay(payment=first, user=administrator, paid_on=D(2017, 1, 2))
    assert client.get(download).content == one.content
    assert bytes(SieBatch.objects.get(number=1).content) == one.content

    listing = client.get(url).content.decode()
    assert "utbetalningar-sie-0001.si" in listing and "utbetalningar-sie-0002.si" in listing
    assert [b.payment_count for b in SieBatch.objects.for_list()] == [1, 2]


def test_a_payment_is_in_at_most_one_batch(
    administrator, second_administrator, bris_scheduled, public_body
):
    (payment,) = _approve(bris_scheduled, second_administrator, 1)
    batch = services.sie_batch_create(body=public_body, user=administrator)
    other = SieBatch.objects.create(
        public_body=public_body, number=2, created_by=administrator, content=b"", sha256=""
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SieBatchEntry.objects.create(batch=other, payment=payment)
    assert list(batch.entries.values_list("payment", flat=True)) == [payment.pk]
    with pytest.raises(IntegrityError), transaction.atomic():
        SieBatch.objects.create(
            public_body=public_body, number=2, created_by=administrator, content=b"", sha256=""
        )


@pytest.mark.django_db(transaction=True)
def test_two_exports_at_the_same_moment_book_each_payment_once(
    bris_scheduled, administrator, second_administrator, public_body
):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's test database cannot run two writing connections side by side; this "
            "runs on PostgreSQL (the constraint is tested above)."
        )
    _approve(bris_scheduled, second_administrator, 3)
    barrier = threading.Barrier(2)
    outcomes = []

    def export(user):
        try:
            barrier.wait()
            services.sie_batch_create(body=public_body, user=user)
            outcomes.append("exported")
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test asserts
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=export, args=(user,))
        for user in (administrator, second_administrator)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ValidationError", "exported"]
    assert SieBatch.objects.get().entries.count() == 3
    assert SieBatchEntry.objects.count() == 3


def test_characters_outside_cp437_are_transliterated(
    client, administrator, second_administrator, bris_scheduled, public_body, organisation
):
    organisation.name = "Bris – “Barnens rätt” i samhället…"
    organisation.save()
    (payment,) = _approve(bris_scheduled, second_administrator, 1)
    services.sie_batch_create(body=public_body, user=administrator)
    client.force_login(administrator)
    content = client.get(reverse("finance:sie_batch_download", args=[public_body.pk, 1])).content
    assert b"?" not in content
    text = content.decode("cp437")
    assert (
        f'#VER "" "" 20170101 "IOP-{payment.pk} Bris - \\"Barnens rätt\\" i samhället... '
        '2017-01-01/2017-03-31"'
    ) in text
    assert '#FNAMN "Socialförvaltningen, Stockholms stad"' in text  # ö stays ö


def test_another_bodys_batches_are_404_and_officials_only_read(
    client,
    administrator,
    official,
    representative,
    other_administrator,
    second_administrator,
    bris_scheduled,
    public_body,
    other_body,
):
    _approve(bris_scheduled, second_administrator, 1)
    services.sie_batch_create(body=public_body, user=administrator)
    url = reverse("finance:sie_batches", args=[public_body.pk])
    download = reverse("finance:sie_batch_download", args=[public_body.pk, 1])

    client.force_login(saved(other_administrator))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.get(download).status_code == 404
    # Their own body's list is theirs, and empty; Stockholm's batch 1 is not under it.
    own = client.get(reverse("finance:sie_batches", args=[other_body.pk]))
    assert own.status_code == 200 and "utbetalningar-sie-0001.si" not in own.content.decode()
    assert (
        client.get(reverse("finance:sie_batch_download", args=[other_body.pk, 1])).status_code
        == 404
    )

    client.force_login(representative)
    assert client.get(url).status_code == 404
    assert client.get(download).status_code == 404

    client.force_login(official)
    page = client.get(url).content.decode()
    assert "utbetalningar-sie-0001.si" in page and "ny SIE-batch" not in page
    assert client.get(download).status_code == 200
    assert client.post(url).status_code == 403
    assert SieBatch.objects.count() == 1


def test_the_list_is_paginated_and_costs_the_same_with_3_and_30_batches(
    client, administrator, public_body, bris_scheduled
):
    payments = list(Payment.objects.order_by("pk"))

    def add(count):
        start = SieBatch.objects.count()
        for number in range(start + 1, start + count + 1):
            batch = SieBatch.objects.create(
                public_body=public_body,
                number=number,
                created_by=administrator,
                content=b"#FLAGGA 0\r\n",
                sha256="",
            )
            if number <= len(payments):
                SieBatchEntry.objects.create(batch=batch, payment=payments[number - 1])

    client.force_login(administrator)
    url = reverse("finance:sie_batches", args=[public_body.pk])
    add(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(27)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "utbetalningar-sie-0030.si" in page and "utbetalningar-sie-0005.si" not in page
    assert "Sida 1 av 2" in page
    second = client.get(url + "?page=2").content.decode()
    assert "utbetalningar-sie-0005.si" in second and "utbetalningar-sie-0006.si" not in second
