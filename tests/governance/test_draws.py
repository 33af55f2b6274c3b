import datetime
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from governance.models import ChairDraw, GroupMember, choose_index
from governance.services import chair_draw, chair_redraw, eligible_organisations
from governance.services.groups import member_leave

pytestmark = pytest.mark.django_db


def test_only_idea_based_current_members_are_eligible(steering_group, eu_partnership):
    names = [organisation.name for organisation in eligible_organisations(group=steering_group)]
    assert len(names) == 5
    assert eu_partnership.public_body.name not in names


def test_fair_rotation_over_many_draws_with_fixed_seeds(steering_group, eu_partnership):
    start = eu_partnership.start_date
    results = []
    for number in range(20):
        draw = chair_draw(
            group=steering_group,
            user=None,
            term_start=start if number == 0 else None,
            seed=f"fixed-seed-{number}",
        )
        results.append(draw.result_id)
        # Continue from the draw just made, whatever today is.
        start = None
        ChairDraw.objects.filter(pk=draw.pk)  # recorded
        if draw.term_end >= eu_partnership.end_date:
            break
    # Terms follow each other, three months each.
    draws = list(steering_group.draws.order_by("term_start"))
    assert draws[0].term_start == datetime.date(2017, 5, 1)
    assert draws[0].term_end == datetime.date(2017, 7, 31)
    for previous, following in zip(draws, draws[1:], strict=False):
        assert following.term_start == previous.term_end + datetime.timedelta(days=1)
    # Eight terms in two years: the first cycle of five has each organisation once.
    assert len(draws) == 8
    assert len(set(results[:5])) == 5
    assert len(set(results[5:])) == len(results[5:])


def test_fairness_holds_for_many_cycles(steering_group):
    """Many draws with fixed seeds: within every cycle of five, each organisation once."""
    steering_group.partnership.end_date = datetime.date(2030, 12, 31)
    steering_group.partnership.save()
    results = []
    term_start = steering_group.partnership.start_date
    for number in range(25):
        draw = chair_draw(
            group=steering_group, user=None, term_start=term_start, seed=f"seed-{number}"
        )
        term_start = draw.term_end + datetime.timedelta(days=1)
        results.append(draw.result_id)
    for cycle in range(5):
        assert len(set(results[cycle * 5 : cycle * 5 + 5])) == 5
    assert set(Counter(results).values()) == {5}


def test_the_draw_is_recorded_and_verifies(steering_group, official):
    draw = chair_draw(
        group=steering_group,
        user=official,
        term_start=datetime.date(2017, 5, 1),
        seed="abc123",
    )
    assert len(draw.candidates) == 5
    assert draw.seed == "abc123"
    assert draw.drawn_by == official
    ordered, index = choose_index("abc123", [c["id"] for c in draw.candidates])
    assert draw.result_id == ordered[index]
    assert draw.verify()
    draw.refresh_from_db()
    assert draw.verify()
    # A tampered result no longer verifies.
    other = next(c["id"] for c in draw.candidates if c["id"] != draw.result_id)
    draw.result_id = other
    assert not draw.verify()


def test_random_seed_is_generated_when_none_given(steering_group):
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    assert len(draw.seed) == 32
    assert draw.verify()


def test_term_end_follows_the_group_setting(steering_group):
    steering_group.chair_term_months = 6
    steering_group.save()
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 11, 30))
    assert draw.term_end == datetime.date(2018, 5, 29)


def test_term_end_is_cut_at_the_partnerships_end(steering_group):
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2019, 3, 1))
    assert draw.term_end == datetime.date(2019, 4, 30)


def test_drawing_the_same_term_again_is_refused(steering_group):
    chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    with pytest.raises(ValidationError) as excinfo:
        chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 6, 1))
    assert "redraw" in str(excinfo.value.message_dict["term_start"]).lower() or "lotta" in str(
        excinfo.value.message_dict["term_start"]
    )
    assert steering_group.draws.count() == 1


def test_a_term_outside_the_period_is_refused(steering_group):
    with pytest.raises(ValidationError) as excinfo:
        chair_draw(group=steering_group, user=None, term_start=datetime.date(2019, 5, 1))
    assert "term_start" in excinfo.value.message_dict
    assert not steering_group.draws.exists()


def test_no_eligible_organisation_is_refused(eu_partnership):
    from governance.services import group_create

    group = group_create(partnership=eu_partnership, kind="steering")
    GroupMember.objects.create(
        group=group,
        organisation=eu_partnership.public_body,
        name="Handläggare",
        role="case_officer",
        joined_on=eu_partnership.start_date,
    )
    with pytest.raises(ValidationError) as excinfo:
        chair_draw(group=group, user=None, term_start=eu_partnership.start_date)
    assert "Ingen organisation kan lottas" in " ".join(excinfo.value.messages)
    assert not group.draws.exists()


def test_members_who_left_do_not_take_part(steering_group):
    for member in steering_group.members.filter(organisation__sector="idea_based")[1:]:
        member_leave(member=member, left_on=datetime.date(2017, 4, 30) + datetime.timedelta(days=1))
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 6, 1))
    assert len(draw.candidates) == 1
    # The only one left chairs again next term.
    again = chair_draw(group=steering_group, user=None)
    assert again.result_id == draw.result_id


def test_redraw_needs_a_reason_and_keeps_the_old_draw(steering_group, official):
    first = chair_draw(group=steering_group, user=official, term_start=datetime.date(2017, 5, 1))
    with pytest.raises(ValidationError) as excinfo:
        chair_redraw(draw=first, user=official, reason="  ")
    assert "reason" in excinfo.value.message_dict
    assert steering_group.draws.count() == 1

    second = chair_redraw(draw=first, user=official, reason="Ordföranden är sjukskriven.")
    assert second.supersedes == first
    assert second.reason == "Ordföranden är sjukskriven."
    assert (second.term_start, second.term_end) == (first.term_start, first.term_end)
    assert second.result_id != first.result_id
    assert first.result_id not in [c["id"] for c in second.candidates]
    assert second.verify()
    first.refresh_from_db()
    assert first.verify()
    assert list(steering_group.draws.in_force()) == [second]
    assert steering_group.draws.count() == 2
    # The replaced draw cannot be redrawn a second time.
    with pytest.raises(ValidationError):
        chair_redraw(draw=first, user=official, reason="Igen")


def test_a_replaced_draw_does_not_count_in_the_rotation(steering_group):
    first = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    chair_redraw(draw=first, user=None, reason="Avböjde")
    results = [
        chair_draw(group=steering_group, user=None, seed=f"s{n}").result_id for n in range(4)
    ]
    in_force = [draw.result_id for draw in steering_group.draws.in_force()]
    assert len(set(in_force)) == 5
    assert first.result_id in results
