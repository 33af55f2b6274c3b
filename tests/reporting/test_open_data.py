"""Open data: 360Giving grants (one per recipient organisation, with its own share), built once
per change and streamed from the stored rows; ETags and 304s for repeated requests; a
DCAT-AP-SE description per body and a catalogue of all bodies; a paginated page; the public
index of the bodies that publish. Every test has the other body beside it."""

import csv
import datetime
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.constants import PaymentStatus
from finance.models import Payment
from finance.services.payments import payment_pay
from organisations.services import organisation_update
from partnerships.constants import Status
from partnerships.services import party_leave
from reporting import opendata
from reporting.models import OpenDataSet
from tests.factories import (
    AppendixFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
)

from .conftest import add_budget

pytestmark = pytest.mark.django_db

YEARS = [
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)),
    (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31)),
]
FILES = ("reporting:open_data_json", "reporting:open_data_csv", "reporting:open_data_dcat")
PAGES = ("reporting:open_data", *FILES)
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
RDF_ABOUT = f"{{{NS['rdf']}}}about"
RDF_RESOURCE = f"{{{NS['rdf']}}}resource"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _published(body, index: int, *, organisations=2, amounts=None, title=None):
    """A published partnership with `organisations` organisations, two budget years each and a
    paid and a planned payment each: by default 2 × 100 000 kr awarded and 25 000 kr paid per
    organisation."""
    members = [OrganisationFactory() for _ in range(organisations)]
    partnership = PartnershipFactory(
        public_body=body,
        organisations=members,
        title=title or f"Partnerskap {index:02d}",
        status=Status.ACTIVE,
        start_date=YEARS[0][0],
        end_date=YEARS[1][1],
    )
    parties = partnership.parties.filter(is_public=False).order_by("pk")
    for number, party in enumerate(parties):
        yearly = (amounts or {}).get(number, Decimal("100000"))
        appendix = AppendixFactory(party=party)
        add_budget(partnership, appendix, [(year, [("Personal", yearly)]) for year in YEARS])
        period = partnership.budget_periods.get(start=YEARS[0][0])
        for status, paid_on in ((PaymentStatus.PAID, YEARS[0][0]), (PaymentStatus.PLANNED, None)):
            payment = Payment.objects.create(
                partnership=partnership,
                party=party,
                period=period,
                due_date=YEARS[0][0],
                covers_from=YEARS[0][0],
                covers_to=datetime.date(2017, 3, 31),
                amount=Decimal("25000"),
                paid_on=paid_on,
            )
            Payment.objects.filter(pk=payment.pk).update(status=status)
    return partnership


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _get(client, name, body, **headers):
    return client.get(reverse(name, args=[body.org_number]), headers=headers)


