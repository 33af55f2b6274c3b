"""Journey: an administrator enters the Bris budget lines, generates the payment schedule,
sees four payments adding up to 711 833 kr; a second administrator approves one and exports
the approved payments."""

import datetime

import pytest
from playwright.sync_api import expect

from organisations.constants import Role
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


@pytest.fixture
def bris_partnership(public_body):
    bris = OrganisationFactory(name="Bris")
    RelationFactory(body=public_body, organisation=bris, bankgiro="12345674")
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[bris],
        title="Stödgrupper för placerade barn",
        active=True,
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    AppendixFactory(party=partnership.parties.get(organisation=bris), number="2.1")
    return partnership


def test_budget_schedule_approve_and_export(
    page, live_server, public_body, bris_partnership, log_in_fast
):
    preparer = MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user
    approver = MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user

    log_in_fast(preparer)
    page.goto(f"/finance/partnerships/{bris_partnership.pk}/")
    page.get_by_label("Budgetperioder").select_option("contract_year")
    page.get_by_role("button", name="Skapa budgetperioder").click()
    expect(page.get_by_text("Budgetperioderna skapades.")).to_be_visible()

    page.get_by_role("link", name="Ange budget Bris 2017").click()
    lines = [
        ("Personal", "678833"),
        ("Material", "8000"),
        ("Mat och dryck", "15000"),
        ("Resekostnader", "10000"),
    ]
    for number, (category, amount) in enumerate(lines, start=1):
        page.get_by_label(f"Budgetpost, rad {number}").fill(category)
        page.get_by_label(f"Belopp, rad {number}").fill(amount)
    page.get_by_label("Totalt (kr)").fill("711833")
    page.get_by_role("button", name="Spara budget").click()
    expect(page.get_by_text("Budgeten sparades.")).to_be_visible()

    page.get_by_role("link", name="Skapa utbetalningsplan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utbetalningsplan")
    page.get_by_role("button", name="Skapa utbetalningsplanen").click()

    table = page.get_by_role("table", name="Utbetalningsplan")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(4)
    for index in range(4):
        expect(rows.nth(index)).to_contain_text(f"177{NBSP}958,25{NBSP}kr")
    expect(table.locator("tfoot")).to_contain_text(f"711{NBSP}833{NBSP}kr")

    # The preparer may not approve; a second administrator does.
    log_in_fast(approver)
    page.goto("/finance/payments/")
    page.get_by_role("button", name="Godkänn Bris 2017-01-01").click()
    expect(page.get_by_text("Utbetalningen godkändes.")).to_be_visible()
    expect(page.get_by_role("table").locator("tbody tr").first).to_contain_text("Godkänd")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = open(download_info.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert "177958.25" in content and "12345674" in content
    assert content.strip().count("\n") == 1  # header and the one approved payment
