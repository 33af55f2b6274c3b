"""The memo and the agreement as a board member reads them (issue 13, points 3–5): the demo
partnerships loaded with load_demo_data, read back with pypdf; and a second body whose board
is another."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from bodies.models import BodySettings
from organisations.constants import Role
from partnerships.models import Partnership
from reporting.models import DecisionMemo
from reporting.selectors import agreement_problems, agreement_snapshot, memo_problems
from reporting.services import agreements, memos
from reporting.services.documents import agreement_document, memo_document
from reporting.text import in_running_text
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

from .conftest import login, pdf_text, sign_all

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# What an internal note or an empty field leaves in a text.
ARTEFACTS = ("underlaget", "(saknas)", ": ,", " , ", "anges inte", "None")


def _memo_text(partnership) -> tuple[str, DecisionMemo]:
    memo = DecisionMemo.objects.get(partnership=partnership)
    facts = agreement_snapshot(partnership)
    return pdf_text(
        memo_document(memo, facts=facts, problems=memo_problems(memo, partnership, facts))
    ), memo


def _agreement_text(partnership) -> str:
    snapshot = agreement_snapshot(partnership)
    return pdf_text(
        agreement_document(snapshot, problems=agreement_problems(partnership, snapshot))
    )


def _in_order(text: str, parts: list[str]) -> None:
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions), parts


def test_the_demo_documents_read_as_the_seeds_do():
    call_command("load_demo_data", "--as-in-seeds", verbosity=0)
    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    eu = Partnership.objects.get(registry_number="156-139/2015")
    minors = Partnership.objects.get(registry_number="DEMO-2/2017")

    # --- The minors' memo (seed 004) -----------------------------------------------------
    text, memo = _memo_text(minors)
    for artefact in ARTEFACTS:
        assert artefact not in text, artefact
    _in_order(
        text,
        [
            "Förvaltningens förslag till beslut",
            "Sammanfattning",
            "Bakgrund",
            "Ärendets beredning",
            "Ärendet",
            "Jämställdhetsanalys",
            "De idéburna organisationernas insatta resurser",
            "Förvaltningens synpunkter och förslag",
            "Bilagor",
        ],
    )
    # The proposed decision as numbered points, with seed 004's two optional points.
    _in_order(
        text,
        [
            "1. Socialnämnden godkänner partnerskapet.",
            "2. Socialnämnden ger förvaltningschefen i uppdrag att teckna idéburet offentligt "
            "partnerskap med Barnrättsbyrån, Rädda Barnen, Stockholms stadsmission och Svenska "
            "Röda Korset om verksamhet för ensamkommande barn",
            "3. Socialnämnden ger förvaltningschefen i uppdrag att godkänna nya organisationer "
            "som ansluter sig till partnerskapet, inom ramen för partnerskapets budget.",
            "4. Paragrafen justeras omedelbart.",
            "Förvaltningen föreslår att socialnämnden beslutar att: 1. Socialnämnden godkänner",
        ],
    )
    # The adjustment is the decision's own point, not repeated in the proposal's reasons.
    assert text.count("Paragrafen justeras omedelbart.") == 1
    # Names keep their case inside a sentence; only the common noun's first letter changes.
    assert "livssituation i Stockholms stad" in text and "stockholms stad" not in text
    # "Ärendets beredning" from the register: who prepared it with whom, the criteria met.
    assert "Ärendet har beretts vid Socialförvaltningen, Stockholms stad av handläggaren" in text
    assert "Samtliga sex kriterier är uppfyllda" in text
    # Resources as tables, the periods in words; the only ISO date is the header's.
    assert "Barnrättsbyrån Egenfinansiering 1 september – 31 december 2017 250 000 kr" in text
    assert "Ekonomiska medel år 2018 5 888 920 kr" in text
    assert ISO_DATE.findall(text) == [memo.memo_date.isoformat()]
    # The appendices in their numbers' order, the public party's last (seed 004).
    _in_order(
        text,
        [
            "1. Idéburet offentligt partnerskap – Verksamhet för ensamkommande",
            "2. Bilagor till partnerskapet:",
            "2.1 Avtal Barnrättsbyrån",
            "2.2 Avtal Rädda Barnen",
            "2.3 Avtal Stockholms Stadsmission",
            "2.4 Avtal Svenska Röda Korset",
            "2.5 Socialnämndens verksamheter",
        ],
    )

    # --- The Bris memo (seed 000) ----------------------------------------------------------
    text, _memo = _memo_text(bris)
    for artefact in ARTEFACTS:
        assert artefact not in text, artefact
    public_table = text.index("Förvaltningens insatta resurser")
    organisations_table = text.index("De idéburna organisationernas insatta resurser")
    proposal = text.index("Förvaltningens synpunkter och förslag")
    assert public_table < organisations_table < proposal
    # Socialförvaltningen's own resources are its own, not among the organisations'.
    assert "Lokaler, arbetsledning och samordning" in text[public_table:organisations_table]
    assert "Socialförvaltningen" not in text[organisations_table:proposal]
    assert "Lokaler, arbetsledning och samordning" not in text[organisations_table:proposal]
    # Seed 000 has no gender-equality analysis: it is on the list of what is missing, and not
    # printed as an empty section.
    assert "Avsnittet ”Jämställdhetsanalys” i tjänsteutlåtandet är tomt." in text
    assert text.count("Jämställdhetsanalys") == 1

    # --- The EU agreement (seed 002) and a memo for it -------------------------------------
    text = _agreement_text(eu)
    for artefact in ARTEFACTS:
        assert artefact not in text, artefact
    assert "från den 1 maj 2017 till och med den 30 april 2019" in text
    assert "För socialnämnden" in text
    # Nobody has signed: the year is the signer's to write, never the period's start year.
    assert text.count("den ____________ 20__") == 6
    assert not re.search(r"den _+ ?/? ?_* ?20\d\d", text)
    # Each appendix once under its number, the public party's last.
    _in_order(text, [f"Bilaga 2.{n}" for n in range(1, 7)])
    assert "Bilaga 2.6 Socialförvaltningens åtaganden" in text

    fields = memos.memo_prefill(partnership=eu)
    fields.update(case_officer_name="Christina Grönberg", official_1_name="Gillis Hammar")
    memos.memo_create(partnership=eu, **fields)
    text, _memo = _memo_text(eu)
    assert "om humanitärt stöd för utsatta EU-medborgare samt besluta" in text
    assert "eu-medborgare" not in text

    # --- The minors' agreement (seed 004): co-financing as a table, no empty fields ---------
    text = _agreement_text(minors)
    for artefact in ARTEFACTS:
        assert artefact not in text, artefact
    assert "De idéburna organisationernas egenfinansiering" in text
    assert "Barnrättsbyrån 1 september – 31 december 2017 Egenfinansiering 250 000 kr" in text


def test_a_recorded_signing_date_is_printed_and_the_board_signs(eu, official):
    version = sign_all(
        agreements.agreement_version_create(partnership=eu, user=official),
        official,
        on=datetime.date(2017, 5, 2),
    )
    text = pdf_text(agreement_document(version.snapshot, version=version))
    assert text.count("den 2 maj 2017") == 6
    assert "20__" not in text
    assert "För socialnämnden" in text


def test_another_body_prints_its_own_board(
    client, official, public_body, other_body, other_official
):
    """Uppsala's board is Kommunstyrelsen: its memo goes there and its agreement signs for
    it; Stockholm's documents never say so, and Stockholm's staff cannot read Uppsala's."""
    BodySettings.objects.create(
        body=other_body, deciding_body="Kommunstyrelsen", head_title="Kommundirektör"
    )
    organisation = OrganisationFactory(name="Uppsala Stadsmission", city="Uppsala")
    uppsala = PartnershipFactory(
        public_body=other_body, organisations=[organisation], title="Stöd i Uppsala"
    )
    fields = memos.memo_prefill(partnership=uppsala, user=other_official)
    fields.update(official_1_name="Joachim Danielsson", admits_new_organisations=True)
    memo = memos.memo_create(partnership=uppsala, **fields)
    assert memo.board == "Kommunstyrelsen"
    text = pdf_text(memo_document(memo, facts=agreement_snapshot(uppsala)))
    assert "Till Kommunstyrelsen" in text
    assert "1. Kommunstyrelsen godkänner partnerskapet." in text
    assert "om stöd i Uppsala samt besluta" in text
    assert (
        "3. Kommunstyrelsen ger kommundirektören i uppdrag att godkänna nya organisationer" in text
    )
    assert "Förvaltningen föreslår att kommunstyrelsen beslutar att:" in text
    assert "Paragrafen justeras omedelbart" not in text  # not chosen
    assert "nämnden" not in text
    agreement = _agreement_text(uppsala)
    assert "För kommunstyrelsen" in agreement and "nämnden" not in agreement
    login(client, official)
    assert client.get(reverse("reporting:memo_pdf", args=[uppsala.pk])).status_code == 404
    assert client.get(reverse("reporting:memo", args=[uppsala.pk])).status_code == 404


