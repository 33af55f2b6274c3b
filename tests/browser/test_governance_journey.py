"""Journey: an official opens the EU-citizens partnership's groups, draws the steering group's
chair, records a meeting with a decision to admit a sixth organisation, and sees the dashboard
update."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.constants import GroupKind, MemberRole
from governance.models import ChairDraw, Decision
from governance.services import group_create, member_add
from organisations.constants import Role
from partnerships.models import Party
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EU_ORGANISATIONS = [
    ("Convictus", "8020121581"),
    ("Filadelfiaförsamlingen", "8020008713"),
    ("Frälsningsarmén", "8020061688"),
    ("Ny Gemenskap", "8020061019"),
    ("Stockholms stadsmission", "8020031954"),
]


@pytest.fixture
def eu_partnership(public_body):
    """Seed 002's partnership, running now so that today is inside its period."""
    start = timezone.localdate() - datetime.timedelta(days=30)
    organisations = [OrganisationFactory(name=n, org_number=o) for n, o in EU_ORGANISATIONS]
    partnership = PartnershipFactory(
        public_body=public_body,
        title="Humanitärt stöd för utsatta EU-medborgare",
        registry_number="156-139/2015",
        start_date=start,
        end_date=start + datetime.timedelta(days=729),
        organisations=organisations,
        active=True,
    )
    for kind in (GroupKind.STEERING, GroupKind.COOPERATION):
        group = group_create(partnership=partnership, kind=kind)
        for organisation in organisations:
            member_add(
                group=group,
                organisation=organisation,
                name=f"Representant {organisation.name}",
                role=MemberRole.REPRESENTATIVE,
                joined_on=start,
            )
        member_add(
            group=group,
            organisation=public_body,
            name="Processledare Stad",
            role=MemberRole.PROCESS_LEADER,
            joined_on=start,
        )
    return partnership


def test_official_draws_chair_records_meeting_and_admits_organisation(
    page, live_server, public_body, eu_partnership, log_in_fast
):
    official = MembershipFactory(organisation=public_body, role=Role.OFFICIAL).user
    OrganisationFactory(name="Hela Människan")
    today = timezone.localdate().isoformat()

    log_in_fast(official)
    page.goto("/governance/dashboard/")
    overdue = page.get_by_role("table", name="Försenat")
    expect(overdue).to_contain_text("Styrgrupp: lotta ordförande")
    expect(overdue).to_contain_text("Styrgrupp: nästa möte")

    page.goto(f"/governance/partnerships/{eu_partnership.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grupper i Humanitärt stöd")
    page.get_by_role("link", name="Styrgrupp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrgrupp")

    page.get_by_role("button", name="Lotta ordförande").click()
    expect(page.get_by_text("lottades som ordförande för")).to_be_visible()
    draw = ChairDraw.objects.get(group__kind=GroupKind.STEERING)
    expect(page.locator(f"#draw-{draw.pk}")).to_contain_text("Kontrollerad")
    expect(page.locator(f"#draw-{draw.pk}")).to_contain_text(draw.seed)

    page.get_by_role("link", name="Registrera ett möte").click()
    page.get_by_label("Datum").fill(today)
    for name, _number in EU_ORGANISATIONS:
        page.get_by_label(f"Representant {name} ({name}, Representant)").check()
    page.get_by_label("Dagordning").fill("1. Lottning\n2. Ny aktör")
    page.get_by_label("Protokoll", exact=True).fill("Samverkansgruppen föreslår Hela Människan.")
    page.get_by_role("button", name="Registrera möte").click()
    expect(page.get_by_text("Mötet registrerades.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(draw.result.name)

    page.get_by_label("Typ av beslut").select_option(label="Ny organisation antagen")
    page.get_by_role("textbox", name="Beslut", exact=True).fill(
        "Hela Människan antas som ny aktör i partnerskapet."
    )
    page.get_by_label("Organisation", exact=True).select_option(label="Hela Människan")
    page.get_by_label("Föreslaget av grupp").select_option(label="Samverkansgrupp")
    page.get_by_label("Föreslaget den").fill(today)
    page.get_by_role("button", name="Registrera beslut").click()
    expect(page.get_by_text("Beslutet registrerades.")).to_be_visible()
    decisions = page.get_by_role("table", name="Beslut som fattades på mötet")
    expect(decisions).to_contain_text("Ny organisation antagen")
    expect(decisions).to_contain_text("Hela Människan")

    party = Party.objects.get(partnership=eu_partnership, organisation__name="Hela Människan")
    assert party.joined_on == timezone.localdate()
    assert Decision.objects.get().party == party

    page.goto("/governance/dashboard/")
    overdue = page.get_by_role("table", name="Försenat")
    expect(overdue).not_to_contain_text("Styrgrupp: lotta ordförande")
    expect(overdue).not_to_contain_text("Styrgrupp: nästa möte")
    expect(overdue).to_contain_text("Samverkansgrupp: lotta ordförande")
