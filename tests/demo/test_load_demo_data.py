"""manage.py load_demo_data: the seed documents' facts, loaded once however often it runs."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from organisations.constants import Role
from organisations.models import AuthorisedSignatory, Membership, Organisation
from partnerships.constants import AppendixStatus, Status
from partnerships.models import (
    Appendix,
    CriterionAssessment,
    Partnership,
    Party,
    Resource,
    StatusChange,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Organisation,
    AuthorisedSignatory,
    Membership,
    Partnership,
    Party,
    Appendix,
    Resource,
    CriterionAssessment,
    StatusChange,
    get_user_model(),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _load() -> str:
    out = StringIO()
    call_command("load_demo_data", "--only-core", "--as-in-seeds", stdout=out)
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_running_twice_creates_nothing_twice():
    _load()
    first = _counts()
    _load()

    assert _counts() == first
    assert first["Partnership"] == 3
    assert first["Organisation"] == 10


def test_the_three_seed_partnerships_with_their_parties_and_periods():
    _load()

    bris = Partnership.objects.get(title="Stödgrupper för barn placerade i familjehem")
    eu = Partnership.objects.get(registry_number="156-139/2015")
    minors = Partnership.objects.get(title__startswith="Verksamhet för ensamkommande barn")

    def parties(partnership):
        return sorted(
            (party.organisation.name, party.organisation.org_number or "")
            for party in partnership.parties.select_related("organisation")
            if not party.is_public
        )

    assert parties(bris) == [("Bris – Barnens rätt i samhället", "")]
    assert parties(eu) == [
        ("Convictus", "8020121581"),
        ("Filadelfiaförsamlingen", "8020008713"),
        ("Frälsningsarmén", "8020061688"),
        ("Ny Gemenskap", "8020061019"),
        ("Stockholms stadsmission", "8020031954"),
    ]
    assert parties(minors) == [
        ("Barnrättsbyrån", "8024906771"),
        ("Rädda Barnen", "8020028638"),
        ("Stockholms stadsmission", "8020031954"),
        ("Svenska Röda Korset", "8020028711"),
    ]
    for partnership in (bris, eu, minors):
        public = partnership.parties.get(is_public=True).organisation
        assert public.name == "Socialförvaltningen, Stockholms stad"
        assert public.org_number == "2120000142"

    assert (bris.start_date, bris.end_date) == (
        datetime.date(2017, 1, 1),
        datetime.date(2018, 12, 31),
    )
    assert (eu.start_date, eu.end_date) == (datetime.date(2017, 5, 1), datetime.date(2019, 4, 30))
    assert (minors.start_date, minors.end_date) == (
        datetime.date(2017, 9, 1),
        datetime.date(2019, 8, 31),
    )
    assert minors.latest_end_date == datetime.date(2021, 8, 31)
    assert minors.is_extendable
    assert bris.latest_end_date is None and eu.latest_end_date is None
    assert len(minors.activity_list) == 8

    # Registry numbers the seeds do not give are marked as placeholders.
    assert bris.registry_number.startswith("DEMO-")
    assert minors.registry_number.startswith("DEMO-")

    assert (bris.status, eu.status, minors.status) == (
        Status.ACTIVE,
        Status.DECIDED,
        Status.PROPOSED,
    )


def test_one_appendix_per_party_with_the_seed_resources():
    _load()
    minors = Partnership.objects.get(title__startswith="Verksamhet för ensamkommande barn")
    appendices = Appendix.objects.filter(
        party__partnership=minors, status=AppendixStatus.CURRENT
    ).order_by("number")

    assert [(a.number, a.title) for a in appendices] == [
        ("2.1", "Avtal Barnrättsbyrån"),
        ("2.2", "Avtal Rädda Barnen"),
        ("2.3", "Avtal Stockholms Stadsmission"),
        ("2.4", "Avtal Svenska Röda Korset"),
        ("2.5", "Socialnämndens verksamheter"),
    ]
    public_money = Resource.objects.filter(
        appendix__party__partnership=minors, appendix__party__is_public=True, kind="money"
    ).values_list("amount", flat=True)
    assert sorted(public_money) == [Decimal("1540640.00"), Decimal("5888920.00")]

    bris = Partnership.objects.get(title="Stödgrupper för barn placerade i familjehem")
    assert Resource.objects.get(appendix__party__partnership=bris, kind="money").amount == Decimal(
        "711833.00"
    )
    assert all(party.current_appendix for party in bris.parties.prefetch_related("appendices"))


def test_forum_criteria_are_assessed_as_met():
    _load()

    assert CriterionAssessment.objects.count() == 18
    assert not CriterionAssessment.objects.exclude(is_met=True).exists()
    assert not CriterionAssessment.objects.filter(justification="").exists()


def test_demo_users_can_log_in_with_their_roles(client):
    out = _load()

    assert "iop-demo-2017" in out
    assert "rep-stadsmission" in out
    stadsmission = Organisation.objects.get(org_number="8020031954")
    assert Membership.objects.get(user__username="rep-stadsmission").organisation == stadsmission
    assert Membership.objects.get(user__username="administrator").role == Role.ADMINISTRATOR
    assert Membership.objects.get(user__username="handlaggare").role == Role.OFFICIAL
    assert get_user_model().objects.get(username="superuser").is_superuser
    assert AuthorisedSignatory.objects.get(name="Gillis Hammar").title == "Förvaltningschef"

    assert client.login(username="handlaggare", password="iop-demo-2017")


def test_with_the_other_apps_demo_data_it_still_runs_twice():
    call_command("load_demo_data", "--as-in-seeds", stdout=StringIO())
    first = _counts()
    call_command("load_demo_data", "--as-in-seeds", stdout=StringIO())

    assert _counts() == first
