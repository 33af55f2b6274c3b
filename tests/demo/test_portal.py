import io

import pytest
from django.core.management import call_command

from demo import portal as demo
from portal.constants import AccountStatus, ReportStatus
from portal.models import ActivityReport, AnnualAccount

pytestmark = pytest.mark.django_db


def test_demo_submits_bris_2017_and_is_idempotent():
    call_command("load_demo_data", "--as-in-seeds", stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    account = AnnualAccount.objects.get(
        period__start__year=2017, party__organisation__name__startswith="Bris"
    )
    assert account.status == AccountStatus.SUBMITTED
    assert account.lines.get(category="Material").is_flagged
    assert ActivityReport.objects.get().status == ReportStatus.SUBMITTED
    demo.load(stdout=io.StringIO())
    assert AnnualAccount.objects.count() == 1
    assert ActivityReport.objects.count() == 1


def test_demo_without_core_data_says_so():
    out = io.StringIO()
    demo.load(stdout=out)
    assert "skipped" in out.getvalue()
