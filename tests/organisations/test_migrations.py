"""The data migrations of issue 9, run against rows written with the models of before."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def at_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _organisation(apps, name, sector="idea_based"):
    Organisation = apps.get_model("organisations", "Organisation")
    legal_form = "municipality" if sector == "public" else "non_profit_association"
    return Organisation.objects.create(name=name, sector=sector, legal_form=legal_form)


def _partnership(apps, body, organisation, number):
    Partnership = apps.get_model("partnerships", "Partnership")
    Party = apps.get_model("partnerships", "Party")
    start = datetime.date(2017, 1, 1)
    partnership = Partnership.objects.create(
        public_body=body,
        title=f"P{number}",
        registry_number=f"{number}/2017",
        start_date=start,
        end_date=datetime.date(2018, 12, 31),
    )
    Party.objects.create(
        partnership=partnership, organisation=body, is_public=True, joined_on=start
    )
    Party.objects.create(partnership=partnership, organisation=organisation, joined_on=start)
    return partnership


@pytest.mark.usefixtures("at_latest")
def test_representatives_keep_what_they_saw_one_membership_per_partnering_body():
    apps = migrate([("organisations", "0001_initial"), ("partnerships", "0001_initial")])
    User = apps.get_model("auth", "User")
    Membership = apps.get_model("organisations", "Membership")
    stockholm = _organisation(apps, "Stockholm", "public")
    uppsala = _organisation(apps, "Uppsala", "public")
    _organisation(apps, "Malmö", "public")
    bris = _organisation(apps, "Bris")
    lonely = _organisation(apps, "Utan partnerskap")
    _partnership(apps, stockholm, bris, 1)
    _partnership(apps, uppsala, bris, 2)
    rep = User.objects.create(username="rep")
    admin = User.objects.create(username="admin")
    Membership.objects.create(user=rep, organisation=bris, role="representative")
    Membership.objects.create(user=rep, organisation=lonely, role="representative")
    Membership.objects.create(user=admin, organisation=stockholm, role="administrator")

    apps = migrate([("organisations", "0005_membership_constraints")])
    Membership = apps.get_model("organisations", "Membership")
    assert sorted(
        Membership.objects.filter(user__username="rep").values_list(
            "organisation__name", "body__name"
        )
    ) == [("Bris", "Stockholm"), ("Bris", "Uppsala")]
    staff = Membership.objects.get(user__username="admin")
    assert (staff.role, staff.body_id) == ("administrator", None)


@pytest.mark.usefixtures("at_latest")
def test_details_become_the_relation_of_every_partnering_body():
    apps = migrate([("organisations", "0006_relations"), ("partnerships", "0003_search_indexes")])
    Organisation = apps.get_model("organisations", "Organisation")
    Signatory = apps.get_model("organisations", "AuthorisedSignatory")
    stockholm = _organisation(apps, "Stockholm", "public")
    uppsala = _organisation(apps, "Uppsala", "public")
    _organisation(apps, "Malmö", "public")
    bris = _organisation(apps, "Bris")
    Organisation.objects.filter(pk=bris.pk).update(
        bankgiro="50501055", contact_name="Kim", contact_email="kim@example.org"
    )
    Organisation.objects.filter(pk=stockholm.pk).update(contact_phone="08-508 25 000")
    Signatory.objects.create(organisation_id=bris.pk, name="Anna", title="Ordförande")
    Signatory.objects.create(organisation_id=stockholm.pk, name="Gillis Hammar")
    _partnership(apps, stockholm, bris, 1)
    _partnership(apps, uppsala, bris, 2)

    apps = migrate([("organisations", "0008_relations_hold_details")])
    Relation = apps.get_model("organisations", "Relation")
    rows = sorted(
        Relation.objects.values_list(
            "body__name", "organisation__name", "bankgiro", "contact_name", "contact_phone"
        )
    )
    # Malmö does not partner with Bris: it gets no relation with it (only its own record).
    assert rows == [
        ("Malmö", "Malmö", "", "", ""),
        ("Stockholm", "Bris", "50501055", "Kim", ""),
        ("Stockholm", "Stockholm", "", "", "08-508 25 000"),
        ("Uppsala", "Bris", "50501055", "Kim", ""),
        ("Uppsala", "Uppsala", "", "", ""),
    ]
    Signatory = apps.get_model("organisations", "AuthorisedSignatory")
    assert sorted(
        Signatory.objects.values_list(
            "relation__body__name", "relation__organisation__name", "name"
        )
    ) == [
        ("Stockholm", "Bris", "Anna"),
        ("Stockholm", "Stockholm", "Gillis Hammar"),
        ("Uppsala", "Bris", "Anna"),
    ]
