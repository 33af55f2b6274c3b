"""The benchmark runs end to end on generated data: every page it times answers 200."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo import benchmark

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


def test_the_profile_of_a_page_names_the_project_functions_and_the_database_time():
    call_command("generate_data", "--scale", "tiny", stdout=StringIO())
    page = benchmark.Page("dashboard", "/governance/dashboard/", "bench-admin", "dashboard")
    out = StringIO()
    benchmark.profile(page, out=out)
    text = out.getvalue()
    assert "ms waiting for" in text and "SQL queries" in text
    assert "governance/views/dashboard.py" in text and "governance/selectors.py" in text
    assert "middleware" not in text and ".venv" not in text