def test_the_memo_form_offers_the_optional_points_and_not_the_board(client, administrator, minors):
    login(client, administrator)
    page = client.get(reverse("reporting:memo", args=[minors.pk])).content.decode()
    assert 'name="admits_new_organisations"' in page and 'name="adjust_immediately"' in page
    assert 'name="board"' not in page
    assert "Socialnämnden" in page  # named from the body's settings


@pytest.fixture
def official_of(db):
    def make(body):
        return MembershipFactory(organisation=body, role=Role.OFFICIAL).user

    return make


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Humanitärt stöd för utsatta EU-medborgare", "humanitärt stöd för utsatta EU-medborgare"),
        ("Socialnämnden", "socialnämnden"),
        ("EU-medborgares rätt", "EU-medborgares rätt"),
        ("IOP i Malmö", "IOP i Malmö"),
        ("Stockholms stads stödgrupper", "Stockholms stads stödgrupper"),
        ("Bris stödgrupper", "Bris stödgrupper"),
        ("Att förbättra livet i Stockholms stad.", "att förbättra livet i Stockholms stad."),
    ],
)
def test_only_a_common_nouns_first_letter_changes_in_running_text(phrase, expected):
    assert in_running_text(phrase, names=["Stockholm", "Bris"]) == expected


@pytest.mark.parametrize(
    ("board", "expected"),
    [
        # A name of several capitalised words, unknown to the register, stays as written.
        ("Göteborgs Stads kulturnämnd", "Göteborgs Stads kulturnämnd"),
        ("Region Skånes kulturnämnd", "Region Skånes kulturnämnd"),
        ("Västra Götalandsregionens kulturnämnd", "Västra Götalandsregionens kulturnämnd"),
        # A board's common noun is small in a sentence, also before a name of its own.
        ("Kommunfullmäktige", "kommunfullmäktige"),
        ("Stadsdelsnämnden Västra Hisingen", "stadsdelsnämnden Västra Hisingen"),
        (
            "Nämnden för arbetsmarknad och vuxenutbildning",
            "nämnden för arbetsmarknad och vuxenutbildning",
        ),
        ("Stöd i Uppsala", "stöd i Uppsala"),
        ("Stöd för EU-medborgare", "stöd för EU-medborgare"),
    ],
)
def test_a_board_named_by_a_name_the_register_does_not_know_keeps_it(board, expected):
    assert in_running_text(board) == expected


