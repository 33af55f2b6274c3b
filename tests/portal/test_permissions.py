"""Role × page × expected status. Another body's or organisation's object is a 404; a visible
object the user may only read is a 403 for changes."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = [
    "administrator",
    "official",
    "representative",
    "other_representative",
    "other_administrator",
]

# page name → expected status per role (in ROLES order)
GET_MATRIX = {
    "home": [302, 302, 200, 200, 302],
    "account": [200, 200, 200, 404, 404],
    "account_edit": [403, 403, 200, 404, 404],
    "overview": [200, 200, 403, 403, 200],
    "invite": [200, 403, 403, 403, 200],
    "report": [200, 200, 200, 200, 404],
    "report_new": [200, 403, 200, 200, 404],
}


@pytest.fixture
def objects(account, partnership, periods, organisation, representative):
    from portal import services

    report = services.report_create(
        partnership=partnership,
        period=periods[0],
        kind="year",
        organisation=organisation,
        user=representative,
    )
    return {"account": account, "report": report, "partnership": partnership}


def url_for(name, objects):
    if name in ("account", "account_edit"):
        return reverse(f"portal:{name}", args=[objects["account"].pk])
    if name == "report":
        return reverse("portal:report", args=[objects["report"].pk])
    if name == "report_new":
        return reverse("portal:report_new", args=[objects["partnership"].pk])
    return reverse(f"portal:{name}")


@pytest.mark.parametrize("name", GET_MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(request, client, objects, name, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url_for(name, objects))
    assert response.status_code == GET_MATRIX[name][ROLES.index(role)]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("administrator", 302),
        ("official", 403),
        ("representative", 403),
        ("other_representative", 404),
        ("other_administrator", 404),
    ],
)
def test_review_post(request, client, submitted, role, expected):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("portal:account_review", args=[submitted.pk]), {"decision": "approve"}
    )
    assert response.status_code == expected


def test_anonymous_is_sent_to_login(client, account):
    response = client.get(reverse("portal:account", args=[account.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
