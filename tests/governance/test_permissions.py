"""Role × page × expected status. Invisible is 404, visible but not allowed is 403."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.services import chair_draw, meeting_record
from organisations.constants import Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.governance.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(steering_group, cooperation_group, eu_partnership, other_body, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    meeting = meeting_record(
        group=steering_group,
        date=datetime.date(2017, 6, 1),
        user=None,
        minutes_file=SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 test"),
    )
    party_org = eu_partnership.parties.filter(is_public=False).first().organisation
    return {
        "partnership": eu_partnership,
        "steering": steering_group,
        "cooperation": cooperation_group,
        "draw": draw,
        "meeting": meeting,
        "users": {
            "administrator": MembershipFactory(
                organisation=eu_partnership.public_body, role=Role.ADMINISTRATOR
            ).user,
            "official": MembershipFactory(
                organisation=eu_partnership.public_body, role=Role.OFFICIAL
            ).user,
            "party_representative": MembershipFactory(
                organisation=party_org,
                role=Role.REPRESENTATIVE,
                body=eu_partnership.public_body,
            ).user,
            "other_representative": MembershipFactory(
                organisation=OrganisationFactory(),
                role=Role.REPRESENTATIVE,
                body=eu_partnership.public_body,
            ).user,
            "other_administrator": MembershipFactory(
                organisation=other_body, role=Role.ADMINISTRATOR
            ).user,
        },
    }


PAGES = {
    "partnership_groups": lambda w: reverse(
        "governance:partnership_groups", args=[w["partnership"].pk]
    ),
    "group": lambda w: reverse("governance:group", args=[w["steering"].pk]),
    "meeting": lambda w: reverse("governance:meeting", args=[w["meeting"].pk]),
    "minutes": lambda w: reverse("governance:minutes", args=[w["meeting"].pk]),
    "group_settings": lambda w: reverse("governance:group_settings", args=[w["steering"].pk]),
    "member_create": lambda w: reverse("governance:member_create", args=[w["steering"].pk]),
    "meeting_create": lambda w: reverse("governance:meeting_create", args=[w["steering"].pk]),
    "chair_redraw": lambda w: reverse("governance:chair_redraw", args=[w["draw"].pk]),
    "report_create": lambda w: reverse("governance:report_create", args=[w["cooperation"].pk]),
    "compilation_create": lambda w: reverse(
        "governance:compilation_create", args=[w["partnership"].pk]
    ),
}

# role: {page: status}; pages not named give the role's default.
EXPECTED = {
    "administrator": {"default": 200},
    "official": {"default": 200, "group_settings": 403, "member_create": 403},
    "party_representative": {
        "default": 403,
        "partnership_groups": 200,
        "group": 200,
        "meeting": 200,
        "minutes": 200,
        "report_create": 200,  # their organisation sits in the cooperation group
    },
    "other_representative": {"default": 404},
    "other_administrator": {"default": 404},
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("url_name", list(PAGES))
def test_get_matrix(client, world, role, url_name):
    log_in(client, world["users"][role])
    response = client.get(PAGES[url_name](world))
    expected = EXPECTED[role].get(url_name, EXPECTED[role]["default"])
    assert response.status_code == expected


@pytest.mark.parametrize("url_name", list(PAGES))
def test_anonymous_is_sent_to_log_in(client, world, url_name):
    response = client.get(PAGES[url_name](world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


POSTS = {
    "chair_draw": (
        lambda w: reverse("governance:chair_draw", args=[w["steering"].pk]),
        {"term_start": "2017-08-01"},
    ),
    "decision_create": (
        lambda w: reverse("governance:decision_create", args=[w["meeting"].pk]),
        {"kind": "other", "text": "Beslut"},
    ),
    "group_create": (
        lambda w: reverse("governance:group_create", args=[w["partnership"].pk]),
        {"kind": "steering", "chair_term_months": "3"},
    ),
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("party_representative", 403),
        ("other_representative", 404),
        ("other_administrator", 404),
    ],
)
@pytest.mark.parametrize("action", list(POSTS))
def test_changes_are_refused(client, world, role, expected, action):
    url, data = POSTS[action]
    log_in(client, world["users"][role])
    counts = (world["steering"].draws.count(), world["meeting"].decisions.count())
    assert client.post(url(world), data).status_code == expected
    assert (world["steering"].draws.count(), world["meeting"].decisions.count()) == counts


@pytest.mark.parametrize("action", ["chair_draw", "decision_create", "group_create"])
def test_state_changes_are_post_only(client, world, action):
    log_in(client, world["users"]["administrator"])
    url, _data = POSTS[action]
    assert client.get(url(world)).status_code == 405


def test_official_may_not_create_groups(client, world):
    log_in(client, world["users"]["official"])
    url, data = POSTS["group_create"]
    assert client.post(url(world), data).status_code == 403
