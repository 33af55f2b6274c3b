"""Demo data for governance: the seed partnerships' groups, members, a draw and a meeting each.

Called by `manage.py load_demo_data` after the partnerships exist. Idempotent: groups are
keyed by partnership and kind, members by group, organisation and name; a group that already
has a draw or a meeting gets no new one. The people are named by their role only.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from demo.seed_data import REGISTRY_NUMBERS
from demo.timeline import RUNNING
from governance.constants import ONCE_PER_TERM_INTERVAL_DAYS, GroupKind, MemberRole
from governance.models import Group
from governance.services import chair_draw, group_create, meeting_record, member_add
from partnerships.models import Partnership

# Per seed partnership: (title, groups as (kind, interval days or None for the default),
# the administration's members as (name, role)), idea-based members per organisation.
EU = "Humanitärt stöd för utsatta EU-medborgare"
BRIS = "Stödgrupper för barn placerade i familjehem"
MINORS = "Verksamhet för ensamkommande barn och unga"

ADMINISTRATION = [
    ("Processledare, socialförvaltningen", MemberRole.PROCESS_LEADER),
    ("Handläggare för målgruppen, socialförvaltningen", MemberRole.CASE_OFFICER),
]

SPECS = [
    {
        # Seed 002 §2: a steering group (one representative per organisation plus the
        # process leader and case officer) and a cooperation group, chairs drawn by lot.
        "title": EU,
        "registry_key": "eu",
        "groups": [(GroupKind.STEERING, None), (GroupKind.COOPERATION, None)],
        "administration": ADMINISTRATION,
        "organisation_members": [("Representant", MemberRole.REPRESENTATIVE)],
    },
    {
        # Seed 001 §3.2: only a cooperation group, meeting once per term; it leads the work
        # itself (no chair by lot) and follow-up is a standing item at its meetings (§4.2), no
        # written reports to a steering group.
        "title": BRIS,
        "registry_key": "bris",
        "groups": [(GroupKind.COOPERATION, ONCE_PER_TERM_INTERVAL_DAYS)],
        "group_options": {"chair_by_lot": False, "writes_reports": False},
        "administration": [
            ("Utredare, stadsövergripande avdelningen", MemberRole.CASE_OFFICER),
            ("IOP-samordnare", MemberRole.OTHER),
        ],
        "organisation_members": [
            ("Verksamhetsansvarig", MemberRole.REPRESENTATIVE),
            ("Ansvarig gruppledare", MemberRole.OTHER),
        ],
    },
    {
        # Seed 004: a steering group with the organisations' representatives.
        "title": MINORS,
        "registry_key": "uam",
        "groups": [(GroupKind.STEERING, None)],
        "administration": ADMINISTRATION,
        "organisation_members": [("Representant", MemberRole.REPRESENTATIVE)],
    },
]


ONE_DAY = datetime.timedelta(days=1)


def _find(spec) -> Partnership | None:
    try:
        found = Partnership.objects.filter(
            registry_number=REGISTRY_NUMBERS[spec["registry_key"]]
        ).first()
        if found:
            return found
    except (ImportError, KeyError):
        pass
    return Partnership.objects.filter(title__startswith=spec["title"]).first()


def _members(group, spec) -> None:
    partnership = group.partnership
    existing = set(group.members.current().values_list("organisation_id", "name"))
    for party in partnership.parties.current().select_related("organisation"):
        if party.is_public:
            people = spec["administration"]
        else:
            people = [
                (f"{title}, {party.organisation.name}", role)
                for title, role in spec["organisation_members"]
            ]
        for name, role in people:
            if (party.organisation_id, name) in existing:
                continue
            member_add(
                group=group,
                organisation=party.organisation,
                name=name,
                role=role,
                joined_on=partnership.start_date,
            )


def _first_draw_and_meeting(group) -> None:
    partnership = group.partnership
    if group.chair_by_lot and not group.draws.exists():
        chair_draw(group=group, user=None, term_start=partnership.start_date)
    if not group.meetings.exists():
        if group.chair_by_lot:
            agenda = (
                "1. Mötets öppnande\n2. Lottning av ordförande\n3. Läget i verksamheterna\n"
                "4. Övriga frågor"
            )
            drawn = "Ordförande för de kommande tre månaderna lottades ut. "
        else:
            agenda = (
                "1. Mötets öppnande\n2. Uppföljning (stående punkt)\n3. Läget i verksamheten\n"
                "4. Övriga frågor"
            )
            drawn = "Uppföljningen behandlades som stående punkt. "
        meeting_record(
            group=group,
            date=partnership.start_date + datetime.timedelta(days=14),
            user=None,
            agenda=agenda,
            minutes=drawn + "Organisationerna redogjorde för läget i verksamheterna. Inga "
            "uppgifter om enskilda personer utbyttes.",
            attendees=list(group.members.current()),
        )


def _history_to_today(group) -> None:
    """A running partnership's groups have met at their cadence and drawn a chair for every
    term up to today, so the demo's dashboard shows what is due next, not years of arrears."""
    today = timezone.localdate()
    partnership = group.partnership
    # Only a partnership that runs today (the live demo): with the seeds' dates it ended long ago.
    if partnership.status not in RUNNING or not partnership.start_date <= today:
        return
    end = partnership.end_date
    if today > end:
        return
    latest = group.draws.in_force().order_by("-term_end").first()
    while latest is not None and latest.term_end < min(today, end):
        latest = chair_draw(group=group, user=None, term_start=latest.term_end + ONE_DAY)
    last = group.meetings.order_by("-date").first()
    interval = datetime.timedelta(days=group.meeting_interval_days)
    while last is not None and last.date + interval <= min(today, end):
        last = meeting_record(
            group=group,
            date=last.date + interval,
            user=None,
            agenda="1. Mötets öppnande\n2. Läget i verksamheterna\n3. Övriga frågor",
            minutes="Organisationerna redogjorde för läget i verksamheterna (DEMO). Inga "
            "uppgifter om enskilda personer utbyttes.",
            attendees=list(group.members.current()),
        )


@transaction.atomic
def load(*, stdout=None) -> None:
    for spec in SPECS:
        partnership = _find(spec)
        if partnership is None:
            if stdout:
                stdout.write(f"Governance: no partnership “{spec['title']}”, skipped.")
            continue
        for kind, interval in spec["groups"]:
            group = Group.objects.filter(partnership=partnership, kind=kind).first()
            if group is None:
                group = group_create(
                    partnership=partnership,
                    kind=kind,
                    meeting_interval_days=interval,
                    **spec.get("group_options", {}),
                )
            _members(group, spec)
            _first_draw_and_meeting(group)
            _history_to_today(group)
    if stdout:
        stdout.write("Governance: groups, members, a chair draw and a meeting per group loaded.")
