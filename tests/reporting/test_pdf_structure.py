"""Every kind of PDF is tagged PDF/A-2a: a structure tree with headings, lists and tables,
MarkInfo, /Lang sv, alternative text for the logo, PDF/A identification in the XMP metadata
and every font embedded (issue 13, point 8)."""

import datetime

import pytest
from django.db.models import F

from partnerships.models import Partnership
from reporting.selectors import agreement_snapshot, yearly_summary
from reporting.services import agreements
from reporting.services.documents import (
    account_document,
    agreement_document,
    appendix_document,
    memo_document,
    minutes_document,
    summary_document,
)
from reporting.services.memos import memo_create, memo_prefill

from .conftest import sign_all
from .pdfcheck import structure_of

pytestmark = pytest.mark.django_db


def _assert_archival_and_tagged(content: bytes, *, tables=True, lists=True):
    structure = structure_of(content)
    assert structure.pdfa == ("2", "A")
    assert structure.marked
    assert structure.lang == "sv"
    assert structure.tags["/H1"] >= 1
    assert structure.tags["/H2"] >= 1
    if tables:
        assert structure.tags["/Table"] >= 1 and structure.tags["/TH"] >= 1
    if lists:
        assert structure.tags["/L"] >= 1 and structure.tags["/LI"] >= 1
    assert structure.figure_alts, "the logo is a tagged figure"
    assert all(alt.startswith("Logotyp för ") for alt in structure.figure_alts)
    assert structure.fonts and all(structure.fonts.values()), structure.fonts
    return structure


def test_agreement_is_tagged_pdf_a_2a(eu):
    _assert_archival_and_tagged(agreement_document(agreement_snapshot(eu)))


def test_appendix_is_tagged_pdf_a_2a(eu):
    snapshot = agreement_snapshot(eu)
    party = next(p for p in snapshot["parties"] if p["name"] == "Convictus")
    _assert_archival_and_tagged(
        appendix_document(snapshot, party_id=party["party_id"]), lists=False
    )


def test_amendment_is_tagged_pdf_a_2a(eu, official):
    sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    amendment = agreements.amendment_start(partnership=eu, user=official)
    Partnership.objects.filter(pk=eu.pk).update(
        end_date=F("end_date") + datetime.timedelta(days=365)
    )
    amendment = agreements.amendment_prepare(version=amendment, user=official)
    _assert_archival_and_tagged(amendment.pdf.read(), tables=False)


def test_memo_is_tagged_pdf_a_2a(minors, administrator):
    fields = memo_prefill(partnership=minors, user=administrator)
    fields.update(official_1_name="Veronica Wolgast Karlberg")
    memo = memo_create(partnership=minors, **fields)
    # The parties' resources are tables (issue 13, point 3).
    _assert_archival_and_tagged(memo_document(memo, facts=agreement_snapshot(minors)))


def test_yearly_summary_is_tagged_pdf_a_2a(eu):
    _assert_archival_and_tagged(summary_document(yearly_summary(eu)))


def test_annual_account_is_tagged_pdf_a_2a(eu):
    account = {
        "period": "2017/2018",
        "organisation": "Convictus",
        "org_number": "802012-1581",
        "start": "2017-05-01",
        "end": "2018-04-30",
        "status": "Inlämnad",
        "submitted_on": "2018-04-15",
        "submitted_by": "Anna Kassör",
        "lines": [
            {
                "category": "Personal",
                "budget": "500000.00",
                "actual": "480000.00",
                "explanation": "",
            }
        ],
        "other_income": "0.00",
        "other_income_note": "",
        "own_money": "100000.00",
        "own_in_kind": "Volontärer",
        "own_in_kind_value": None,
        "unspent": "20000.00",
        "narrative": "Basbehov och rådgivning.",
    }
    _assert_archival_and_tagged(
        account_document(account, snapshot=agreement_snapshot(eu)), lists=False
    )


def test_minutes_are_tagged_pdf_a_2a(eu):
    meeting = {
        "group": "Styrgrupp",
        "date": "2017-08-01",
        "chair": "Convictus",
        "attendees": ["Anna Andersson", "Bo Berg"],
        "agenda": "Uppföljning",
        "minutes": "Gruppen gick igenom halvårsrapporten.",
        "decisions": [],
        "minutes_file_name": "",
    }
    _assert_archival_and_tagged(
        minutes_document(meeting, snapshot=agreement_snapshot(eu)), tables=False
    )
