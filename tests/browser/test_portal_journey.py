"""Journey: a representative fills in Bris's annual account for 2017 with one deviation, is
stopped for the missing explanation, adds it and submits; an administrator returns it; it is
resubmitted and approved."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from finance.constants import PeriodBasis
from finance.services import budget_periods_generate, budget_save
from organisations.constants import Role
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRIS_LINES = [
    ("Personal", Decimal("678833")),
    ("Material", Decimal("8000")),
    ("Mat och dryck", Decimal("15000")),
    ("Resekostnader", Decimal("10000")),
]


@pytest.fixture
def bris(public_body, administrator):
    organisation = OrganisationFactory(name="Bris", org_number=None)
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[organisation],
        title="Stödgrupper för placerade barn",
        active=True,
    )
    budget_periods_generate(partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR)
    party = partnership.parties.get(organisation=organisation)
    appendix = AppendixFactory(party=party)
    budget_save(
        appendix=appendix, period=partnership.budget_periods.get(start__year=2017), lines=BRIS_LINES
    )
    representative = MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
    ).user
    return representative


def test_bris_account_2017_from_draft_to_approval(
    page, live_server, bris, administrator, log_in, log_in_fast
):
    representative = bris

    # The representative logs in and starts the 2017 account from the start page.
    log_in(representative)
    page.goto("/portal/")
    page.get_by_role("link", name="Ekonomisk redovisning 2017, Bris").click()
    page.get_by_role("button", name="Påbörja redovisningen").click()

    # One deviation (Material, +50 %) and no explanation: stopped, the draft kept.
    page.get_by_label("Faktisk kostnad, Personal (kr)").fill("678833")
    page.get_by_label("Faktisk kostnad, Material (kr)").fill("12000")
    page.get_by_label("Faktisk kostnad, Mat och dryck (kr)").fill("15000")
    page.get_by_label("Faktisk kostnad, Resekostnader (kr)").fill("10000")
    page.get_by_label("Hur resurserna har använts").fill("Sex stödgrupper under året.")
    page.get_by_role("button", name="Spara och lämna in").click()
    # Shown twice: in the error summary (a link to the field) and next to the field.
    expect(page.get_by_text("förklara avvikelsen innan du lämnar in").first).to_be_visible()
    expect(page.get_by_label("Faktisk kostnad, Material (kr)")).to_have_value("12000")

    # The explanation is added and the account submitted.
    page.get_by_label("Förklaring av avvikelsen, Material").fill(
        "Nytt samtalsmaterial, godkänt av styrgruppen."
    )
    page.get_by_role("button", name="Spara och lämna in").click()
    expect(page.get_by_text("Redovisningen är inlämnad.")).to_be_visible()
    account_url = page.url

    # An administrator returns it with a comment.
    log_in_fast(administrator)
    page.goto(account_url)
    page.get_by_label("Skicka tillbaka för rättelse").check()
    page.get_by_label("Kommentar").fill("Bifoga revisorns rapport.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(
        page.get_by_text("Redovisningen har skickats tillbaka till organisationen.")
    ).to_be_visible()

    # The representative sees the comment and resubmits.
    log_in_fast(representative)
    page.goto(account_url)
    page.get_by_role("link", name="Redigera redovisningen").click()
    expect(page.get_by_text("Bifoga revisorns rapport.")).to_be_visible()
    page.get_by_role("button", name="Spara och lämna in").click()
    expect(page.get_by_text("Redovisningen är inlämnad.")).to_be_visible()

    # The administrator approves it; both rounds are kept.
    log_in_fast(administrator)
    page.goto(account_url)
    page.get_by_label("Godkänn").check()
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_text("Redovisningen är godkänd.")).to_be_visible()
    rounds = page.get_by_role("table", name="Granskningsomgångar")
    expect(rounds.get_by_role("row")).to_have_count(3)
