"""The annual account and the minutes as the archive package prints them (issue 13, point
3): a value that was not given is never printed as an empty field or a dash. A fact row is
left out; a section without text is left out and named under "Uppgifter som saknas"; a table
cell says in words what it lacks."""

import datetime
import re
from decimal import Decimal

import pytest

from finance.models import BudgetPeriod
from portal.models import AccountLine, AnnualAccount
from reporting.portal_adapter import accounts_for_archive
from reporting.selectors import agreement_snapshot
from reporting.services.documents import account_document, minutes_document

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

# A dash standing for a value: after a label, or alone in a cell.
EMPTY_FIELD = re.compile(r"(Inlämnad|Ordförande|pengar|Förklaring|kr|redovisat)\s*–\s*(\s|$)")


def _account(eu, **fields):
    party = eu.parties.get(organisation__name="Convictus")
    account = AnnualAccount.objects.create(
        party=party, period=BudgetPeriod.objects.get(partnership=eu), status="submitted", **fields
    )
    AccountLine.objects.create(
        account=account, category="Personal", budget_amount=Decimal(500000), actual=None
    )
    AccountLine.objects.create(
        account=account,
        category="Lokal",
        budget_amount=Decimal(50000),
        actual=Decimal(62000),
        explanation="Hyran höjdes i mars.",
    )
    (row,) = accounts_for_archive(eu)
    return pdf_text(account_document(row, snapshot=agreement_snapshot(eu)))


def test_an_account_leaves_out_what_was_not_given_and_lists_it(eu):
    text = _account(eu)
    assert not EMPTY_FIELD.search(text), text
    # Not submitted through the portal (no date): the status, and no "Inlämnad" row.
    assert "Status Inlämnad Kostnader mot budget" in text
    # No contribution in kind: no row for it.
    assert "Egenfinansiering i annat än pengar" not in text
    # A line without an actual cost says so; an explanation stands under its budget line.
    assert "Personal 500 000 kr ej redovisat" in text
    assert "Lokal Förklaring: Hyran höjdes i mars. 50 000 kr 62 000 kr" in text
    # No narrative: its section is left out and named on the list of what is missing.
    assert (
        "Uppgifter som saknas Detta har inte antecknats i registret: Hur resurserna har använts"
        in (text)
    )
    assert text.count("Hur resurserna har använts") == 1


def test_a_complete_account_has_no_list_of_what_is_missing(eu):
    text = _account(
        eu,
        narrative="Pengarna gick till personal och lokal.",
        own_in_kind="Volontärer",
        own_in_kind_value=Decimal("40000"),
    )
    assert "Uppgifter som saknas" not in text
    assert "Hur resurserna har använts Pengarna gick till personal och lokal." in text
    assert "Egenfinansiering i annat än pengar Volontärer (värderat till 40 000 kr)" in text


def _minutes(eu, **fields):
    meeting = {
        "group": "Styrgrupp",
        "date": datetime.date(2017, 8, 1).isoformat(),
        "chair": "",
        "attendees": ["Anna Andersson"],
        "agenda": "",
        "minutes": "",
        "minutes_file_name": "",
        "decisions": [],
        **fields,
    }
    return pdf_text(minutes_document(meeting, snapshot=agreement_snapshot(eu)))


def test_minutes_leave_out_what_was_not_recorded_and_list_it(eu):
    text = _minutes(eu, minutes="Gruppen gick igenom halvårsrapporten.")
    assert not EMPTY_FIELD.search(text), text
    assert "Ordförande" not in text  # no chair drawn: no row
    assert text.count("Dagordning") == 1  # only on the list of what is missing
    assert "Detta har inte antecknats i registret: Dagordning" in text
    assert "Protokoll Gruppen gick igenom halvårsrapporten." in text
    assert "Protokollets text" not in text


def test_minutes_kept_as_a_scan_do_not_miss_their_text(eu):
    text = _minutes(
        eu, chair="Convictus", agenda="Uppföljning", minutes_file_name="protokoll-2017-08-01.pdf"
    )
    assert "Ordförande Convictus" in text
    assert "Dagordning Uppföljning" in text
    assert "Uppgifter som saknas" not in text
    assert "Det inskannade protokollet (protokoll-2017-08-01.pdf) finns i registret." in text
    empty = _minutes(eu, agenda="Uppföljning")
    assert "Detta har inte antecknats i registret: Protokollets text (och inget inskannat" in empty
