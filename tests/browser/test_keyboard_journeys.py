"""Keyboard only: Tab and Shift+Tab to move, Enter and Space to act, typing into fields (and
type-ahead in a select). No clicks and no Playwright `fill`: what a person without a mouse does.

Three journeys of a working day: an administrator registers a partnership and adds a party, a
representative submits an annual account, a second administrator approves payments in bulk on
/finance/. Every stop on the way must show where the focus is (the :focus-visible ring).
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from finance import services as finance_services
from finance.constants import PaymentStatus, PeriodBasis
from organisations.constants import Role
from partnerships.models import Partnership
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRIS_LINES = [
    ("Personal", Decimal("678833")),
    ("Material", Decimal("8000")),
    ("Mat och dryck", Decimal("15000")),
    ("Resekostnader", Decimal("10000")),
]
IS_FOCUSED = "el => el === document.activeElement"
FOCUS_SHOWN = """el => {
    const style = getComputedStyle(el);
    return el.matches(':focus-visible') && (style.outlineStyle !== 'none'
        || style.boxShadow !== 'none');
}"""


def tab_to(page, target, *, back: bool = False, limit: int = 200) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus, which must be visible."""
    target.wait_for(state="attached")
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate(IS_FOCUSED):
            assert target.evaluate(FOCUS_SHOWN), f"no visible focus on {target}"
            return
    raise AssertionError(f"{key} × {limit} never reached {target}")


def activate(page, target, *, key: str = "Enter", back: bool = False) -> None:
    tab_to(page, target, back=back)
    page.keyboard.press(key)


def type_into(page, target, text: str, *, back: bool = False) -> None:
    tab_to(page, target, back=back)
    page.keyboard.type(text)


def type_date(page, target, iso: str) -> None:
    """A native date field is typed segment by segment, in the order the browser shows them:
    this headless Chromium has only its en-US resources and shows month/day/year whatever
    the page's locale (--lang and LANG change nothing). The value sent must be the ISO date."""
    year, month, day = iso.split("-")
    type_into(page, target, f"{month}{day}{year}")
    expect(target).to_have_value(iso)


def test_administrator_registers_a_partnership_by_keyboard(
    page, live_server, public_body, administrator, log_in_fast
):
    bris = OrganisationFactory(name="Bris", org_number="8020031954")
    RelationFactory(body=public_body, organisation=bris)
    log_in_fast(administrator)
    page.goto("/")

    # The first Tab reaches the skip link.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()

    activate(page, page.get_by_role("link", name="Partnerskap", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partnerskap")
    activate(page, page.get_by_role("link", name="Nytt partnerskap"))
    type_into(page, page.get_by_label("Titel"), "Nattljus")
    type_into(page, page.get_by_label("Diarienummer (dnr)"), "SN 2017/0042")
    type_into(page, page.get_by_label("Syfte"), "Trygg plats nattetid.")
    type_date(page, page.get_by_label("Startdatum"), "2017-09-01")
    type_date(page, page.get_by_label(re.compile(r"^Slutdatum")), "2019-08-31")
    activate(page, page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("heading", level=1, name="Nattljus")).to_be_visible()

    # Bris joins as a party: the select is worked by type-ahead.
    activate(page, page.get_by_role("link", name="Lägg till en part"))
    organisation = page.get_by_label("Organisation")
    type_into(page, organisation, "Bris")
    expect(organisation).to_have_value(str(bris.pk))
    type_date(page, page.get_by_label("Gick med"), "2017-09-01")
    activate(page, page.get_by_role("button", name="Spara"))
    parties = page.get_by_role("table", name="Parter och deras bilagor")
    expect(parties).to_contain_text("Bris")

    partnership = Partnership.objects.get(registry_number="SN 2017/0042")
    assert str(partnership.start_date) == "2017-09-01"
    assert str(partnership.end_date) == "2019-08-31"
    assert partnership.parties.filter(organisation=bris).exists()


@pytest.fixture
def bris(public_body):
    organisation = OrganisationFactory(name="Bris", org_number=None)
    RelationFactory(body=public_body, organisation=organisation, bankgiro="12345674")
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[organisation],
        title="Stödgrupper för placerade barn",
        active=True,
    )
    finance_services.budget_periods_generate(
        partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR
    )
    appendix = AppendixFactory(party=partnership.parties.get(organisation=organisation))
    for period in partnership.budget_periods.all():
        finance_services.budget_save(appendix=appendix, period=period, lines=BRIS_LINES)
    return partnership


def test_representative_submits_an_annual_account_by_keyboard(
    page, live_server, public_body, bris, log_in_fast
):
    organisation = bris.parties.get(organisation__name="Bris").organisation
    representative = MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
    ).user
    log_in_fast(representative)
    page.goto("/portal/")

    activate(page, page.get_by_role("link", name="Ekonomisk redovisning 2017, Bris"))
    activate(page, page.get_by_role("button", name="Påbörja redovisningen"))
    for category, amount in BRIS_LINES:
        type_into(page, page.get_by_label(f"Faktisk kostnad, {category} (kr)"), str(amount))
    type_into(page, page.get_by_label("Hur resurserna har använts"), "Sex stödgrupper.")
    activate(page, page.get_by_role("button", name="Spara och lämna in"))
    expect(page.get_by_text("Redovisningen är inlämnad.")).to_be_visible()

    account = bris.parties.get(organisation=organisation).annual_accounts.get()
    assert account.status == "submitted"
    assert sum(line.actual for line in account.lines.all()) == Decimal("711833")


def test_second_administrator_approves_payments_in_bulk_by_keyboard(
    page, live_server, public_body, bris, administrator, log_in_fast
):
    finance_services.schedule_generate(partnership=bris, user=administrator)
    approver = MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user
    first, second, third = bris.payments.order_by("due_date")[:3]
    log_in_fast(approver)
    page.goto("/finance/")

    # Space ticks a checkbox: the third first, Shift+Tab back to the second and the first,
    # then Tab forward to untick the third again.
    for payment, back in ((third, False), (second, True), (first, True), (third, False)):
        activate(page, page.locator(f"#queue-payment-{payment.pk}"), key="Space", back=back)
    expect(page.locator(f"#queue-payment-{third.pk}")).not_to_be_checked()
    activate(page, page.get_by_role("button", name="Godkänn markerade utbetalningar"))
    expect(page.get_by_text("2 utbetalningar godkändes")).to_be_visible()

    statuses = dict(bris.payments.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == PaymentStatus.APPROVED
    assert statuses[third.pk] == PaymentStatus.PLANNED
    assert list(statuses.values()).count(PaymentStatus.APPROVED) == 2
