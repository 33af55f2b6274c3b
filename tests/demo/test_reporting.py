"""The demo data command (helper C's load_demo_data) with this app's demo loader, and the
seed 002 agreement rendered from it."""

import pytest
from django.core.management import call_command

from partnerships.models import Partnership
from reporting.models import DecisionMemo
from reporting.selectors import agreement_problems, agreement_snapshot

pytestmark = pytest.mark.django_db


def test_demo_data_loads_memos_and_reports_bris_missing_number():
    call_command("load_demo_data", "--as-in-seeds", verbosity=0)
    call_command("load_demo_data", "--as-in-seeds", verbosity=0)  # idempotent
    assert DecisionMemo.objects.count() == 2
    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    messages = [p["message"] for p in agreement_problems(bris, agreement_snapshot(bris))]
    assert any("saknar organisationsnummer" in m for m in messages)
    eu = Partnership.objects.get(registry_number="156-139/2015")
    assert len(agreement_snapshot(eu)["parties"]) == 6
