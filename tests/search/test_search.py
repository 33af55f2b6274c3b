"""One search box across the register (issue 14, point 5): organisations, partnerships with
their appendices and memos, meetings and memos, scoped to what the user may see; full-text
search with the Swedish configuration on PostgreSQL, every word on SQLite."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Group, Meeting
from organisations.constants import Role
from partnerships.models import Appendix, Partnership
from reporting.models import DecisionMemo
from search.text import matching
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def _partnership(body, organisation, title, commitments="Stöd till barn."):
    partnership = PartnershipFactory(public_body=body, organisations=[organisation], title=title)
    AppendixFactory(
        party=partnership.parties.get(organisation=organisation), commitments=commitments
    )
    return partnership


def _memo(partnership, matter):
    return DecisionMemo.objects.create(
        partnership=partnership,
        case_officer_name="Cecilia Ek",
        board="Socialnämnden",
        memo_date=datetime.date(2017, 1, 10),
        registry_number=partnership.registry_number,
        title="Tjänsteutlåtande om partnerskap",
        proposed_decision="Nämnden godkänner överenskommelsen.",
        official_1_name="Dag Ek",
        official_1_title="Förvaltningschef",
        matter=matter,
    )


@pytest.fixture
def register(public_body, other_body):
    mission = OrganisationFactory(name="Stockholms stadsmission")
    ours = _partnership(public_body, mission, "Unga vuxna", "Vi driver ett nattkafé för unga.")
    theirs = _partnership(other_body, mission, "Uppsalas unga", "Ett nattkafé i Uppsala.")
    _memo(ours, "Förvaltningen föreslår samverkan kring härbärget.")
    group = Group.objects.create(partnership=ours, kind="steering", meeting_interval_days=91)
    Meeting.objects.create(group=group, date=datetime.date(2017, 3, 1), minutes="Om fältarbetet.")
    other_group = Group.objects.create(
        partnership=theirs, kind="steering", meeting_interval_days=91
    )
    Meeting.objects.create(
        group=other_group, date=datetime.date(2017, 3, 2), minutes="Om fältarbetet."
    )
    return {"ours": ours, "theirs": theirs, "mission": mission}


def _page(client, term, **params):
    response = client.get(URL, {"q": term, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_appendix_text_finds_the_partnership_of_my_body_only(client, official, register):
    client.force_login(official)
    page = _page(client, "nattkafé")
    assert "Unga vuxna" in page and "träff i en bilaga" in page
    assert "Uppsalas unga" not in page  # the other body's partnership, same organisation
    # Case and the beginning of a word are enough.
    assert "Unga vuxna" in _page(client, "NATTKAF")


def test_the_memo_is_searched_for_the_bodys_staff_only(client, official, register, public_body):
    client.force_login(official)
    page = _page(client, "härbärget")
    assert "Tjänsteutlåtande om partnerskap" in page and "träff i tjänsteutlåtandet" in page
    representative = MembershipFactory(
        organisation=register["mission"], role=Role.REPRESENTATIVE, body=public_body
    ).user
    representative.save(update_fields=["password"])
    client.force_login(representative)
    page = _page(client, "härbärget")
    assert "Tjänsteutlåtande om partnerskap" not in page
    assert "Unga vuxna" not in page  # nor is the partnership found through its memo
    assert "Unga vuxna" in _page(client, "nattkafé")  # but through its appendix, as a party


def test_meetings_and_organisations_are_found_within_reach(client, other_official, register):
    client.force_login(other_official)
    page = _page(client, "fältarbetet")
    assert "Uppsalas unga" in page and "Unga vuxna" not in page
    assert "Stockholms stadsmission" in _page(client, "stadsmission")


def test_odd_characters_answer_with_no_results_not_an_error(client, official, register):
    client.force_login(official)
    for term in ["%00", "'\"&|!:*()<>", "nattkafé & | !", "a" * 300, "ä:*&!"]:
        page = _page(client, term)
        assert "Något gick fel" not in page
    assert client.get(URL, {"q": "\x00"}).status_code == 400  # the request guard's answer
    assert "Skriv ett ord eller ett nummer" in _page(client, "&&&")
    assert "Unga vuxna" in _page(client, "nattkafé & | !")


def test_each_section_is_paged_and_the_queries_do_not_grow(client, official, public_body):
    mission = OrganisationFactory(name="Stadsmissionen")
    client.force_login(official)

    def queries_for(rows):
        for _ in range(rows):
            _partnership(public_body, mission, "Nattkafé", "Nattkafé")
        with CaptureQueriesContext(connection) as captured:
            _page(client, "nattkafé")
        return len(captured)

    assert queries_for(3) == queries_for(30)
    first = _page(client, "nattkafé")
    assert "Sida 1 av 4" in first
    last = _page(client, "nattkafé", partnerships_page=4)
    assert len(re.findall(r'href="/partnerships/\d+/"', last)) == 3


def test_anonymous_is_sent_to_log_in_and_every_page_has_the_box(client, official):
    assert client.get(URL, {"q": "x"})["Location"].startswith(reverse("login"))
    client.force_login(official)
    page = client.get(reverse("partnerships:list")).content.decode()
    assert 'role="search"' in page and 'action="/search/"' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text indexes are PostgreSQL's")
def test_postgresql_answers_from_the_full_text_indexes(register):
    def plan(queryset) -> str:
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

    assert "partnership_fulltext" in plan(matching(Partnership.objects.all(), "nattkafé"))
    assert "appendix_fulltext" in plan(matching(Appendix.objects.all(), "nattkafé"))
    assert "meeting_fulltext" in plan(matching(Meeting.objects.all(), "fältarbetet"))
    assert "decisionmemo_fulltext" in plan(matching(DecisionMemo.objects.all(), "härbärget"))
