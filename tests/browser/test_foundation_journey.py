"""Journey: an administrator registers an organisation, registers a partnership with two
parties and an appendix, proposes it to the board and finds it in the list — in the browser,
through the pages only."""

import re

import pytest
from playwright.sync_api import expect

from organisations.models import Organisation
from partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_organisation_and_partnership_then_propose_it(
    page, live_server, public_body, administrator, log_in
):
    log_in(administrator)

    # The organisation register: a bad number is refused next to the field, typed text kept.
    page.get_by_role("link", name="Organisationer").click()
    page.get_by_role("link", name="Registrera en organisation").click()
    # The organisation's own fields (the form also has rows for authorised signatories).
    organisation = page.get_by_role("group", name="Organisationen")
    organisation.get_by_label(re.compile(r"^Namn")).fill("Stockholms stadsmission")
    page.get_by_label("Organisationsnummer").fill("802003-1955")
    page.get_by_label("Sektor").select_option("idea_based")
    page.get_by_label("Organisationsform").select_option("non_profit_association")
    page.get_by_label("Bankgiro").fill("5050-1055")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Kontrollsiffran i organisationsnumret är fel.")).to_be_visible()
    expect(organisation.get_by_label(re.compile(r"^Namn"))).to_have_value("Stockholms stadsmission")
    assert not Organisation.objects.filter(name="Stockholms stadsmission").exists()

    # The twelve-digit form with the century prefix 16 is accepted and shown as NNNNNN-NNNN.
    page.get_by_label("Organisationsnummer").fill("16802003-1954")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Stockholms stadsmission")).to_be_visible()
    expect(page.get_by_text("802003-1954").first).to_be_visible()

    # A new partnership: its public party comes with it.
    page.get_by_role("link", name="Partnerskap", exact=True).click()
    page.get_by_role("link", name="Nytt partnerskap").click()
    page.get_by_label("Titel").fill("Humanitärt stöd för utsatta EU-medborgare")
    page.get_by_label("Diarienummer (dnr)").fill("156-139/2015")
    page.get_by_label("Syfte").fill("Att tillhandahålla stöd till utsatta EU-medborgare.")
    page.get_by_label("Startdatum").fill("2017-05-01")
    page.get_by_label(re.compile(r"^Slutdatum")).fill("2019-04-30")
    page.get_by_role("button", name="Spara").click()
    expect(
        page.get_by_role("heading", name="Humanitärt stöd för utsatta EU-medborgare")
    ).to_be_visible()

    # The second party, the organisation registered above.
    page.get_by_role("link", name="Lägg till en part").click()
    organisation_select = page.get_by_label("Organisation")
    choice = organisation_select.locator("option", has_text="Stockholms stadsmission")
    organisation_select.select_option(value=choice.get_attribute("value"))
    page.get_by_label("Gick med").fill("2017-05-01")
    page.get_by_role("button", name="Spara").click()
    parties = page.get_by_role("table", name="Parter och deras bilagor")
    expect(parties.get_by_role("row")).to_have_count(3)  # header, public party, organisation
    expect(parties.get_by_text("802003-1954")).to_be_visible()

    # Its appendix 2.1 with commitments and one resource in kind.
    parties.get_by_role("row", name=re.compile("Stockholms stadsmission")).get_by_role(
        "link", name="Lägg till bilaga"
    ).click()
    page.get_by_label("Åtaganden").fill("Nattvandring och dagverksamhet för målgruppen.")
    page.get_by_label("Gäller från").fill("2017-05-01")
    page.locator('[name="resources-0-kind"]').select_option("volunteers")
    page.locator('[name="resources-0-description"]').fill("Volontärer i dagverksamheten")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("link", name="Bilaga 2.1, version 1")).to_be_visible()

    # Proposed to the board: only the allowed transitions are offered.
    status = page.get_by_label("Ny status")
    expect(status.locator("option")).to_have_text(
        [re.compile("Föreslaget till nämnden")], use_inner_text=True
    )
    status.select_option(label="Föreslaget till nämnden")
    page.get_by_role("button", name="Ändra status").click()
    expect(page.locator(".lead .status")).to_have_text("Föreslaget till nämnden")

    # And the list finds it by the organisation's number.
    page.get_by_role("link", name="Partnerskap", exact=True).click()
    page.get_by_role("searchbox", name="Sök").fill("8020031954")
    page.get_by_role("button", name="Sök").click()
    row = page.get_by_role("row", name=re.compile("Humanitärt stöd för utsatta EU-medborgare"))
    expect(row).to_contain_text("Föreslaget till nämnden")
    expect(row).to_contain_text("156-139/2015")

    partnership = Partnership.objects.get(registry_number="156-139/2015")
    assert partnership.status == "proposed"
    assert partnership.parties.count() == 2
    assert partnership.status_changes.get().changed_by == administrator
