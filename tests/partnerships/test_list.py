"""The list: search, filters, pagination and a bounded number of queries."""

import datetime

import pytest
from django.urls import reverse

from partnerships.constants import Status
from partnerships.models import Partnership
from tests.factories import AppendixFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def seeded(public_body):
    mission = OrganisationFactory(name="Stockholms stadsmission", org_number="8020031954")
    convictus = OrganisationFactory(name="Convictus", org_number="8020121581")
    eu = PartnershipFactory(
        public_body=public_body,
        title="Stöd till utsatta EU-medborgare",
        registry_number="156-139/2015",
        start_date=D(2017, 5, 1),
        end_date=D(2019, 4, 30),
        organisations=[convictus, mission],
        status=Status.ACTIVE,
    )
    bris = PartnershipFactory(
        public_body=public_body,
        title="Stödgrupper för placerade barn",
        registry_number="3.1-500/2016",
        start_date=D(2017, 1, 1),
        end_date=D(2018, 12, 31),
        organisations=[OrganisationFactory(name="Bris")],
    )
    minors = PartnershipFactory(
        public_body=public_body,
        title="Ensamkommande barn",
        registry_number="1.6.1-77/2017",
        start_date=D(2019, 9, 1),
        end_date=D(2021, 8, 31),
        organisations=[mission],
        status=Status.PROPOSED,
    )
    return {"eu": eu, "bris": bris, "minors": minors, "mission": mission}


def titles(client, **params):
    response = client.get(reverse("partnerships:list"), params)
    assert response.status_code == 200
    page = response.content.decode()
    return {
        key
        for key, title in [
            ("eu", "Stöd till utsatta EU-medborgare"),
            ("bris", "Stödgrupper för placerade barn"),
            ("minors", "Ensamkommande barn"),
        ]
        if title in page
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("placerade", {"bris"}),
        ("156-139/2015", {"eu"}),
        ("stadsmission", {"eu", "minors"}),
        ("802003-1954", {"eu", "minors"}),
        ("8020031954", {"eu", "minors"}),
        ("Convictus", {"eu"}),
        ("", {"eu", "bris", "minors"}),
    ],
)
def test_search(admin_client_, seeded, q, expected):
    assert titles(admin_client_, q=q) == expected


def test_status_filter(admin_client_, seeded):
    assert titles(admin_client_, status="active") == {"eu"}
    assert titles(admin_client_, status="proposed") == {"minors"}


@pytest.mark.parametrize(
    ("year", "expected"),
    [("2017", {"eu", "bris"}), ("2019", {"eu", "minors"}), ("2020", {"minors"}), ("2030", set())],
)
def test_year_filter_is_period_overlap(admin_client_, seeded, year, expected):
    assert titles(admin_client_, year=year) == expected


def test_organisation_filter_is_a_search_field_not_a_growing_select(
    admin_client_, seeded, other_body
):
    stranger = OrganisationFactory(name="Främling")
    PartnershipFactory(public_body=other_body, organisations=[stranger])
    page = admin_client_.get(reverse("partnerships:list")).content.decode()
    assert '<select name="organisation"' not in page
    assert 'name="organisation"' in page and "Främling" not in page
    # By organisation number, by the suggested label, or by part of the name.
    assert titles(admin_client_, organisation="802003-1954") == {"eu", "minors"}
    assert titles(admin_client_, organisation="Stockholms stadsmission (802003-1954)") == {
        "eu",
        "minors",
    }
    assert titles(admin_client_, organisation="Convictus") == {"eu"}
    # What the server resolved is offered back as a suggestion, without JavaScript.
    page = admin_client_.get(reverse("partnerships:list"), {"organisation": "stads"}).content
    assert '<option value="Stockholms stadsmission (802003-1954)">' in page.decode()
    # Another body's organisation matches nothing here.
    assert titles(admin_client_, organisation="Främling") == set()


def test_organisation_suggestions_only_from_visible_partnerships(admin_client_, seeded, other_body):
    PartnershipFactory(
        public_body=other_body, organisations=[OrganisationFactory(name="Stadsdelsföreningen")]
    )
    url = reverse("partnerships:organisation_suggest")
    found = admin_client_.get(url, {"q": "stads"}).json()
    assert [item["value"] for item in found] == ["Stockholms stadsmission (802003-1954)"]
    assert admin_client_.get(url, {"q": "s"}).json() == []


def test_partnership_suggestions(admin_client_, seeded, other_body):
    PartnershipFactory(public_body=other_body, title="Stöd i Uppsala")
    found = admin_client_.get(reverse("partnerships:suggest"), {"q": "Stöd"}).json()
    assert [item["value"] for item in found] == [
        "Stöd till utsatta EU-medborgare (156-139/2015)",
        "Stödgrupper för placerade barn (3.1-500/2016)",
    ]


