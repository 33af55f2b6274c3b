"""Search of partnerships and organisations by name, registry number or organisation number
is served by trigram indexes on PostgreSQL; SQLite runs the same query without them."""

import pytest
from django.db import connection

from organisations.models import Organisation
from partnerships.models import Partnership
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

TRIGRAM_INDEXES = {
    "organisation_name_trgm",
    "organisation_org_number_trgm",
    "partnership_title_trgm",
    "partnership_dnr_trgm",
}


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # On a few rows a scan is cheaper; forbid it, and a full walk of an unrelated b-tree index,
        # to see whether an index can serve the condition itself (GIN is read by bitmap scans).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_finds_by_name_number_and_registry_number(public_body):
    mission = OrganisationFactory(name="Stockholms stadsmission", org_number="8020031954")
    PartnershipFactory(
        public_body=public_body, registry_number="156-139/2015", organisations=[mission]
    )
    assert list(Organisation.objects.search("stadsmiss")) == [mission]
    assert list(Organisation.objects.search("802003-1954")) == [mission]
    assert Partnership.objects.search("139/2015").count() == 1
    assert Partnership.objects.search("STADSMISSION").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_uses_the_trigram_indexes(public_body):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        assert {row[0] for row in cursor.fetchall()} >= TRIGRAM_INDEXES
    assert "organisation_name_trgm" in plan(Organisation.objects.filter(name__icontains="miss"))
    assert "partnership_title_trgm" in plan(Partnership.objects.filter(title__icontains="stöd"))
    assert "partnership_dnr_trgm" in plan(
        Partnership.objects.filter(registry_number__icontains="139/2015")
    )
    assert "organisation_org_number_trgm" in plan(
        Organisation.objects.filter(org_number__contains="0031")
    )
