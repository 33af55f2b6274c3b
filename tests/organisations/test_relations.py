"""Each body's own relation with an organisation (issue 9, point 2): read by the body's
staff and the representatives it invited, changed by its administrators (contact details also
by those representatives); another body's relation is a 404 and never shows."""

import pytest
from django.urls import reverse

from organisations.constants import Role
from organisations.models import Relation
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
    SignatoryFactory,
)

from .conftest import log_in, relation_data


def _url(organisation, body):
    return reverse("organisations:relation_update", args=[organisation.pk, body.pk])


@pytest.fixture
def two(public_body, other_body, mission, organisation):
    """Stockholm and Uppsala both partner with Stadsmissionen; each keeps its own relation.
    Bris partners with Stockholm only."""
    PartnershipFactory(public_body=public_body, organisations=[mission, organisation])
    PartnershipFactory(public_body=other_body, organisations=[mission])
    ours = RelationFactory(
        body=public_body, organisation=mission, bankgiro="50501055", contact_name="Stockholms Kim"
    )
    theirs = RelationFactory(
        body=other_body, organisation=mission, bankgiro="11100005", contact_name="Uppsalas Ulla"
    )
    SignatoryFactory(relation=theirs, name="Uppsalas firmatecknare")
    return ours, theirs


def _snapshot(relation):
    relation.refresh_from_db()
    return (
        relation.contact_name,
        relation.contact_email,
        relation.bankgiro,
        relation.plusgiro,
        relation.notes,
        sorted(relation.signatories.values_list("name", flat=True)),
    )


