"""Issue 12, point 1: the demo's Bris was signed on paper before it was registered, and is
loaded that way: the paper record makes it signed, then it runs and its due payments are paid."""

from io import StringIO

import pytest
from django.core.management import call_command

from finance.constants import PaymentStatus
from partnerships.constants import Status
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_bris_is_loaded_as_an_agreement_signed_on_paper(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", stdout=StringIO())
    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    assert bris.status == Status.ACTIVE
    version = bris.agreement_versions.get()
    assert version.signed_on_paper and version.frozen_at
    assert version.signatures.count() == bris.parties.count()
    assert version.signed_copies.count() == 1
    steps = list(bris.status_changes.values_list("to_status", flat=True))
    assert steps[-2:] == [Status.SIGNED, Status.ACTIVE]
    signed_on = min(s.signed_on for s in version.signatures.all())
    paid = bris.payments.filter(status=PaymentStatus.PAID)
    assert paid.exists()
    assert all(payment.paid_on >= signed_on for payment in paid)
