"""The benchmark runs end to end on generated data: every page it times answers 200."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_benchmark_times_every_page_and_checks_the_targets():
    call_command("generate_data", "--scale", "tiny", stdout=StringIO())
    out = StringIO()
    call_command("benchmark", "--runs", "1", "--skip-load", stdout=out)
    text = out.getvalue()
    assert "all payments" in text and "÷admin" in text and "targets met" in text
    assert "answers 200" in text
    assert "MISSED all payments: answers 200" not in text
    assert not [line for line in text.splitlines() if "MISSED" in line and "answers 200" in line]
