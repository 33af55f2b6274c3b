import io

import pytest
from django.core.management import call_command

from demo import governance as demo
from governance.models import ChairDraw, Group, GroupMember, Meeting

pytestmark = pytest.mark.django_db


def counts():
    return (
        Group.objects.count(),
        GroupMember.objects.count(),
        ChairDraw.objects.count(),
        Meeting.objects.count(),
    )


def test_demo_loads_the_seed_groups_idempotently():
    call_command("load_demo_data", "--only-core", "--as-in-seeds", stdout=io.StringIO())
    demo.load()
    groups = {(g.partnership.registry_number, g.kind): g for g in Group.objects.all()}
    eu = next(
        g for (number, kind), g in groups.items() if number == "156-139/2015" and kind == "steering"
    )
    assert {kind for (number, kind) in groups if number == "156-139/2015"} == {
        "steering",
        "cooperation",
    }
    bris = [g for g in groups.values() if g.partnership.title.startswith("Stödgrupper")]
    assert [(g.kind, g.meeting_interval_days) for g in bris] == [("cooperation", 183)]
    assert len(groups) == 4
    # Five representatives and the process leader and case officer.
    assert eu.members.count() == 7
    assert {m.role for m in eu.members.all()} == {
        "representative",
        "process_leader",
        "case_officer",
    }
    # Bris's cooperation group has no chair by lot (seed 001 §3.2; issue 13): it gets no draw.
    assert [(g.chair_by_lot, g.writes_reports) for g in bris] == [(False, False)]
    for group in groups.values():
        assert group.draws.count() == (1 if group.chair_by_lot else 0)
        if group.chair_by_lot:
            assert group.draws.get().verify()
        assert group.meetings.count() == 1
    before = counts()
    demo.load()
    assert counts() == before