def test_page_past_the_end_shows_the_last_page(admin_client_, seeded):
    response = admin_client_.get(reverse("partnerships:list"), {"page": 99})
    assert response.status_code == 200
    assert titles(admin_client_, page="99") == {"eu", "bris", "minors"}
    assert titles(admin_client_, page="x") == {"eu", "bris", "minors"}


def test_sorting_by_title_both_ways(admin_client_, seeded):
    def order(sort):
        page = admin_client_.get(reverse("partnerships:list"), {"sort": sort}).content.decode()
        names = ["Ensamkommande barn", "Stöd till utsatta EU-medborgare", "Stödgrupper för"]
        return sorted(names, key=page.index)

    assert order("title") == [
        "Ensamkommande barn",
        "Stöd till utsatta EU-medborgare",
        "Stödgrupper för",
    ]
    assert order("-title") == [
        "Stödgrupper för",
        "Stöd till utsatta EU-medborgare",
        "Ensamkommande barn",
    ]
    # An unknown key (or a column without an index) falls back to the default order.
    assert order("purpose") == order("-start")


def test_combined_search_and_filters(admin_client_, seeded):
    assert titles(admin_client_, q="stadsmission", year="2017") == {"eu"}


def test_row_shows_period_dnr_status_and_parties(admin_client_, seeded):
    page = admin_client_.get(reverse("partnerships:list")).content.decode()
    assert "2017-05-01 – 2019-04-30" in page
    assert "156-139/2015" in page
    assert '<span class="status status-active">Pågående</span>' in page
    assert "Convictus, Stockholms stadsmission" in page


def test_pagination_25_per_page(admin_client_, public_body):
    for n in range(27):
        PartnershipFactory(public_body=public_body, title=f"Partnerskap nr {n:02d}")
    first = admin_client_.get(reverse("partnerships:list")).content.decode()
    assert first.count("Partnerskap nr ") == 25
    assert "Sida 1 av 2" in first
    second = admin_client_.get(reverse("partnerships:list"), {"page": 2}).content.decode()
    assert "Sida 2 av 2" in second
    assert second.count("Partnerskap nr ") == 2


def make_many(public_body, count):
    for _ in range(count):
        PartnershipFactory(
            public_body=public_body, organisations=[OrganisationFactory(), OrganisationFactory()]
        )


def test_list_query_count_is_bounded(admin_client_, public_body, django_assert_max_num_queries):
    make_many(public_body, 30)
    with django_assert_max_num_queries(10):
        response = admin_client_.get(reverse("partnerships:list"), {"q": "Partnerskap"})
    assert response.status_code == 200


def test_list_query_count_for_representative(
    client, representative, organisation, public_body, django_assert_max_num_queries
):
    for _ in range(30):
        PartnershipFactory(
            public_body=public_body, organisations=[organisation, OrganisationFactory()]
        )
    client.force_login(representative)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("partnerships:list"), {"year": "2017"})
    assert response.content.decode().count("Bris") >= 25


def test_detail_query_count_is_bounded(
    admin_client_, public_body, administrator, django_assert_max_num_queries
):
    organisations = [OrganisationFactory() for _ in range(8)]
    partnership = PartnershipFactory(public_body=public_body, organisations=organisations)
    for party in partnership.parties.all():
        AppendixFactory(party=party, number=f"2.{party.pk}", status="replaced", version=1)
        AppendixFactory(party=party, number=f"2.{party.pk}", version=2)
    # The page also shows the finance summary and the groups: 19 queries for 9 parties,
    # the same for 2; "Next step" asks each app a fixed number of questions (about 10 more).
    with django_assert_max_num_queries(32):
        response = admin_client_.get(reverse("partnerships:detail", args=[partnership.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Tidigare versioner:") == 9


def test_search_by_a_shared_organisations_name_finds_only_the_bodys_own_partnerships(
    client, public_body, other_body, other_administrator
):
    shared = OrganisationFactory(name="Gemensamma föreningen")
    ours = PartnershipFactory(public_body=public_body, organisations=[shared], title="Vårt")
    second = OrganisationFactory(name="Gemensamma andra föreningen")
    theirs = PartnershipFactory(
        public_body=other_body, organisations=[shared, second], title="Deras"
    )
    client.force_login(other_administrator)
    for term in ("Gemensamma", shared.org_number):
        content = client.get(reverse("partnerships:list"), {"q": term}).content.decode()
        assert reverse("partnerships:detail", args=[theirs.pk]) in content
        assert reverse("partnerships:detail", args=[ours.pk]) not in content
    # Two of its parties match: the partnership is found, and counted, once.
    assert Partnership.objects.visible_to(other_administrator).search("Gemensamma").count() == 1
