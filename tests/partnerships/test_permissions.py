"""Who sees and changes what: role × page → status code."""

import pytest
from django.urls import reverse

from partnerships.constants import Status
from partnerships.models import Partnership
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

PAGES = ["list", "detail", "update", "transition"]

# who → expected status per page, for the public body's partnership with Bris as party.
EXPECTED = {
    "anonymous": {"list": 302, "detail": 302, "update": 302, "transition": 302},
    "administrator": {"list": 200, "detail": 200, "update": 200, "transition": 302},
    "other_administrator": {"list": 200, "detail": 404, "update": 404, "transition": 404},
    "official": {"list": 200, "detail": 200, "update": 403, "transition": 403},
    "representative": {"list": 200, "detail": 200, "update": 403, "transition": 403},
    "unrelated_representative": {"list": 200, "detail": 404, "update": 404, "transition": 404},
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", EXPECTED)
def test_permission_matrix(client, request, partnership, who, page):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = (
        reverse("partnerships:list")
        if page == "list"
        else reverse(f"partnerships:{page}", args=[partnership.pk])
    )
    if page == "transition":
        response = client.post(url, {"to_status": "proposed", "propose_incomplete": "on"})
    else:
        response = client.get(url)
    assert response.status_code == EXPECTED[who][page]
    if who == "anonymous":
        assert response.url.startswith(reverse("login"))
    expected_status = Status.PROPOSED if who == "administrator" and page == "transition" else None
    assert Partnership.objects.get().status == (expected_status or Status.DRAFT)


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("administrator", True),
        ("official", True),
        ("representative", True),
        ("other_administrator", False),
        ("unrelated_representative", False),
    ],
)
def test_list_shows_only_visible_partnerships(client, request, partnership, who, visible):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("partnerships:list")).content.decode()
    assert (partnership.title in page) is visible


@pytest.mark.parametrize("who", ["official", "representative"])
def test_readers_see_no_actions(client, request, partnership, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert reverse("partnerships:update", args=[partnership.pk]) not in page
    assert reverse("partnerships:transition", args=[partnership.pk]) not in page
    assert reverse("partnerships:party_create", args=[partnership.pk]) not in page
    listing = client.get(reverse("partnerships:list")).content.decode()
    assert reverse("partnerships:create") not in listing


def test_new_partnership_button_for_administrators(admin_client_):
    listing = admin_client_.get(reverse("partnerships:list")).content.decode()
    assert reverse("partnerships:create") in listing
    assert "Nytt partnerskap" in listing


@pytest.mark.parametrize("who", ["official", "representative"])
def test_readers_cannot_create(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("partnerships:create")).status_code == 403


@pytest.mark.parametrize("name", ["criteria", "party_create"])
def test_other_changes_are_refused_to_officials(client, official, partnership, name):
    client.force_login(official)
    assert client.get(reverse(f"partnerships:{name}", args=[partnership.pk])).status_code == 403


def test_another_bodys_appendix_is_404(client, administrator, other_body, organisation):
    from tests.factories import AppendixFactory

    foreign = PartnershipFactory(public_body=other_body, organisations=[organisation])
    appendix = AppendixFactory(party=foreign.parties.get(organisation=organisation))
    client.force_login(administrator)
    url = reverse("partnerships:appendix", args=[foreign.pk, appendix.pk])
    assert client.get(url).status_code == 404


def test_appendix_of_another_partnership_via_own_url_is_404(
    admin_client_, partnership, other_body, organisation
):
    from tests.factories import AppendixFactory

    foreign = PartnershipFactory(public_body=other_body, organisations=[organisation])
    appendix = AppendixFactory(party=foreign.parties.get(organisation=organisation))
    url = reverse("partnerships:appendix", args=[partnership.pk, appendix.pk])
    assert admin_client_.get(url).status_code == 404
