"""Journey (issue 2): an administrator logs in, registers an organisation, registers a partnership
with two parties and an appendix, proposes it to the board and finds it in the list.

Only the administrator and its public body come from factories; everything else is typed into
the pages, as a person would.
"""

import re

import pytest
from playwright.sync_api import expect

from organisations.models import Organisation
from partnerships.models import Appendix, Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Föreningen Nattljus"
TITLE = "Nattljus – stöd till unga i hemlöshet"


def test_administrator_registers_an_organisation_and_proposes_a_partnership(
    page, live_server, public_body, administrator, log_in
):
    log_in(administrator)
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()

    # --- The organisation register --------------------------------------------------------------
    page.get_by_role("link", name="Organisationer").click()
    page.get_by_role("link", name="Registrera en organisation").click()
    expect(page.get_by_role("heading", name="Registrera en organisation")).to_be_visible()
    fieldset = page.get_by_role("group", name="Organisationen")
    fieldset.get_by_label(re.compile(r"^Namn")).fill(NAME)
    number = page.get_by_label("Organisationsnummer")
    number.fill("802003-1955")  # wrong check digit
    page.get_by_label("Sektor").select_option(label="Idéburen organisation")
    page.get_by_label("Organisationsform").select_option("non_profit_association")
    # Payment details are each body's own (its relation to the organisation), not the identity's.
    expect(page.get_by_label("Bankgiro")).to_have_count(0)
    page.get_by_role("button", name="Spara").click()

    # Refused: the Swedish message sits next to the field, what was typed is kept, nothing saved.
    field = page.locator(".field", has=page.locator("#id_org_number"))
    error = field.locator(".errorlist")
    expect(error).to_have_text("Kontrollsiffran i organisationsnumret är fel.")
    expect(number).to_have_value("802003-1955")
    expect(fieldset.get_by_label(re.compile(r"^Namn"))).to_have_value(NAME)
    expect(page.get_by_label("Organisationsform")).to_have_value("non_profit_association")
    assert not Organisation.objects.filter(name=NAME).exists()

    # The twelve-digit form with the century prefix 16 is accepted and shown as NNNNNN-NNNN.
    number.fill("16802003-1954")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1, name=NAME)).to_be_visible()
    facts = page.locator("dl.facts").first  # the identity; the body's relation follows
    expect(facts).to_contain_text("802003-1954")
    expect(facts).to_contain_text("Idéburen organisation")
    organisation = Organisation.objects.get(name=NAME)
    assert organisation.org_number == "8020031954"

    # --- The partnership ------------------------------------------------------------------------
    page.get_by_role("link", name="Partnerskap", exact=True).click()
    page.get_by_role("link", name="Nytt partnerskap").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Diarienummer (dnr)").fill("SN 2017/0042")
    page.get_by_label("Syfte").fill("Att ge unga i hemlöshet en trygg plats nattetid.")
    page.get_by_label("Startdatum").fill("2017-09-01")
    page.get_by_label(re.compile(r"^Slutdatum")).fill("2019-08-31")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.locator(".lead .status")).to_have_text("Utkast")

    # The organisation joins as the second party (the public party came with the partnership).
    page.get_by_role("link", name="Lägg till en part").click()
    select = page.get_by_label("Organisation")
    select.select_option(value=str(organisation.pk))
    page.get_by_label("Gick med").fill("2017-09-01")
    page.get_by_role("button", name="Spara").click()
    parties = page.get_by_role("table", name="Parter och deras bilagor")
    expect(parties.get_by_role("row")).to_have_count(3)  # header, public party, organisation
    expect(parties).to_contain_text(public_body.name)
    expect(parties).to_contain_text("802003-1954")

    # Its appendix 2.1: commitments and one resource (premises, in kind).
    parties.get_by_role("row", name=re.compile(NAME)).get_by_role(
        "link", name="Lägg till bilaga"
    ).click()
    page.get_by_label("Åtaganden").fill("Håller öppet natthärbärge alla nätter i veckan.")
    page.get_by_label("Gäller från").fill("2017-09-01")
    page.locator('[name="resources-0-kind"]').select_option("premises")
    page.locator('[name="resources-0-description"]').fill("Lokal på Södermalm, 12 sängplatser")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("link", name="Bilaga 2.1, version 1")).to_be_visible()

    # Proposed to the board: the only transition offered from a draft, recorded with who.
    # Budget, schedule and memo are still missing: the form says so and asks to confirm.
    status = page.get_by_label("Ny status")
    status.select_option(label="Föreslaget till nämnden")
    expect(page.get_by_text("Innan partnerskapet föreslås för nämnden saknas")).to_be_visible()
    page.get_by_label("Föreslå det trots att något saknas").check()
    page.get_by_role("button", name="Ändra status").click()
    expect(page.locator(".lead .status")).to_have_text("Föreslaget till nämnden")

    # --- The list finds it by the organisation number --------------------------------------------
    page.get_by_role("link", name="Partnerskap", exact=True).click()
    # The list's own search (the header's box searches the whole register).
    listing = page.get_by_role("main")
    listing.get_by_role("searchbox", name="Sök").fill("802003-1954")
    listing.get_by_role("button", name="Sök").click()
    row = page.get_by_role("row", name=re.compile(TITLE))
    expect(row).to_contain_text("Föreslaget till nämnden")
    expect(row).to_contain_text("SN 2017/0042")

    partnership = Partnership.objects.get(registry_number="SN 2017/0042")
    assert partnership.status == "proposed"
    assert partnership.parties.count() == 2
    appendix = Appendix.objects.get(party__partnership=partnership)
    assert appendix.number == "2.1"
    assert appendix.resources.get().kind == "premises"
    assert partnership.status_changes.get().changed_by == administrator
