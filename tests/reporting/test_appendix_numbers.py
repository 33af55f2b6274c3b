"""Appendix numbers (issue 13, point 7): the parties' order, organisations first and the
public party last (seed 004); stable once printed in an agreement prepared for signing; never
taken from a title.

"Stable" means: a number printed in a prepared version is never changed (the signed text
cites it), and no organisation's number changes because another joined. Before any version
is prepared the public party's number moves so that it stays last."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps

from partnerships import services
from partnerships.models import Appendix
from partnerships.numbering import appendix_numbers
from reporting.selectors import agreement_snapshot
from reporting.services import agreements, memos
from reporting.services.documents import agreement_document, memo_document
from tests.factories import (
    AppendixFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
)

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

D = datetime.date


def _numbers(partnership) -> dict[str, str]:
    return {
        a.party.organisation.name: a.number
        for a in Appendix.objects.filter(party__partnership=partnership, status="current")
    }


def _add(partnership, organisation, *, title=""):
    party = partnership.parties.filter(organisation=organisation).first() or services.party_add(
        partnership=partnership, organisation=organisation, joined_on=partnership.start_date
    )
    return services.appendix_create(
        party=party, commitments="Åtaganden.", valid_from=partnership.start_date, title=title
    )


def test_a_draft_numbers_organisations_first_and_the_public_party_last(public_body):
    first, second = OrganisationFactory(name="Convictus"), OrganisationFactory(name="Rädda Barnen")
    partnership = PartnershipFactory(public_body=public_body, organisations=[first, second])
    _add(partnership, public_body)  # the public party's appendix written first
    _add(partnership, first)
    _add(partnership, second)
    assert _numbers(partnership) == {
        "Convictus": "2.1",
        "Rädda Barnen": "2.2",
        public_body.name: "2.3",
    }
    # A third organisation in the draft: the others keep theirs, the public party stays last.
    third = OrganisationFactory(name="Röda korset")
    _add(partnership, third)
    assert _numbers(partnership) == {
        "Convictus": "2.1",
        "Rädda Barnen": "2.2",
        "Röda korset": "2.3",
        public_body.name: "2.4",
    }


def test_numbers_printed_for_signing_do_not_change_when_an_organisation_joins(eu, official):
    services.appendices_renumber(partnership=eu)
    before = _numbers(eu)
    assert before[eu.public_body.name] == "2.6"
    agreements.agreement_version_create(partnership=eu, user=official)
    newcomer = OrganisationFactory(name="Hela Människan", org_number="8020036264")
    appendix = _add(eu, newcomer)
    # The prepared text cites 2.1–2.6: they stay, and the newcomer takes the next number.
    assert appendix.number == "2.7"
    assert _numbers(eu) == {**before, "Hela Människan": "2.7"}


def test_a_title_never_carries_a_number_of_its_own(public_body, official):
    organisation = OrganisationFactory(name="Bris", org_number="8020000016")
    partnership = PartnershipFactory(public_body=public_body, organisations=[organisation])
    appendix = _add(partnership, organisation, title="Bilaga 1 – Stödgrupper i Stockholm")
    assert (appendix.number, appendix.title) == ("2.1", "Stödgrupper i Stockholm")
    text = pdf_text(agreement_document(agreement_snapshot(partnership)))
    assert "Bilaga 2.1 Stödgrupper i Stockholm" in text
    assert "Bilaga 1 –" not in text
    fields = memos.memo_prefill(partnership=partnership, user=official)
    memo = memos.memo_create(partnership=partnership, **fields, official_1_name="Gillis Hammar")
    text = pdf_text(memo_document(memo, facts=agreement_snapshot(partnership)))
    assert "2.1 Stödgrupper i Stockholm" in text


# --- The data migration (reporting 0012) --------------------------------------------------
# It renumbers the appendices written before the rule; it is called here with the live
# registry, which answers get_model as the historical one does.

_migration = importlib.import_module("reporting.migrations.0012_appendix_numbers_by_party_order")


def _old_numbers(partnership):
    """The numbers in creation order, the public party's appendix written first (as before
    the rule): the public party 2.1, the organisations after it."""
    for index, party in enumerate(partnership.parties.order_by("-is_public", "pk"), start=1):
        AppendixFactory(party=party, number=f"2.{index}", commitments="Åtaganden.")


def test_the_migration_renumbers_a_draft_and_keeps_the_numbers_printed_for_signing(
    eu, official, other_body
):
    # Stockholm's EU partnership: prepared for signing with the old numbers (public 2.1).
    assert _numbers(eu)[eu.public_body.name] == "2.1"
    agreements.agreement_version_create(partnership=eu, user=official)
    printed = _numbers(eu)
    # An organisation written in afterwards, past the service, with a number of its own.
    newcomer = OrganisationFactory(name="Hela Människan", org_number="8020036264")
    party = PartyFactory(partnership=eu, organisation=newcomer, joined_on=D(2017, 6, 1))
    AppendixFactory(party=party, number="2.0", commitments="Åtaganden.")
    # Uppsala's draft: no version prepared, its numbers follow the rule.
    first, second = OrganisationFactory(name="Convictus"), OrganisationFactory(name="Bris")
    draft = PartnershipFactory(public_body=other_body, organisations=[first, second])
    _old_numbers(draft)
    left = PartyFactory(
        partnership=draft,
        organisation=OrganisationFactory(name="Gamla föreningen"),
        joined_on=D(2017, 1, 1),
        left_on=D(2017, 6, 30),
    )
    AppendixFactory(party=left, number="2.9", commitments="Åtaganden.")

    _migration.renumber_appendices(django_apps, None)

    assert _numbers(eu) == {**printed, "Hela Människan": "2.7"}
    assert _numbers(draft) == {
        "Convictus": "2.1",
        "Bris": "2.2",
        other_body.name: "2.3",
        "Gamla föreningen": "2.9",  # a party that has left keeps what it had
    }
    # Run again (or after the service): nothing moves.
    _migration.renumber_appendices(django_apps, None)
    assert _numbers(draft)["Convictus"] == "2.1"
    services.appendices_renumber(partnership=eu)
    assert _numbers(eu)["Hela Människan"] == "2.7"


def test_the_rule_is_a_pure_function():
    parties = [(3, True, D(2017, 1, 1)), (9, False, D(2017, 6, 1)), (5, False, D(2017, 1, 1))]
    assert appendix_numbers(parties, {}) == {5: "2.1", 9: "2.2", 3: "2.3"}
    # The public party printed as 2.1 and a party that left as 2.2: both numbers are taken.
    assert appendix_numbers(parties, {3: "2.1", 7: "2.2"}) == {3: "2.1", 5: "2.3", 9: "2.4"}
