"""An amendment reprints a whole section when its facts changed (issue 13.2): the groups'
cadence reprints "Organisation och samverkan", the finance terms reprint "Omförhandling,
uppsägning samt tvist"; a change of one clause's text alone lists only that clause."""

import pytest
from django.urls import reverse

from finance.services.terms import terms_update
from governance.constants import GroupKind
from governance.services import group_create, group_update
from reporting.services import agreements

from .conftest import login, pdf_text, sign_all

pytestmark = pytest.mark.django_db


def _changed(amendment) -> dict[str, dict]:
    return {c["section"]: c for c in amendment.changes if c["kind"] == "section"}


@pytest.fixture
def signed_with_group(eu, official):
    group = group_create(
        partnership=eu, kind=GroupKind.STEERING, meeting_interval_days=91, chair_term_months=3
    )
    version = sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    return eu, group, version


def test_a_group_s_cadence_reprints_the_cooperation_section(signed_with_group, official):
    eu, group, version = signed_with_group
    signed = pdf_text(version.pdf.read())
    assert "var tredje månad" in signed
    amendment = agreements.amendment_start(partnership=eu, user=official)
    group_update(group=group, meeting_interval_days=182, chair_term_months=6)
    amendment = agreements.amendment_prepare(version=amendment, user=official)

    changed = _changed(amendment)
    assert list(changed) == ["cooperation"]
    assert not [c for c in amendment.changes if c["kind"] == "clause"]
    section = changed["cooperation"]
    assert section["title"] == "Organisation och samverkan"
    assert any("två gånger per år" in line for line in section["text"])
    text = pdf_text(amendment.pdf.read())
    start = text.index("Avsnittet ”Organisation och samverkan” ändras och lyder härefter:")
    assert "två gånger per år" in text[start:]
    assert "var tredje månad" not in text[start:]
    assert "Omförhandling, uppsägning samt tvist" not in text  # the terms did not change
    # The signed original keeps its cadence.
    version.refresh_from_db()
    with version.pdf.open("rb") as stored:
        assert pdf_text(stored.read()) == signed


def test_the_finance_terms_reprint_the_termination_section(
    signed_with_group, official, client, other_official
):
    eu, _group, version = signed_with_group
    amendment = agreements.amendment_start(partnership=eu, user=official)
    terms_update(partnership=eu, notice_months=1, refund_on_termination=True)
    amendment = agreements.amendment_prepare(version=amendment, user=official)

    changed = _changed(amendment)
    assert list(changed) == ["termination"]
    assert changed["termination"]["title"] == "Omförhandling, uppsägning samt tvist"
    text = pdf_text(amendment.pdf.read())
    assert "Avsnittet ”Omförhandling, uppsägning samt tvist” ändras och lyder härefter:" in text
    assert "Organisation och samverkan" not in text
    # Another body's staff cannot read the amendment.
    login(client, other_official)
    url = reverse("reporting:version_pdf", args=[eu.pk, amendment.number])
    assert client.get(url).status_code == 404
    login(client, official)
    assert client.get(url).status_code == 200
