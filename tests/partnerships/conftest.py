import pytest

from organisations.constants import Role
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory


def saved(user):
    """UserFactory sets the password after saving and does not save again
    (skip_postgeneration_save), so force_login's session hash would not match the database
    and the client would be logged out. Save it here (reported to the lead)."""
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def administrator(public_body):
    return saved(MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user)


@pytest.fixture
def official(public_body):
    return saved(MembershipFactory(organisation=public_body, role=Role.OFFICIAL).user)


@pytest.fixture
def representative(organisation, public_body):
    return saved(
        MembershipFactory(
            organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
        ).user
    )


@pytest.fixture
def other_administrator(other_body):
    return saved(MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user)


@pytest.fixture
def unrelated_representative(public_body):
    return saved(
        MembershipFactory(
            organisation=OrganisationFactory(name="Helt annan förening"),
            role=Role.REPRESENTATIVE,
            body=public_body,
        ).user
    )


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def partnership(public_body, organisation):
    """A draft partnership of the public body with Bris as idea-based party."""
    return PartnershipFactory(
        public_body=public_body,
        organisations=[organisation],
        title="Stödgrupper för placerade barn",
        registry_number="156-139/2015",
    )


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing the factories' passwords with PBKDF2 costs most of a test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
