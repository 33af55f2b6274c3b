"""Journey: an official exports the EU-citizens agreement, records the six signatures,
uploads the signed copy, and sees the agreement signed and frozen."""

import hashlib

import pytest
from playwright.sync_api import expect

from tests.reporting.conftest import eu  # noqa: F401 - the seed 002 partnership fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_signs_the_eu_agreement(
    page,
    live_server,
    official,
    log_in_fast,
    eu,  # noqa: F811
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    log_in_fast(official)
    page.goto(f"/documents/{eu.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokument")

    export = page.get_by_role("link", name="Exportera avtalet som PDF")
    response = page.request.get(live_server.url + export.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    page.get_by_role("button", name="Förbered avtalet för underskrift").click()
    expect(page.get_by_text("Avtalet är klart för underskrift.")).to_be_visible()

    parties = [p.organisation.name for p in eu.parties.select_related("organisation")]
    assert len(parties) == 6
    for name in parties:
        page.get_by_role("combobox", name="Part").select_option(label=name)
        page.get_by_label("Undertecknad av").fill(f"Firmatecknare för {name}")
        page.get_by_label("Egenskap eller titel").fill("Ordförande")
        page.get_by_label("Ort", exact=True).fill("Stockholm")
        page.get_by_label("Datum för underskrift").fill("2017-05-02")
        page.get_by_role("button", name="Registrera underskriften").click()
        expect(page.get_by_role("cell", name=f"Firmatecknare för {name}")).to_be_visible()

    expect(
        page.get_by_text("Alla parter har undertecknat: avtalsversionen är låst.")
    ).to_be_visible()

    scan = b"%PDF-1.4\n% inskannat undertecknat avtal\n"
    page.get_by_label("Undertecknat exemplar (PDF)").set_input_files(
        files=[{"name": "avtal-undertecknat.pdf", "mimeType": "application/pdf", "buffer": scan}]
    )
    page.get_by_role("button", name="Ladda upp det undertecknade exemplaret").click()
    expect(page.get_by_text("Det undertecknade exemplaret har sparats.")).to_be_visible()
    expect(page.get_by_text(hashlib.sha256(scan).hexdigest())).to_be_visible()
    expect(page.locator(".lead .status")).to_have_text("Undertecknad och låst")

    page.goto(f"/documents/{eu.pk}/")
    expect(
        page.get_by_text("Gäller: Ursprungligt avtal, undertecknat av alla parter och låst.")
    ).to_be_visible()
