"""SIE exports as numbered batches: each export takes the body's approved payments that are in
no batch yet, stores the file it hands out and records which payments it holds, so no payment is
booked into the ledger twice and a batch downloaded again is the same file."""

import hashlib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from finance.constants import PaymentStatus
from finance.models import Payment, SieBatch, SieBatchEntry
from finance.permissions import can_create_sie_batch
from finance.sie import sie_vouchers
from organisations.models import Organisation


@transaction.atomic
def sie_batch_create(*, body: Organisation, user) -> SieBatch:
    """The next batch of `body`: every approved payment of its partnerships not yet exported.

    The body's row is locked first, so two exports at once run one after the other: the
    second sees the first's payments as exported (and the one-batch-per-payment constraint
    would refuse them if it did not)."""
    if not can_create_sie_batch(user, body):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Only an administrator of the public body can export payments.")}
        )
    body = Organisation.objects.select_for_update().get(pk=body.pk)
    payments = list(
        Payment.objects.select_for_update(of=("self",))
        .filter(
            partnership__public_body=body,
            status=PaymentStatus.APPROVED,
            sie_entry__isnull=True,
        )
        .for_list()
        .select_related("partnership__public_body")
        .order_by("due_date", "pk")
    )
    if not payments:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "There are no approved payments that have not already been exported."
                )
            }
        )
    last = SieBatch.objects.filter(public_body=body).aggregate(last=Max("number"))["last"]
    number = (last or 0) + 1
    content = sie_vouchers(payments=payments, user=user, batch_number=number)
    batch = SieBatch(
        public_body=body,
        number=number,
        created_by=user,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    batch.full_clean()
    batch.save()
    SieBatchEntry.objects.bulk_create(
        [SieBatchEntry(batch=batch, payment=payment) for payment in payments]
    )
    return batch
