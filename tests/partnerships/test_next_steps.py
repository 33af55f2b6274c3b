""" "Nästa steg" on the partnership page: a checklist from the status and the data, each step
linking to where it is done, one primary action, and a warning before proposing."""

import pytest
from django.urls import reverse

from partnerships.constants import Status
from partnerships.models import Partnership
from partnerships.next_steps import next_steps
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_a_bare_draft_lists_what_is_missing_and_links_to_it(admin_client_, public_body):
    partnership = PartnershipFactory(public_body=public_body)
    page = admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])).content
    page = page.decode()
    box = page[
        page.index('id="next-steps"') : page.index("</section>", page.index('id="next-steps"'))
    ]
    assert "Nästa steg" in box
    # The primary action is the first open step: add an idea-based party.
    assert (
        f'class="button" href="{reverse("partnerships:party_create", args=[partnership.pk])}"'
        in box
    )
    for label, url in (
        ("Forums kriterier bedömda", reverse("partnerships:criteria", args=[partnership.pk])),
        (
            "En budget för varje organisation och år",
            reverse("finance:partnership", args=[partnership.pk]),
        ),
        ("Tjänsteutlåtandet skrivet", reverse("reporting:memo", args=[partnership.pk])),
    ):
        assert f'<a href="{url}">{label}</a>' in box
    assert box.count("Att göra:") >= 6


def test_an_organisation_without_number_is_named(administrator, public_body):
    nameless = OrganisationFactory(name="Föreningen utan nummer", org_number=None)
    partnership = PartnershipFactory(public_body=public_body, organisations=[nameless])
    steps = next_steps(user=administrator, partnership=partnership)
    parties = next(step for step in steps.steps if step.key == "parties")
    assert not parties.done
    assert "Föreningen utan nummer" in parties.detail
    assert steps.primary.key == "parties"


def test_proposing_with_steps_missing_needs_a_confirmation(admin_client_, partnership):
    url = reverse("partnerships:transition", args=[partnership.pk])
    page = admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])).content
    assert "Innan partnerskapet föreslås för nämnden saknas fortfarande" in page.decode()
    response = admin_client_.post(url, {"to_status": "proposed"})
    assert response.status_code == 200
    assert "bekräfta att du ändå föreslår partnerskapet" in response.content.decode()
    assert Partnership.objects.get(pk=partnership.pk).status == Status.DRAFT
    admin_client_.post(url, {"to_status": "proposed", "propose_incomplete": "on"})
    assert Partnership.objects.get(pk=partnership.pk).status == Status.PROPOSED