def _queries(client, url) -> int:
    """The queries of one request, the streamed body included."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
        _content(response)
    return len(context.captured_queries)


def _csv_rows(client, body) -> list[dict]:
    response = _get(client, "reporting:open_data_csv", body)
    return list(csv.DictReader(io.StringIO(_content(response).decode())))


def _grants(client, body) -> list[dict]:
    return json.loads(_content(_get(client, "reporting:open_data_json", body)))["grants"]


def _rdf(client, url) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    return ET.fromstring(response.content)


# --- Query budgets: computed once per change, the same with 3 and 30 partnerships ---------


def test_open_data_queries_are_the_same_with_3_and_30_partnerships(client, public_body, other_body):
    urls = [reverse(name, args=[public_body.org_number]) for name in PAGES]
    _published(other_body, 99)
    for index in range(3):
        _published(public_body, index)
    _queries(client, urls[1])  # the set is created
    organisation_update(organisation=other_body, name="Uppsala")  # a change: rebuilt
    # The first request after a change rebuilds the set (a fixed number of queries: chunks of
    # 200 partnerships), the next ones read it.
    built_3 = _queries(client, urls[1])
    stored_3 = [_queries(client, url) for url in urls]
    for index in range(3, 30):
        _published(public_body, index)
    built_30 = _queries(client, urls[1])
    stored_30 = [_queries(client, url) for url in urls]
    assert built_30 == built_3
    assert stored_30 == stored_3
    # The body with its set and the sources' version in one query, the rows in one (the page:
    # its count and its rows), and the request's savepoint.
    page, json_file, csv_file, description = stored_30
    assert (json_file, csv_file) == (4, 4)
    assert description == 3
    assert page <= 6


def test_open_data_is_built_once_per_change_not_per_request(client, public_body):
    _published(public_body, 0)
    _get(client, "reporting:open_data_csv", public_body)
    built = OpenDataSet.objects.get(body=public_body).built_at
    for name in PAGES:
        assert _get(client, name, public_body).status_code == 200
    assert OpenDataSet.objects.get(body=public_body).built_at == built


# --- 360Giving: identifiers, one recipient per row, shares from the budgets ---------------


def test_csv_has_the_standard_columns_and_one_recipient_per_row(client, public_body, other_body):
    six = _published(
        public_body,
        0,
        organisations=6,
        amounts={n: Decimal(10000 * (n + 1)) for n in range(6)},
        title="Sex föreningar",
    )
    _published(public_body, 1)
    _published(other_body, 2, title="Uppsalas partnerskap")
    response = _get(client, "reporting:open_data_csv", public_body)
    text = _content(response).decode()
    assert text.splitlines()[0] == ",".join(opendata.CSV_COLUMNS)
    assert opendata.CSV_COLUMNS[:4] == ("Identifier", "Title", "Description", "Currency")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6 + 2
    assert len({row["Identifier"] for row in rows}) == len(rows)
    for row in rows:
        assert row["Identifier"].startswith(f"360G-iop-{public_body.org_number}-")
        assert row["Recipient Org:Identifier"].startswith("SE-BLV-")
        assert ";" not in row["Recipient Org:Identifier"]  # one recipient, not a list
        assert row["Funding Org:Identifier"] == f"SE-BLV-{public_body.org_number}"
        assert row["Funding Org:Name"] == public_body.name
        assert row["Currency"] == "SEK"
        assert row["Data Source"].endswith(f"/documents/open-data/{public_body.org_number}.json")
        assert row["Last Modified"].startswith(str(datetime.date.today().year))
        assert "Uppsala" not in row["Title"]
    six_rows = [row for row in rows if row["Title"] == "Sex föreningar"]
    parties = list(six.parties.filter(is_public=False).order_by("pk"))
    by_recipient = {row["Recipient Org:Identifier"]: row for row in six_rows}
    for number, party in enumerate(parties):
        row = by_recipient[f"SE-BLV-{party.organisation.org_number}"]
        assert row["Identifier"] == f"360G-iop-{public_body.org_number}-{six.pk}-{party.pk}"
        assert row["Recipient Org:Name"] == party.organisation.name
        assert row["Amount Awarded"] == str(2 * 10000 * (number + 1))  # its own two years
        assert row["Amount Disbursed"] == "25000"
        assert row["Planned Dates:Start Date"] == "2017-01-01"
        assert row["Planned Dates:End Date"] == "2018-12-31"


def test_json_is_a_360giving_package_with_one_recipient_per_grant(client, public_body, other_body):
    for index in range(10):
        _published(public_body, index)
    _published(other_body, 10)
    response = _get(client, "reporting:open_data_json", public_body)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(_content(response))
    assert list(data) == ["grants"]
    grants = data["grants"]
    assert len(grants) == 20  # ten partnerships of two organisations
    assert len({g["id"] for g in grants}) == 20
    for grant in grants:
        assert grant["id"].startswith(f"360G-iop-{public_body.org_number}-")
        assert grant["relatedActivity"][0].startswith(f"360G-iop-{public_body.org_number}-")
        assert len(grant["recipientOrganization"]) == 1
        assert grant["recipientOrganization"][0]["id"].startswith("SE-BLV-")
        assert grant["fundingOrganization"] == [
            {"id": f"SE-BLV-{public_body.org_number}", "name": public_body.name}
        ]
        # Sums from the budgets and payments of this organisation.
        assert grant["amountAwarded"] == 200000
        assert grant["amountDisbursed"] == 25000
        assert [p["amount"] for p in grant["amountsPerPeriod"]] == ["100000.00", "100000.00"]
        assert [d["amount"] for d in grant["disbursements"]] == ["25000.00"]
        assert (
            grant["disbursements"][0]["recipientOrganizationId"]
            == (grant["recipientOrganization"][0]["id"])
        )
        assert grant["lastModified"] and grant["dataSource"].endswith(".json")


def test_a_party_that_left_keeps_the_share_of_the_periods_it_took_part_in(client, public_body):
    partnership = _published(public_body, 0)
    leaving = partnership.parties.filter(is_public=False).order_by("pk").last()
    party_leave(party=leaving, left_on=datetime.date(2017, 6, 30))
    grants = {g["recipientOrganization"][0]["id"]: g for g in _grants(client, public_body)}
    left = grants[f"SE-BLV-{leaving.organisation.org_number}"]
    assert left["amountAwarded"] == 100000  # 2017 only
    assert left["recipientOrganization"][0]["leftOn"] == "2017-06-30"
    assert [p["startDate"] for p in left["amountsPerPeriod"]] == ["2017-01-01"]
    stayed = [g for key, g in grants.items() if g is not left]
    assert [g["amountAwarded"] for g in stayed] == [200000]
    page = _content(_get(client, "reporting:open_data", public_body)).decode()
    assert "300\xa0000\xa0kr" in page  # the partnership's total: the sum of the shares


def test_an_organisation_without_number_gets_a_360g_identifier(client, public_body):
    partnership = _published(public_body, 0, organisations=1)
    organisation = partnership.parties.get(is_public=False).organisation
    type(organisation).objects.filter(pk=organisation.pk).update(org_number=None)
    row = _csv_rows(client, public_body)[0]
    assert row["Recipient Org:Identifier"] == (
        f"360G-iop-{public_body.org_number}-org-{organisation.pk}"
    )


# --- After a published change the output changes --------------------------------------------


def test_a_published_change_reaches_every_format(client, public_body, other_body, administrator):
    partnership = _published(public_body, 0)
    party = partnership.parties.filter(is_public=False).order_by("pk").first()
    payment = Payment.objects.get(party=party, status=PaymentStatus.PLANNED)
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.APPROVED)
    before = {name: _get(client, name, public_body) for name in FILES}
    etags = {name: response["ETag"] for name, response in before.items()}

    organisation_update(organisation=party.organisation, name="Nytt namn på föreningen")
    payment_pay(payment=payment, user=administrator, paid_on=datetime.date(2017, 4, 1))

    rows = _csv_rows(client, public_body)
    row = next(r for r in rows if r["Recipient Org:Name"] == "Nytt namn på föreningen")
    assert row["Amount Disbursed"] == "50000"
    grant = next(
        g
        for g in _grants(client, public_body)
        if g["recipientOrganization"][0]["id"] == (f"SE-BLV-{party.organisation.org_number}")
    )
    assert grant["amountDisbursed"] == 50000
    assert [d["date"] for d in grant["disbursements"]] == ["2017-01-01", "2017-04-01"]
    page = _content(_get(client, "reporting:open_data", public_body)).decode()
    assert "Nytt namn på föreningen" in page
    for name in FILES:
        response = _get(client, name, public_body, if_none_match=etags[name])
        assert response.status_code == 200
        assert response["ETag"] != etags[name]


def test_a_change_elsewhere_rebuilds_to_the_same_etag(client, public_body, other_body):
    _published(public_body, 0)
    other = _published(other_body, 1)
    first = _get(client, "reporting:open_data_csv", public_body)
    organisation_update(
        organisation=other.parties.filter(is_public=False).first().organisation,
        name="Bara i Uppsala",
    )
    again = _get(client, "reporting:open_data_csv", public_body, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert (
        "Bara i Uppsala" in _content(_get(client, "reporting:open_data_csv", other_body)).decode()
    )


# --- Cheap for anonymous requests: ETag, Last-Modified, 304, public caching, streaming ------


@pytest.mark.parametrize("name", FILES)
def test_a_repeated_request_is_a_304_without_reading_the_rows(client, public_body, name):
    _published(public_body, 0)
    first = _get(client, name, public_body)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert first["Access-Control-Allow-Origin"] == "*"
    with CaptureQueriesContext(connection) as context:
        again = _get(client, name, public_body, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert not any("reporting_opendatagrant" in q["sql"] for q in context.captured_queries)
    since = _get(client, name, public_body, if_modified_since=first["Last-Modified"])
    assert since.status_code == 304
    stale = _get(client, name, public_body, if_none_match='"something-else"')
    assert stale.status_code == 200


@pytest.mark.parametrize("name", ["reporting:open_data_json", "reporting:open_data_csv"])
def test_the_files_stream_from_the_stored_rows(client, public_body, name):
    _published(public_body, 0)
    response = _get(client, name, public_body)
    assert isinstance(response, StreamingHttpResponse)
    assert not hasattr(response, "content") or response.streaming


def test_each_body_has_its_own_files(client, public_body, other_body):
    _published(public_body, 0, title="Stockholms partnerskap")
    _published(other_body, 1, title="Uppsalas partnerskap")
    PartnershipFactory(public_body=public_body, title="Hemligt utkast")
    for body, own, others in (
        (public_body, "Stockholms partnerskap", "Uppsalas partnerskap"),
        (other_body, "Uppsalas partnerskap", "Stockholms partnerskap"),
    ):
        for name in PAGES:
            text = _content(_get(client, name, body)).decode()
            assert others not in text and "Hemligt utkast" not in text
            if name != "reporting:open_data_dcat":
                assert own in text
        assert {row["Funding Org:Identifier"] for row in _csv_rows(client, body)} == {
            f"SE-BLV-{body.org_number}"
        }
    assert OpenDataSet.objects.count() == 2


def test_a_body_without_published_partnerships_has_empty_files(client, public_body, other_body):
    PartnershipFactory(public_body=public_body, title="Bara ett utkast")
    _published(other_body, 0)
    assert json.loads(_content(_get(client, "reporting:open_data_json", public_body))) == {
        "grants": []
    }
    csv_text = _content(_get(client, "reporting:open_data_csv", public_body)).decode()
    assert csv_text.splitlines() == [",".join(opendata.CSV_COLUMNS)]
    page = _content(_get(client, "reporting:open_data", public_body)).decode()
    assert "Inga partnerskap har publicerats ännu." in page


def test_an_organisation_that_is_not_a_public_body_has_no_open_data(client, public_body):
    organisation = OrganisationFactory()
    for name in PAGES:
        assert _get(client, name, organisation).status_code == 404


# --- The paginated page ----------------------------------------------------------------------


def test_the_page_is_paginated(client, public_body):
    for index in range(30):
        _published(public_body, index, organisations=1)
    url = reverse("reporting:open_data", args=[public_body.org_number])

    def titles(query=""):
        return re.findall(
            r"<strong>(Partnerskap \d\d)</strong>", client.get(url + query).content.decode()
        )

    first = titles()
    assert len(first) == 25
    assert "Sida 1 av 2" in client.get(url).content.decode()
    second = titles("?page=2")
    assert len(second) == 5 and not set(first) & set(second)
    assert titles("?page=99") == second  # past the end: the last page


# --- DCAT-AP-SE --------------------------------------------------------------------------------


def _one(element, path):
    found = element.findall(path, NS)
    assert len(found) == 1, path
    return found[0]


def test_each_body_has_a_dcat_ap_se_description(client, public_body, other_body):
    _published(public_body, 0)
    _published(other_body, 1)
    url = reverse("reporting:open_data_dcat", args=[public_body.org_number])
    root = _rdf(client, url)
    catalog = _one(root, "dcat:Catalog")
    assert catalog.get(RDF_ABOUT) == f"http://testserver{url}"
    dataset = _one(root, "dcat:Dataset")
    assert _one(catalog, "dcat:dataset").get(RDF_RESOURCE) == dataset.get(RDF_ABOUT)
    title = _one(dataset, "dct:title")
    assert title.get(XML_LANG) == "sv"
    assert title.text == f"Idéburna offentliga partnerskap – {public_body.name}"
    description = _one(dataset, "dct:description")
    assert description.get(XML_LANG) == "sv" and "360Giving" in description.text
    assert "partnerskap" in description.text
    publisher = _one(dataset, "dct:publisher").get(RDF_RESOURCE)
    agent = next(a for a in root.findall("foaf:Agent", NS) if a.get(RDF_ABOUT) == publisher)
    assert _one(agent, "foaf:name").text == public_body.name
    assert _one(agent, "dct:identifier").text == public_body.org_number
    assert publisher == f"http://dataportal.se/organisation/SE{public_body.org_number}"
    assert _one(agent, "dct:type").get(RDF_RESOURCE).endswith("/publishertype/LocalAuthority")
    contact = _one(dataset, "dcat:contactPoint/vcard:Organization")
    assert contact.get(RDF_ABOUT) not in (None, publisher)  # no blank node, not the publisher
    assert _one(contact, "vcard:fn").text == public_body.name
    assert (
        _one(contact, "vcard:hasURL")
        .get(RDF_RESOURCE)
        .endswith(f"/documents/open-data/{public_body.org_number}/")
    )
    themes = {t.get(RDF_RESOURCE) for t in dataset.findall("dcat:theme", NS)}
    assert "http://publications.europa.eu/resource/authority/data-theme/GOVE" in themes
    assert _one(dataset, "dct:issued").text and _one(dataset, "dct:modified").text
    distributions = {d.get(RDF_ABOUT): d for d in root.findall("dcat:Distribution", NS)}
    assert {d.get(RDF_RESOURCE) for d in dataset.findall("dcat:distribution", NS)} == set(
        distributions
    )
    formats = {}
    for uri, distribution in distributions.items():
        assert _one(distribution, "dcat:accessURL").get(RDF_RESOURCE) == uri
        assert _one(distribution, "dcat:downloadURL").get(RDF_RESOURCE) == uri
        assert _one(distribution, "dct:license").get(RDF_RESOURCE) == (
            "http://creativecommons.org/publicdomain/zero/1.0/"
        )
        assert _one(distribution, "dct:title").get(XML_LANG) == "sv"
        file_type = _one(distribution, "dct:format").get(RDF_RESOURCE).rsplit("/", 1)[1]
        formats[file_type] = _one(distribution, "dcat:mediaType").get(RDF_RESOURCE)
        # The harvester can fetch what the description points at.
        assert client.get(uri.removeprefix("http://testserver")).status_code == 200
    assert formats == {
        "CSV": "http://www.iana.org/assignments/media-types/text/csv",
        "JSON": "http://www.iana.org/assignments/media-types/application/json",
    }
    assert other_body.name not in client.get(url).content.decode()


def test_the_catalogue_of_every_body_lists_the_publishing_bodies(client, public_body, other_body):
    _published(public_body, 0)
    _published(other_body, 1)
    silent = OrganisationFactory(public=True, name="Tysta nämnden")
    PartnershipFactory(public_body=silent, title="Bara ett utkast")
    _get(client, "reporting:open_data_csv", public_body)  # Stockholm's set is built
    url = reverse("reporting:open_data_catalog")
    root = _rdf(client, url)
    catalogs = {c.get(RDF_ABOUT): c for c in root.findall("dcat:Catalog", NS)}
    main = catalogs.pop(f"http://testserver{url}")
    assert _one(main, "dct:title").get(XML_LANG) == "sv"
    body_catalogs = {
        f"http://testserver{reverse('reporting:open_data_dcat', args=[body.org_number])}": body
        for body in (public_body, other_body)
    }
    # Each body's catalogue is a part of the main one, as dataportal.se harvests several.
    assert {p.get(RDF_RESOURCE) for p in main.findall("dct:hasPart", NS)} == set(body_catalogs)
    assert set(catalogs) == set(body_catalogs)
    datasets = root.findall("dcat:Dataset", NS)
    assert {d.get(RDF_ABOUT) for d in datasets} == {f"{uri}#dataset" for uri in body_catalogs}
    for uri, body in body_catalogs.items():
        assert _one(catalogs[uri], "dcat:dataset").get(RDF_RESOURCE) == f"{uri}#dataset"
        assert _one(catalogs[uri], "dct:publisher").get(RDF_RESOURCE).endswith(body.org_number)
    assert len(root.findall("dcat:Distribution", NS)) == 4
    assert "Tysta nämnden" not in client.get(url).content.decode()
    first = client.get(url)
    assert client.get(url, headers={"if_none_match": first["ETag"]}).status_code == 304
    organisation_update(organisation=other_body, name="Uppsala, omdöpt")
    renamed = client.get(url, headers={"if_none_match": first["ETag"]})
    assert renamed.status_code == 200 and "Uppsala, omdöpt" in renamed.content.decode()


def test_the_catalogue_queries_do_not_grow_with_the_bodies(client, public_body, other_body):
    _published(public_body, 0)
    _published(other_body, 1)
    url = reverse("reporting:open_data_catalog")
    with_two = _queries(client, url)
    for index in range(3):
        _published(OrganisationFactory(public=True), 2 + index)
    assert _queries(client, url) == with_two
    assert len(_rdf(client, url).findall("dcat:Dataset", NS)) == 5


# --- The public index --------------------------------------------------------------------------


def test_open_data_index_lists_publishing_bodies_without_contact_data(
    client, public_body, other_body, django_assert_max_num_queries
):
    RelationFactory(
        body=public_body,
        organisation=public_body,
        contact_name="Kalle Kontakt",
        contact_email="kalle@example.org",
        contact_phone="08-123 456 78",
    )
    public_body.street_address = "Hemliga gatan 1"
    public_body.save()
    for index in range(3):
        _published(public_body, index)
    PartnershipFactory(public_body=other_body, title="Bara ett utkast")  # nothing published
    silent = OrganisationFactory(public=True, name="Tysta nämnden")

    # The count, the bodies of the page with their counts, and the request savepoint.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reporting:open_data_index"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Öppna data om idéburna offentliga partnerskap" in page
    assert public_body.name in page
    assert reverse("reporting:open_data", args=[public_body.org_number]) in page
    assert reverse("reporting:open_data_json", args=[public_body.org_number]) in page
    assert reverse("reporting:open_data_dcat", args=[public_body.org_number]) in page
    assert reverse("reporting:open_data_catalog") in page
    assert public_body.org_number_display in page
    for absent in (other_body.name, silent.name, "Bara ett utkast"):
        assert absent not in page
    for secret in ("Kalle Kontakt", "kalle@example.org", "08-123 456 78", "Hemliga gatan"):
        assert secret not in page
    for name in PAGES:
        text = _content(_get(client, name, public_body)).decode()
        for secret in ("Kalle Kontakt", "kalle@example.org", "08-123 456 78", "Hemliga gatan"):
            assert secret not in text
    body_page = client.get(reverse("reporting:open_data", args=[public_body.org_number]))
    assert reverse("reporting:open_data_index") in body_page.content.decode()


def test_open_data_index_without_publishing_bodies(client, public_body):
    PartnershipFactory(public_body=public_body)  # a draft is not published
    page = client.get(reverse("reporting:open_data_index")).content.decode()
    assert "Ingen offentlig aktör har publicerat något partnerskap ännu." in page


@pytest.mark.parametrize("name", ["reporting:open_data_json", "reporting:open_data_csv"])
def test_the_files_are_compressed_for_clients_that_accept_it(client, public_body, name):
    for index in range(3):
        _published(public_body, index)
    plain = _get(client, name, public_body)
    content = b"".join(plain.streaming_content)
    packed = client.get(reverse(name, args=[public_body.org_number]), HTTP_ACCEPT_ENCODING="gzip")
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert packed.streaming  # still streamed, compressed piece by piece
    compressed = b"".join(packed.streaming_content)
    assert gzip.decompress(compressed) == content
    assert len(compressed) < len(content)
    # The compressed file keeps its validator (weak now), and a repeated request is a 304.
    again = client.get(
        reverse(name, args=[public_body.org_number]),
        HTTP_ACCEPT_ENCODING="gzip",
        HTTP_IF_NONE_MATCH=packed["ETag"],
    )
    assert again.status_code == 304
