"""Issue 14, point 6: the header carries the user's public body, its name and its logo, from
the body's own settings; a user of several bodies sees the register's name only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bodies.services import body_settings_update
from organisations.constants import Role
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _png(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _brand(client) -> str:
    page = client.get(reverse("partnerships:list")).content.decode()
    return page.split('class="brand"', 1)[1].split("</a>", 1)[0]


@pytest.fixture
def logos(public_body, other_body, administrator, other_administrator):
    logo = SimpleUploadedFile("logo.png", _png((200, 30, 30)), content_type="image/png")
    body_settings_update(
        body=public_body, user=administrator, logo=logo, letterhead_name="Socialförvaltningen"
    )
    body_settings_update(body=other_body, user=other_administrator, letterhead_name="Uppsala")


def test_each_body_sees_its_own_name_and_logo(
    client, logos, public_body, administrator, other_administrator
):
    client.force_login(administrator)
    brand = _brand(client)
    assert "Socialförvaltningen" in brand and "Uppsala" not in brand
    logo_url = reverse("pages:body_logo", args=[public_body.pk])
    assert f'src="{logo_url}"' in brand and 'alt=""' in brand  # the name beside it says it
    response = client.get(logo_url)
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == _png((200, 30, 30))

    client.force_login(other_administrator)
    brand = _brand(client)
    assert "Uppsala" in brand and "Socialförvaltningen" not in brand
    assert "<img" not in brand  # no logo of its own: none in the header


def test_a_user_of_two_bodies_sees_the_registers_name_only(
    client, logos, administrator, other_body
):
    MembershipFactory(user=administrator, organisation=other_body, role=Role.OFFICIAL)
    client.force_login(administrator)
    brand = _brand(client)
    assert "Socialförvaltningen" not in brand and "Uppsala" not in brand
    assert "IOP-registret" in brand


def test_a_body_without_a_logo_and_an_organisation_answer_404(client, logos, other_body):
    assert client.get(reverse("pages:body_logo", args=[other_body.pk])).status_code == 404
    association = OrganisationFactory()
    assert client.get(reverse("pages:body_logo", args=[association.pk])).status_code == 404