@pytest.mark.django_db
def test_administrator_changes_only_their_bodys_relation(client, administrator, two, mission):
    ours, theirs = two
    before = _snapshot(theirs)
    log_in(client, administrator)
    page = client.get(_url(mission, ours.body))
    assert page.status_code == 200
    assert 'value="5050-1055"' in page.content.decode()
    response = client.post(
        _url(mission, ours.body),
        relation_data(contact_name="Ny kontakt", bankgiro="", plusgiro="90 20 01-7", notes="Ring"),
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    # The new giro waits for a second administrator; the rest is saved at once.
    assert (ours.contact_name, ours.bankgiro, ours.notes) == ("Ny kontakt", "50501055", "Ring")
    assert ours.giro_changes.pending().get().plusgiro == "9020017"
    assert list(ours.signatories.values_list("name", flat=True)) == ["Anna Andersson"]
    assert _snapshot(theirs) == before


@pytest.mark.django_db
def test_another_bodys_relation_is_a_404_and_changes_nothing(
    client, administrator, official, two, mission
):
    _ours, theirs = two
    before = _snapshot(theirs)
    for user in (administrator, official):
        log_in(client, user)
        assert client.get(_url(mission, theirs.body)).status_code == 404
        assert client.post(_url(mission, theirs.body), relation_data()).status_code == 404
    assert _snapshot(theirs) == before


@pytest.mark.django_db
def test_page_shows_only_the_viewing_bodys_relation_and_its_history(
    client, administrator, other_administrator, two, mission
):
    ours, theirs = two
    from organisations.services import relation_update

    relation_update(body=theirs.body, organisation=mission, contact_email="ulla@uppsala.se")
    html = log_in(client, administrator).get(mission.get_absolute_url()).content.decode()
    assert "Stockholms Kim" in html and "5050-1055" in html
    for leaked in ("Uppsalas Ulla", "1110-0005", "Uppsalas firmatecknare", "ulla@uppsala.se"):
        assert leaked not in html
    assert other_administrator.username not in html
    html = log_in(client, other_administrator).get(mission.get_absolute_url()).content.decode()
    assert "Uppsalas Ulla" in html and "ulla@uppsala.se" in html
    assert "Stockholms Kim" not in html and "5050-1055" not in html


@pytest.mark.django_db
def test_official_reads_but_may_not_change(client, official, two, mission):
    ours, _theirs = two
    before = _snapshot(ours)
    log_in(client, official)
    assert "Stockholms Kim" in client.get(mission.get_absolute_url()).content.decode()
    assert client.get(_url(mission, ours.body)).status_code == 403
    assert client.post(_url(mission, ours.body), relation_data()).status_code == 403
    assert _snapshot(ours) == before


@pytest.mark.django_db
def test_representative_changes_contact_only_of_the_inviting_body(
    client, public_body, two, mission
):
    ours, theirs = two
    representative = MembershipFactory(
        organisation=mission, role=Role.REPRESENTATIVE, body=public_body
    ).user
    log_in(client, representative)
    page = client.get(_url(mission, public_body))
    assert page.status_code == 200
    assert "bankgiro" not in page.content.decode()
    response = client.post(
        _url(mission, public_body),
        relation_data(contact_name="Rep-kontakt", bankgiro="1110-0005", notes="x"),
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    # The giro in the POST is ignored: a representative changes the contact details only.
    assert (ours.contact_name, ours.bankgiro, ours.notes) == ("Rep-kontakt", "50501055", "")
    before = _snapshot(theirs)
    assert client.get(_url(mission, theirs.body)).status_code == 404
    assert client.post(_url(mission, theirs.body), relation_data()).status_code == 404
    assert _snapshot(theirs) == before
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "Rep-kontakt" in html and "Uppsalas Ulla" not in html


@pytest.mark.django_db
def test_bad_giro_keeps_what_was_typed_and_saves_nothing(client, administrator, two, mission):
    ours, _theirs = two
    before = _snapshot(ours)
    response = log_in(client, administrator).post(
        _url(mission, ours.body),
        relation_data(contact_name="Ändrad", bankgiro="5050-1056", **{"signatories-0-name": "Ny"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kontrollsiffran i gironumret är fel." in html
    assert 'value="Ändrad"' in html and 'value="5050-1056"' in html
    assert _snapshot(ours) == before


@pytest.mark.django_db
def test_public_bodys_own_record_only_by_its_administrators(
    client, administrator, other_administrator, public_body
):
    log_in(client, other_administrator)
    assert client.get(_url(public_body, public_body)).status_code == 404
    assert client.get(reverse("organisations:update", args=[public_body.pk])).status_code == 403
    log_in(client, administrator)
    response = client.post(
        _url(public_body, public_body),
        relation_data(bankgiro="", **{"signatories-0-name": "Gillis Hammar"}),
    )
    assert response.status_code == 302
    own = Relation.objects.get(body=public_body, organisation=public_body)
    assert list(own.signatories.values_list("name", flat=True)) == ["Gillis Hammar"]


@pytest.mark.django_db
def test_identity_changed_only_by_administrators_of_partnering_bodies(
    client, administrator, other_administrator, public_body, other_body, organisation
):
    """Bris partners with Stockholm only: Uppsala's administrator may not change it."""
    PartnershipFactory(public_body=public_body, organisations=[organisation])
    url = reverse("organisations:update", args=[organisation.pk])
    from .conftest import form_data

    log_in(client, other_administrator)
    assert client.post(url, form_data(name="Kapad")).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Bris"
    log_in(client, administrator)
    assert client.post(url, form_data(name="Bris – Barnens rätt")).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Bris – Barnens rätt"


@pytest.mark.django_db
def test_unknown_body_is_a_404(client, administrator, mission):
    log_in(client, administrator)
    assert client.get(_url(mission, OrganisationFactory())).status_code == 404


@pytest.mark.django_db
def test_identity_change_shows_on_every_partnering_bodys_dashboard(
    client, administrator, other_administrator, two, mission, organisation, other_body
):
    from organisations.services import organisation_update

    organisation_update(organisation=mission, body=other_body, name="Stadsmissionen i Stockholm")
    # Bris partners with Stockholm only: Uppsala's change to it never shows in Uppsala.
    organisation_update(organisation=organisation, body=other_body, city="Solna")
    html = log_in(client, administrator).get(reverse("governance:dashboard")).content.decode()
    assert "Ändringar i registret" in html
    assert "Stockholms stadsmission → Stadsmissionen i Stockholm" in html
    assert other_body.name in html
    html = log_in(client, other_administrator).get(reverse("governance:dashboard")).content.decode()
    assert "Stockholms stadsmission → Stadsmissionen i Stockholm" in html
    assert "Stockholm → Solna" not in html
    outsider = MembershipFactory(organisation=OrganisationFactory(public=True)).user
    html = log_in(client, outsider).get(reverse("governance:dashboard")).content.decode()
    assert "Ändringar i registret" not in html
