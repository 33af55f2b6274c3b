"""The agreement and memo PDFs of the three seeded partnerships, read back with pypdf."""

import re

import pytest

from organisations.models import Organisation
from reporting.pdf import ExternalResourceRefused, _fetcher_class, render_to_pdf
from reporting.selectors import agreement_snapshot
from reporting.services.documents import agreement_document, appendix_document, memo_document
from reporting.services.memos import memo_create, memo_prefill

from .conftest import EU_ORGANISATIONS, MINORS_ORGANISATIONS, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db


def _give_bris_a_number(bris_org):
    # The seeds do not give Bris's number; a test-only valid number lets the PDF render.
    Organisation.objects.filter(pk=bris_org.pk).update(org_number="8020000016")


def _formatted(number: str) -> str:
    return f"{number[:6]}-{number[6:]}"


def test_bris_agreement_prints_budget_lines_and_sum(bris, bris_org):
    _give_bris_a_number(bris_org)
    text = pdf_text(agreement_document(agreement_snapshot(bris)))
    for label, amount in [
        ("Personal", "678 833 kr"),
        ("Material", "8 000 kr"),
        ("Mat och dryck", "15 000 kr"),
        ("Resekostnader", "10 000 kr"),
    ]:
        assert re.search(rf"{label}\s+{amount}", text), label
    assert "711 833 kr" in text
    assert "två likalydande exemplar" in text
    assert "Bris (Barnens rätt i samhället)" in text
    assert "802000-0016" in text
    assert "Ersättningen utbetalas kvartalsvis i förskott" in text
    assert "1 januari 2017 till och med den 31 december 2018" in text


def test_eu_agreement_has_every_party_six_copies_and_six_signature_blocks(eu, public_body):
    content = agreement_document(agreement_snapshot(eu))
    text = pdf_text(content)
    for name, number in EU_ORGANISATIONS:
        assert name in text
        assert _formatted(number) in text
    assert public_body.name in text
    assert "sex likalydande exemplar" in text
    for name, _number in EU_ORGANISATIONS:
        assert f"För {name}" in text
    # The public party signs for the board of the body's settings, as in seed 002.
    assert "För socialnämnden" in text and f"För {public_body.name}" not in text
    assert text.count("Namnförtydligande") == 6
    assert text.count("Ort och datum") == 6
    assert "Gillis Hammar" in text  # authorised signatory from the register
    for heading in [
        "1. Bakgrund",
        "2. Syfte, mål och målgrupp",
        "3. Värdegrund",
        "4. Partnerskapets aktörer",
        "5. Partnerskapets form och utgångspunkt",
        "6. Parternas resurser och åtaganden",
        "7. Organisation och samverkan",
        "8. Ersättning",
        "9. Uppföljning",
        "10. Period för partnerskapet",
        "11. Upphovsrätt",
        "12. Omförhandling, uppsägning samt tvist",
        "13. Ändringar och tillägg",
        "14. Underskrift",
    ]:
        assert heading in text
    assert "uppsägningstid på tre månader" in text
    pages = len(pdf_reader(content).pages)
    assert f"Sida 1 ({pages})" in text
    assert f"Sida {pages} ({pages})" in text
    assert "Bilaga 2.2" in text  # the appendices are part of the same PDF


def test_minors_agreement_prints_extension_rule_and_four_organisations(minors):
    text = pdf_text(agreement_document(agreement_snapshot(minors)))
    for name, number in MINORS_ORGANISATIONS:
        assert name in text and _formatted(number) in text
    assert "fem likalydande exemplar" in text
    assert "kan förlängas med ett år i taget, dock längst till den 31 augusti 2021" in text
    assert "1 540 640 kr" in text  # first short period, four times 385 160
    assert "5 888 920 kr" in text  # then per year


def test_agreement_is_pdf_a_2a_with_metadata(eu, public_body):
    reader = pdf_reader(agreement_document(agreement_snapshot(eu)))
    xmp = reader.xmp_metadata
    raw = xmp.stream.get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")2", raw)
    # Level A (accessible, tagged) since issue 13; it was B (basic) before.
    assert re.search(r"pdfaid:conformance(>|=\")A", raw)
    info = reader.metadata
    assert (
        info.title == "Idéburet offentligt partnerskap – Humanitärt stöd för utsatta EU-medborgare"
    )
    assert info.author == public_body.name
    assert reader.trailer["/Root"].get("/Lang") == "sv"
    # Fonts are embedded.
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


def test_appendix_exports_alone(eu):
    snapshot = agreement_snapshot(eu)
    party = next(p for p in snapshot["parties"] if p["name"] == "Convictus")
    text = pdf_text(appendix_document(snapshot, party_id=party["party_id"]))
    assert "Bilaga 2.2" in text and "Convictus" in text and "802012-1581" in text


def test_memo_pdf_has_the_seed_structure(minors, administrator):
    fields = memo_prefill(partnership=minors, user=administrator)
    fields.update(
        case_officer_name="Christina Grönberg",
        case_officer_phone="08-508 25 904",
        official_1_name="Veronica Wolgast Karlberg",
        official_2_name="Peter Svensson",
        gender_analysis="Andelen flickor har ökat.",
    )
    memo = memo_create(partnership=minors, **fields)
    text = pdf_text(memo_document(memo, facts=agreement_snapshot(minors)))
    for heading in [
        "Handläggare",
        "Christina Grönberg",
        "Socialnämnden",
        "Dnr",
        "3.1-456/2017",
        "Förvaltningens förslag till beslut",
        "Sammanfattning",
        "Bakgrund",
        "Ärendets beredning",
        "Ärendet",
        "Jämställdhetsanalys",
        "Förvaltningens synpunkter och förslag",
        "Bilagor",
        "Veronica Wolgast Karlberg",
        "Peter Svensson",
    ]:
        assert heading in text, heading
    # Prefilled from the partnership: parties with numbers, period with extension, money.
    assert "Barnrättsbyrån organisationsnummer 802490-6771" in text
    assert "dock längst till den 31 augusti 2021" in text
    assert "1 540 640 kr" in text
    assert "1. Idéburet offentligt partnerskap – Verksamhet för ensamkommande barn och unga" in text
    assert "2.2 Avtal Barnrättsbyrån" in text


def test_no_external_resources_are_fetched():
    fetcher = _fetcher_class()()
    with pytest.raises(ExternalResourceRefused):
        fetcher.fetch("https://example.org/font.woff")
    with pytest.raises(ExternalResourceRefused):
        fetcher.fetch("file:///etc/passwd")


def test_render_to_pdf_is_reproducible_for_a_fixed_date(eu):
    import datetime

    from django.utils import timezone

    when = timezone.make_aware(datetime.datetime(2017, 5, 2, 10, 0))
    context = {"memo": None}
    first = render_to_pdf("reporting/pdf/base.html", context, title="T", author="A", created=when)
    second = render_to_pdf("reporting/pdf/base.html", context, title="T", author="A", created=when)
    assert first == second


def test_may_is_maj_in_the_documents(eu):
    """Django's month name "May" is a msgid of its own: no app may translate it as the verb
    (the API token page's "Får" did, and every 1 May printed as "1 Får")."""
    text = pdf_text(agreement_document(agreement_snapshot(eu)))
    assert "1 maj 2017" in text
    assert "Får 2017" not in text
