import pytest
from django.urls import reverse

from organisations.models import Organisation
from organisations.permissions import can_edit_organisation, can_register_organisation
from tests.factories import OrganisationFactory, PartnershipFactory

from .conftest import form_data, log_in


@pytest.mark.django_db
def test_can_register_organisation(administrator, official, representative, superuser):
    assert can_register_organisation(administrator)
    assert can_register_organisation(superuser)
    assert not can_register_organisation(official)
    assert not can_register_organisation(representative)


@pytest.mark.django_db
def test_identity_is_edited_by_administrators_of_partnering_bodies(
    administrator, other_administrator, official, superuser, organisation, public_body, other_body
):
    assert not can_edit_organisation(administrator, organisation)
    PartnershipFactory(public_body=public_body, organisations=[organisation])
    assert can_edit_organisation(administrator, organisation)
    assert can_edit_organisation(superuser, organisation)
    # The other body has no partnership with Bris; an official never edits.
    assert not can_edit_organisation(other_administrator, organisation)
    assert not can_edit_organisation(official, organisation)
    # A body's own record: only its own administrators.
    assert can_edit_organisation(administrator, public_body)
    assert not can_edit_organisation(other_administrator, public_body)
    assert not can_edit_organisation(administrator, other_body)


@pytest.fixture
def urls(organisation, public_body):
    # Stockholm partners with Bris ("own"); nobody partners with "other".
    PartnershipFactory(public_body=public_body, organisations=[organisation])
    other = OrganisationFactory(name="Annan förening")
    return {
        "list": reverse("organisations:list"),
        "create": reverse("organisations:create"),
        "own": reverse("organisations:detail", args=[organisation.pk]),
        "own_edit": reverse("organisations:update", args=[organisation.pk]),
        "other": reverse("organisations:detail", args=[other.pk]),
        "other_edit": reverse("organisations:update", args=[other.pk]),
    }


# Role × page → expected status. "own" is Bris, the representative's organisation.
MATRIX = {
    "administrator": {
        "list": 200, "create": 200, "own": 200, "own_edit": 200, "other": 200, "other_edit": 403,
    },
    "official": {
        "list": 200, "create": 403, "own": 200, "own_edit": 403, "other": 200, "other_edit": 403,
    },
    "representative": {
        "list": 200, "create": 403, "own": 200, "own_edit": 403, "other": 404, "other_edit": 404,
    },
    "superuser": {
        "list": 200, "create": 200, "own": 200, "own_edit": 200, "other": 200, "other_edit": 200,
    },
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("target", ["list", "create", "own", "own_edit", "other", "other_edit"])
def test_permission_matrix(client, request, urls, role, target):
    log_in(client, request.getfixturevalue(role))
    assert client.get(urls[target]).status_code == MATRIX[role][target]


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["list", "create", "own", "own_edit"])
def test_anonymous_is_sent_to_login(client, urls, target):
    response = client.get(urls[target])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_representative_list_shows_only_own_organisation(client, representative, organisation):
    OrganisationFactory(name="Annan förening")
    log_in(client, representative)
    response = client.get(reverse("organisations:list"))
    assert [o.name for o in response.context["page"]] == [organisation.name]


@pytest.mark.django_db
def test_official_cannot_post_create_or_edit(client, official, organisation):
    log_in(client, official)
    assert client.post(reverse("organisations:create"), form_data()).status_code == 403
    url = reverse("organisations:update", args=[organisation.pk])
    assert client.post(url, form_data(name="Kapat")).status_code == 403
    assert not Organisation.objects.filter(name__in=["Convictus", "Kapat"]).exists()


@pytest.mark.django_db
def test_official_sees_no_create_or_edit_links(client, official, organisation):
    log_in(client, official)
    html = client.get(reverse("organisations:detail", args=[organisation.pk])).content.decode()
    assert reverse("organisations:update", args=[organisation.pk]) not in html
    assert (
        reverse("organisations:create")
        not in client.get(reverse("organisations:list")).content.decode()
    )