def test_boards_of_other_bodies_keep_their_names_in_the_documents(client, official, official_of):
    """Two more bodies, each with a board whose name begins with a proper noun: Malmö's
    with its city (known from the body), Göteborg's with a name the register does not know.
    Both print it as written where the memo and the agreement name the board in a sentence,
    and Stockholm's staff read neither."""
    for name, city, board in [
        ("Kulturförvaltningen, Malmö stad", "Malmö", "Malmö stads kulturnämnd"),
        ("Kulturförvaltningen", "", "Göteborgs Stads kulturnämnd"),
    ]:
        body = OrganisationFactory(public=True, name=name, city=city)
        BodySettings.objects.create(body=body, deciding_body=board)
        organisation = OrganisationFactory(name="Kulturföreningen", city=city)
        partnership = PartnershipFactory(
            public_body=body, organisations=[organisation], title="Kultur för unga"
        )
        staff = official_of(body)
        fields = memos.memo_prefill(partnership=partnership, user=staff)
        memo = memos.memo_create(partnership=partnership, **fields, official_1_name="Ann Ek")
        text = pdf_text(memo_document(memo, facts=agreement_snapshot(partnership)))
        assert f"Förvaltningen föreslår att {board} beslutar att:" in text
        assert "om kultur för unga samt besluta" in text
        assert f"För {board}" in _agreement_text(partnership)
        login(client, official)
        assert client.get(reverse("reporting:memo", args=[partnership.pk])).status_code == 404
