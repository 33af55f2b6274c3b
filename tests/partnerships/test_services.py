import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.constants import TRANSITIONS, AppendixStatus, Status
from partnerships.models import Appendix, Partnership, Party, StatusChange
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values if a != b]


def decision(to_status):
    """What each step needs besides the table: the board's decision, the agreement's last
    signature (reporting passes `by_signature`), the reason for ending."""
    if to_status == Status.DECIDED:
        return {"decided_on": D(2016, 12, 15), "decision_paragraph": "§ 12"}
    if to_status == Status.SIGNED:
        return {"by_signature": True}
    if to_status == Status.TERMINATED:
        return {"note": "Tvist.", "by_termination": True}
    if to_status == Status.ENDED:
        return {"note": "Avtalstiden har löpt ut."}
    return {}


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_each_transition_is_allowed_or_refused_per_the_table(from_status, to_status):
    partnership = PartnershipFactory(status=from_status, organisations=[OrganisationFactory()])
    user = UserFactory()
    if to_status in TRANSITIONS[from_status]:
        services.partnership_transition(
            partnership=partnership, to_status=to_status, user=user, **decision(to_status)
        )
        partnership.refresh_from_db()
        assert partnership.status == to_status
        change = StatusChange.objects.get(partnership=partnership)
        assert (change.from_status, change.to_status) == (from_status, to_status)
        assert change.changed_by == user
        assert change.changed_at is not None
    else:
        with pytest.raises(ValidationError) as exc:
            services.partnership_transition(
                partnership=partnership, to_status=to_status, user=user, **decision(to_status)
            )
        assert "to_status" in exc.value.message_dict
        partnership.refresh_from_db()
        assert partnership.status == from_status
        assert not StatusChange.objects.exists()


def test_propose_without_idea_based_party_is_refused():
    partnership = PartnershipFactory()
    with pytest.raises(ValidationError) as exc:
        services.partnership_transition(
            partnership=partnership, to_status=Status.PROPOSED, user=UserFactory()
        )
    assert "Partnerskapet har ingen idéburen organisation som part." in str(exc.value)
    assert Partnership.objects.get().status == Status.DRAFT


def test_propose_without_public_party_is_refused():
    partnership = PartnershipFactory(public_party=False, organisations=[OrganisationFactory()])
    with pytest.raises(ValidationError) as exc:
        services.partnership_transition(
            partnership=partnership, to_status=Status.PROPOSED, user=UserFactory()
        )
    assert "Partnerskapet saknar offentlig part." in str(exc.value)


def test_decided_needs_date_and_paragraph():
    partnership = PartnershipFactory(proposed=True, organisations=[OrganisationFactory()])
    with pytest.raises(ValidationError) as exc:
        services.partnership_transition(
            partnership=partnership, to_status=Status.DECIDED, user=UserFactory()
        )
    assert set(exc.value.message_dict) == {"decided_on", "decision_paragraph"}


def test_create_makes_public_party_and_six_criteria(public_body):
    partnership = services.partnership_create(
        public_body=public_body,
        title="Stöd till utsatta EU-medborgare",
        registry_number="156-139/2015",
        start_date=D(2017, 5, 1),
        end_date=D(2019, 4, 30),
    )
    party = partnership.parties.get()
    assert party.is_public and party.organisation == public_body
    assert party.joined_on == D(2017, 5, 1)
    assert partnership.criteria.count() == 6


def test_second_public_party_is_refused(public_body, other_body):
    partnership = PartnershipFactory(public_body=public_body)
    with pytest.raises(ValidationError) as exc:
        services.party_add(
            partnership=partnership, organisation=other_body, joined_on=D(2017, 2, 1)
        )
    assert "organisation" in exc.value.message_dict
    assert partnership.parties.count() == 1


def test_party_already_a_party_and_joined_outside_period_are_refused(organisation):
    partnership = PartnershipFactory(organisations=[organisation])
    with pytest.raises(ValidationError) as exc:
        services.party_add(
            partnership=partnership, organisation=organisation, joined_on=D(2020, 1, 1)
        )
    assert set(exc.value.message_dict) == {"organisation", "joined_on"}


def test_party_leave_keeps_the_party(organisation):
    partnership = PartnershipFactory(organisations=[organisation])
    party = partnership.parties.get(organisation=organisation)
    services.party_leave(party=party, left_on=D(2018, 3, 31))
    assert Party.objects.get(pk=party.pk).left_on == D(2018, 3, 31)


def test_appendices_are_numbered_in_the_order_added():
    first, second = OrganisationFactory(), OrganisationFactory()
    partnership = PartnershipFactory(organisations=[first, second])
    a = services.appendix_create(
        party=partnership.parties.get(organisation=first),
        commitments="Stödgrupper",
        valid_from=D(2017, 1, 1),
    )
    b = services.appendix_create(
        party=partnership.parties.get(organisation=second),
        commitments="Volontärer",
        valid_from=D(2017, 1, 1),
        resources=[("money", "Egen finansiering", "1000000.00")],
    )
    assert (a.number, b.number) == ("2.1", "2.2")
    assert b.resources.get().amount == 1000000


def test_replace_keeps_the_old_version_readable_as_replaced(organisation):
    partnership = PartnershipFactory(organisations=[organisation])
    party = partnership.parties.get(organisation=organisation)
    old = services.appendix_create(party=party, commitments="Gammalt", valid_from=D(2017, 1, 1))
    new = services.appendix_replace(appendix=old, commitments="Nytt", valid_from=D(2018, 1, 1))
    old.refresh_from_db()
    assert old.status == AppendixStatus.REPLACED
    assert old.ended_on == D(2017, 12, 31)
    assert old.commitments == "Gammalt"
    assert (new.number, new.version, new.replaces) == ("2.1", 2, old)
    assert party.current_appendix == new


def test_drop_ends_the_appendix(organisation):
    partnership = PartnershipFactory(organisations=[organisation])
    party = partnership.parties.get(organisation=organisation)
    appendix = services.appendix_create(party=party, commitments="X", valid_from=D(2017, 1, 1))
    services.appendix_drop(appendix=appendix, ended_on=D(2017, 6, 30))
    appendix = Appendix.objects.get()
    assert appendix.status == AppendixStatus.DROPPED
    assert appendix.ended_on == D(2017, 6, 30)
    with pytest.raises(ValidationError):
        services.appendix_drop(appendix=appendix, ended_on=D(2017, 7, 30))
