import pytest
from django.utils import translation

from organisations.constants import Role

from .factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def other_body(db):
    return OrganisationFactory(public=True, name="Socialförvaltningen, Uppsala kommun")


@pytest.fixture
def other_administrator(other_body):
    return MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user


@pytest.fixture
def other_official(other_body):
    return MembershipFactory(organisation=other_body, role=Role.OFFICIAL).user


@pytest.fixture
def public_body(db, other_administrator, other_official):
    """Stockholm. Beside it there is always a second body (Uppsala) with its own
    administrator and official, so every test runs with "the other body" present."""
    return OrganisationFactory(public=True, name="Socialförvaltningen, Stockholms stad")


@pytest.fixture
def administrator(public_body):
    return MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user


@pytest.fixture
def official(public_body):
    return MembershipFactory(organisation=public_body, role=Role.OFFICIAL).user


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Bris")


@pytest.fixture
def representative(organisation, public_body):
    """Bris's representative, invited by Stockholm."""
    return MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
    ).user


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture(autouse=True)
def _jobs_and_cache(settings):
    # Background jobs run at once in the test's transaction (a test of the real worker
    # sets "celery"); each test gets an empty cache of its own.
    settings.IOP_JOBS_RUN = "eager"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with PBKDF2 dominates test time; what is tested is who may log in, not the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish():
    # The interface language is Swedish; a test that switches to English must not leak it
    # into the next test run by the same worker.
    with translation.override("sv"):
        yield
