"""The agreement's clauses come from the register and from the body's clause library, read
back from the PDF with pypdf: the demo's three seed partnerships, a partnership configured
differently, a clause edited after signing, text that looks like a template, and two bodies."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from bodies.models import BodySettings
from finance.models import FinanceTerms
from governance.constants import GroupKind, MemberRole
from governance.services import group_create, member_add
from partnerships.constants import Status
from partnerships.models import Partnership
from reporting.clauses import ClauseKey
from reporting.diff import readable_diff
from reporting.selectors import agreement_problems, agreement_snapshot
from reporting.services import agreements
from reporting.services.clauses import clause_text_save, partnership_clause_save
from reporting.services.documents import agreement_document
from tests.factories import AppendixFactory, OrganisationFactory, PartnershipFactory

from .conftest import add_budget, pdf_text, sign_all

pytestmark = pytest.mark.django_db


def _agreement_text(partnership) -> str:
    snapshot = agreement_snapshot(partnership)
    return pdf_text(
        agreement_document(
            snapshot, problems=agreement_problems(partnership, snapshot), with_appendices=False
        )
    )


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


FIXED_SEED_002 = [
    "träffas minst var tredje månad",
    "Det operativa arbetet samordnas i en samverkansgrupp",
]


def test_the_demo_partnerships_print_their_own_governance_and_termination():
    call_command("load_demo_data", verbosity=0)
    bris = _agreement_text(Partnership.objects.get(registry_number="DEMO-1/2016"))
    eu = _agreement_text(Partnership.objects.get(registry_number="156-139/2015"))
    minors = _agreement_text(Partnership.objects.get(registry_number="DEMO-2/2017"))
    for text in (bris, eu, minors):
        for fixed in FIXED_SEED_002:
            assert fixed not in text

    # Seed 001: one cooperation group, twice a year, no chair by lot, no steering group.
    governance = _section(bris, "7. Organisation och samverkan", "8. Ersättning")
    assert (
        "Samarbetet leds av en samverkansgrupp bestående av representanter för Bris – Barnens "
        "rätt i samhället och Socialförvaltningen, Stockholms stad." in governance
    )
    assert "Samverkansgruppen träffas två gånger per år" in governance
    assert "Styrgrupp" not in governance and "lottas ut" not in governance
    assert "skriftlig rapport" not in governance
    # Seed 001 §3.2: the fee per child from another municipality, reinvested.
    assert "om 5 000 kr per deltagande barn" in governance
    assert "ska redovisas och återinvesteras i partnerskapet" in governance
    # Seed 001 §4.5: refund less the work done; an unresolved dispute ends it.
    termination = _section(bris, "12. Omförhandling", "13. Ändringar")
    assert (
        "Ersättning som Socialförvaltningen, Stockholms stad har betalat ut till Bris – Barnens "
        "rätt i samhället ska återbetalas om partnerskapet sägs upp, avräkning görs för de "
        "insatser som har genomförts." in termination
    )
    assert "Vid tvist som inte går att lösa mellan parterna upphör partnerskapet automatiskt" in (
        termination
    )
    assert "uppsägningstid" not in termination and "styrgrupp" not in termination.lower()
    follow_up = _section(bris, "9. Uppföljning", "10. Period")
    assert "redovisas till samverkansgruppen" in follow_up
    assert "senast 30 dagar innan nytt avtalsår" in follow_up
    assert "två likalydande exemplar" in bris

    # Seed 002: steering group every three months, cooperation group monthly, chairs by lot
    # for three months, the half-year report, §1.9 on spreading information, three months'
    # notice, disputes in the steering group.
    governance = _section(eu, "7. Organisation och samverkan", "8. Ersättning")
    assert "Styrgruppen utgörs av representanter för Convictus, Filadelfiaförsamlingen" in (
        governance
    )
    assert "Styrgruppen träffas var tredje månad" in governance
    assert "Samverkansgruppen träffas minst en gång i månaden" in governance
    assert governance.count("lottas ut och sitter i en period om tre månader") == 2
    assert "lämnar en skriftlig rapport till styrgruppen ett halvår in på varje avtalsår" in (
        governance
    )
    assert "Fördelning av ekonomiska medel beslutas av Socialnämnden" in governance
    assert "Frågor om antal personer i målgruppen som för tillfället vistas i staden" in governance
    assert "Deltagare från andra kommuner" not in governance
    termination = _section(eu, "12. Omförhandling", "13. Ändringar")
    assert "uppsägningstid på tre månader" in termination
    assert "lösas genom dialog i styrgruppen" in termination
    assert "upphör partnerskapet automatiskt" not in termination
    assert "återbetalas" not in termination
    assert "sex likalydande exemplar" in eu

    # Seed 004: a steering group only; the extension rule.
    governance = _section(minors, "7. Organisation och samverkan", "8. Ersättning")
    assert "Styrgruppen träffas var tredje månad" in governance
    assert "Samverkansgrupp" not in governance
    assert "kan förlängas med ett år i taget, dock längst till den" in minors
    assert "fem likalydande exemplar" in minors


@pytest.fixture
def culture(other_body, other_administrator):
    """Another body (Uppsala), another deciding body, one organisation, a steering group that
    meets twice a year with six-month chairs, refund on termination."""
    BodySettings.objects.create(body=other_body, deciding_body="Kulturnämnden")
    organisation = OrganisationFactory(name="Studieförbundet Vuxenskolan")
    partnership = PartnershipFactory(
        public_body=other_body,
        organisations=[organisation],
        title="Läxhjälp i bibliotek",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
        status=Status.DECIDED,
        decided_on=datetime.date(2024, 12, 1),
    )
    party = partnership.parties.get(organisation=organisation)
    appendix = AppendixFactory(party=party, number="2.1")
    add_budget(
        partnership,
        appendix,
        [((datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)), [("Personal", Decimal(1))])],
    )
    FinanceTerms.objects.filter(partnership=partnership).update(
        refund_on_termination=True, notice_months=1
    )
    group = group_create(
        partnership=partnership,
        kind=GroupKind.STEERING,
        meeting_interval_days=182,
        chair_term_months=6,
    )
    member_add(
        group=group,
        organisation=organisation,
        name="Verksamhetschef",
        role=MemberRole.REPRESENTATIVE,
        joined_on=partnership.start_date,
    )
    return partnership


def test_a_partnership_configured_otherwise_prints_its_own_clauses(culture):
    text = _agreement_text(culture)
    governance = _section(text, "7. Organisation och samverkan", "8. Ersättning")
    assert "Styrgruppen utgörs av representanter för Studieförbundet Vuxenskolan." in governance
    assert "Styrgruppen träffas två gånger per år eller vid förekommen anledning." in governance
    assert "var tredje månad" not in text
    assert "lottas ut och sitter i en period om sex månader" in governance
    assert "Fördelning av ekonomiska medel beslutas av Kulturnämnden" in governance
    assert "Socialnämnden" not in text
    assert "Samverkansgrupp" not in governance
    termination = _section(text, "12. Omförhandling", "13. Ändringar")
    assert "ska återbetalas om partnerskapet sägs upp, avräkning görs" in termination
    assert "uppsägningstid" not in termination
    assert "lösas genom dialog i styrgruppen." in termination
    assert "upphör partnerskapet automatiskt" not in termination
    # No steering group to report to, no other income recorded.
    assert "skriftlig rapport" not in governance
    assert "Deltagare från andra kommuner" not in governance
    follow_up = _section(text, "9. Uppföljning", "10. Period")
    assert "redovisas till styrgruppen" in follow_up


def test_a_body_s_clause_text_prints_and_another_body_keeps_the_installation_s(
    culture, eu, administrator, other_administrator
):
    clause_text_save(
        body=eu.public_body,
        key=ClauseKey.COPYRIGHT,
        text="Materialet tillhör {public_party}.",
        user=administrator,
    )
    assert "Materialet tillhör Socialförvaltningen, Stockholms stad." in _agreement_text(eu)
    other = _agreement_text(culture)
    assert "Materialet tillhör" not in other
    assert "Metoder och material som tas fram inom partnerskapet får fritt nyttjas" in other
    # Nor may one body's administrator write the other's library.
    with pytest.raises(ValidationError):
        clause_text_save(
            body=eu.public_body, key=ClauseKey.COPYRIGHT, text="Nej.", user=other_administrator
        )


def test_template_syntax_and_html_in_a_clause_print_as_written(eu, administrator):
    written = "{{ s.title }} {% now 'Y' %} <b>fet</b> &amp; {{fee}} {public_party}"
    clause_text_save(body=eu.public_body, key=ClauseKey.COPYRIGHT, text=written, user=administrator)
    text = _agreement_text(eu)
    assert (
        "{{ s.title }} {% now 'Y' %} <b>fet</b> &amp; {{fee}} Socialförvaltningen, Stockholms "
        "stad" in text
    )


def test_an_unknown_placeholder_is_refused_and_nothing_is_saved(eu, administrator):
    with pytest.raises(ValidationError) as exc:
        clause_text_save(
            body=eu.public_body, key=ClauseKey.COPYRIGHT, text="Till {kommun}.", user=administrator
        )
    assert "{kommun}" in exc.value.message_dict["text"][0]
    assert not eu.public_body.clause_texts.exists()


def test_a_clause_edited_after_signing_changes_no_signed_version(eu, official, administrator):
    version = sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    assert version.frozen_at is not None
    before_pdf = version.pdf.read()
    before_sha, before_snapshot = version.pdf_sha256, dict(version.snapshot)
    clause_text_save(
        body=eu.public_body,
        key=ClauseKey.AMENDMENTS,
        text="Ändringar gäller när de har skickats med e-post.",
        user=administrator,
    )
    version.refresh_from_db()
    assert version.snapshot == before_snapshot and version.pdf_sha256 == before_sha
    assert version.pdf.read() == before_pdf
    # Rendered again from its snapshot, the signed version still prints what was signed.
    again = pdf_text(agreement_document(version.snapshot, version=version))
    assert "undertecknade av behörig firmatecknare från samtliga aktörer" in again
    assert "skickats med e-post" not in again
    # The agreement as the register reads now prints the new text.
    assert "skickats med e-post" in _agreement_text(eu)


def test_a_partnership_s_own_clause_is_listed_in_the_amendment_and_the_diff(
    eu, official, administrator
):
    version = sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    with pytest.raises(ValidationError):  # signed: only through an amendment
        partnership_clause_save(
            partnership=eu, key=ClauseKey.INFORMATION, text="Ny text.", user=administrator
        )
    amendment = agreements.amendment_start(partnership=eu, user=official)
    partnership_clause_save(
        partnership=eu,
        key=ClauseKey.INFORMATION,
        text="Frågor från medier besvaras av {public_party}.",
        user=administrator,
    )
    amendment = agreements.amendment_prepare(version=amendment, user=official)
    assert [c["kind"] for c in amendment.changes] == ["clause"]
    assert amendment.changes[0]["source"] == "partnership"
    text = pdf_text(amendment.pdf.read())
    assert (
        "Avsnittet ”Informationsspridning” ändras och lyder härefter: Frågor från medier "
        "besvaras av Socialförvaltningen, Stockholms stad." in text
    )
    diff = readable_diff(version.snapshot, amendment.snapshot)
    section = next(s for s in diff if s["section"] == "Organisation och samverkan")
    assert ("+", "Frågor från medier besvaras av Socialförvaltningen, Stockholms stad.") in (
        section["lines"]
    )
    # The signed original still prints the installation's text.
    assert "Frågor från medier" not in pdf_text(version.pdf.read())
