import pytest

from tests.factories import OrganisationFactory, PartnershipFactory


def log_in(client, user):
    """force_login with the user as stored: UserFactory sets the password after saving
    (skip_postgeneration_save), so the in-memory session hash would not match the database."""
    user.refresh_from_db()
    client.force_login(user)
    return client


@pytest.fixture
def administrator_client(client, administrator):
    return log_in(client, administrator)


@pytest.fixture
def mission(db):
    return OrganisationFactory(
        name="Stockholms stadsmission", org_number="8020031954", city="Stockholm"
    )


@pytest.fixture
def partnered_mission(mission, public_body):
    """Stadsmissionen with a draft partnership with Stockholm, whose administrators may
    then change its identity."""
    PartnershipFactory(public_body=public_body, organisations=[mission], title="Utkast")
    return mission


def form_data(**kwargs):
    """A complete, valid POST for the organisation form with two empty signatory rows."""
    data = {
        "name": "Convictus",
        "org_number": "802012-1581",
        "sector": "idea_based",
        "legal_form": "non_profit_association",
        "street_address": "Krukmakargatan 1",
        "postal_code": "118 51",
        "city": "Stockholm",
        "registered_idea_based_since": "",
    }
    data.update(kwargs)
    return {k: v for k, v in data.items() if v is not None}


def relation_data(**kwargs):
    """A complete, valid POST for one body's details with two empty signatory rows."""
    data = {
        "contact_name": "Kim Kontakt",
        "contact_email": "kim@example.org",
        "contact_phone": "08-123 45 67",
        "bankgiro": "5050-1055",
        "plusgiro": "",
        "notes": "",
        "signatories-TOTAL_FORMS": "2",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "1000",
        "signatories-0-name": "Anna Andersson",
        "signatories-0-title": "Ordförande",
        "signatories-1-name": "",
        "signatories-1-title": "",
    }
    data.update(kwargs)
    return {k: v for k, v in data.items() if v is not None}
