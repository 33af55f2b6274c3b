import datetime

import pytest

from governance.constants import GroupKind, MemberRole
from governance.models import GroupMember
from governance.services import group_create
from tests.factories import OrganisationFactory, PartnershipFactory

EU_ORGANISATIONS = [
    ("Convictus", "8020121581"),
    ("Filadelfiaförsamlingen", "8020008713"),
    ("Frälsningsarmén", "8020061688"),
    ("Ny Gemenskap", "8020061019"),
    ("Stockholms stadsmission", "8020031954"),
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # UserFactory hashes a password for every user; the default hasher is slow by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def eu_partnership(public_body):
    """Seed 002: five organisations, 2017-05-01–2019-04-30."""
    organisations = [
        OrganisationFactory(name=name, org_number=number) for name, number in EU_ORGANISATIONS
    ]
    return PartnershipFactory(
        public_body=public_body,
        title="Humanitärt stöd för utsatta EU-medborgare",
        registry_number="156-139/2015",
        start_date=datetime.date(2017, 5, 1),
        end_date=datetime.date(2019, 4, 30),
        organisations=organisations,
        active=True,
    )


def _fill(group, partnership):
    for party in partnership.parties.select_related("organisation"):
        if party.is_public:
            GroupMember.objects.create(
                group=group,
                organisation=party.organisation,
                name="Processledare Stad",
                role=MemberRole.PROCESS_LEADER,
                joined_on=partnership.start_date,
            )
        else:
            GroupMember.objects.create(
                group=group,
                organisation=party.organisation,
                name=f"Representant {party.organisation.name}",
                role=MemberRole.REPRESENTATIVE,
                joined_on=partnership.start_date,
            )
    return group


@pytest.fixture
def steering_group(eu_partnership):
    group = group_create(partnership=eu_partnership, kind=GroupKind.STEERING)
    return _fill(group, eu_partnership)


@pytest.fixture
def cooperation_group(eu_partnership):
    group = group_create(partnership=eu_partnership, kind=GroupKind.COOPERATION)
    return _fill(group, eu_partnership)


def log_in(client, user):
    """force_login with the user as stored (UserFactory sets the password after saving)."""
    user.refresh_from_db()
    client.force_login(user)
    return client
