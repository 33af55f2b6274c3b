import datetime
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from common.uploads import store_file, stored_files_scope, unguessable_name, validate_upload
from governance.constants import ORGANISATION_DECISIONS, DecisionKind, GroupKind
from governance.models import ChairDraw, Decision, Group, GroupMember, Meeting
from organisations.constants import Sector
from organisations.models import Organisation
from partnerships.guards import open_amendment_if_needed
from partnerships.models import Party
from partnerships.services import party_add


def _check_in_period(*, group: Group, day: datetime.date, field: str) -> None:
    partnership = group.partnership
    if day and not partnership.start_date <= day <= partnership.end_date:
        raise ValidationError(
            {
                field: _("The date must be within the partnership's period, %(start)s–%(end)s.")
                % {"start": partnership.start_date, "end": partnership.end_date}
            }
        )


@stored_files_scope()
@transaction.atomic
def meeting_record(
    *,
    group: Group,
    date: datetime.date,
    user,
    agenda: str = "",
    minutes: str = "",
    attendees: Iterable[GroupMember] = (),
    minutes_file=None,
) -> Meeting:
    """A meeting with its attendees and minutes; the chair is the one drawn for its date."""
    _check_in_period(group=group, day=date, field="date")
    attendees = list(attendees)
    present = GroupMember.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=date),
        group=group,
        joined_on__lte=date,
        pk__in=[member.pk for member in attendees],
    )
    if present.count() != len({member.pk for member in attendees}):
        raise ValidationError(
            {"attendees": _("Attendees must be members of the group on the meeting's date.")}
        )
    file_type = None
    if minutes_file:
        try:
            file_type = validate_upload(minutes_file)
        except ValidationError as exc:
            raise ValidationError({"minutes_file": exc.messages}) from exc
    meeting = Meeting(
        group=group,
        date=date,
        agenda=agenda,
        minutes=minutes,
        chair=ChairDraw.objects.filter(group=group).covering(date).first(),
        recorded_by=user,
    )
    meeting.full_clean(exclude=["minutes_file"], validate_unique=False, validate_constraints=False)
    if file_type is not None:
        # Saved last, after every check: a refused meeting leaves no file behind.
        meeting.minutes_file_name = (minutes_file.name or "")[-255:]
        meeting.minutes_content_type = file_type.content_type
        store_file(meeting.minutes_file, unguessable_name(file_type.extension), minutes_file)
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def _current_party(*, partnership, organisation: Organisation) -> Party | None:
    return partnership.parties.filter(
        organisation=organisation, is_public=False, left_on__isnull=True
    ).first()


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    kind: str,
    text: str,
    user,
    organisation: Organisation | None = None,
    proposed_by_group: Group | None = None,
    proposed_by_person: str = "",
    proposed_on: datetime.date | None = None,
) -> Decision:
    """A decision taken at a meeting. Only the steering group admits or terminates an
    organisation; admitting makes the organisation a party from the meeting's date,
    terminating links the decision to the party (the finance termination flow takes over)."""
    group = meeting.group
    partnership = group.partnership
    proposed_by_person = " ".join((proposed_by_person or "").split())
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if kind in (DecisionKind.ADMIT_ORGANISATION, DecisionKind.TERMINATE_ORGANISATION):
        if group.kind != GroupKind.STEERING:
            add(
                "kind",
                _(
                    "Only the steering group can admit or terminate an organisation. The "
                    "cooperation group may propose it to the steering group."
                ),
            )
        if not (proposed_by_group or proposed_by_person):
            add("proposed_by_person", _("Record who proposed the decision: a group or a person."))
        if not proposed_on:
            add("proposed_on", _("Record when the decision was proposed."))
    if proposed_on and proposed_on > meeting.date:
        add("proposed_on", _("A proposal cannot be made after the meeting that decides it."))
    if proposed_by_group and proposed_by_group.partnership_id != partnership.pk:
        add("proposed_by_group", _("The proposing group must belong to the same partnership."))
    party = None
    if kind in ORGANISATION_DECISIONS:
        if organisation is None:
            add("organisation", _("Choose the organisation the decision concerns."))
        elif organisation.sector != Sector.IDEA_BASED:
            add("organisation", _("The decision must concern an idea-based organisation."))
        elif kind == DecisionKind.ADMIT_ORGANISATION:
            if partnership.parties.filter(organisation=organisation).exists():
                add(
                    "organisation",
                    _("%(organisation)s is already a party to this partnership.")
                    % {"organisation": organisation},
                )
        else:
            party = _current_party(partnership=partnership, organisation=organisation)
            if party is None:
                add(
                    "organisation",
                    _("%(organisation)s is not a current party to this partnership.")
                    % {"organisation": organisation},
                )
    elif organisation is not None:
        organisation = None
    if errors:
        raise ValidationError(errors)

    # Admitting or terminating an organisation changes who is party to the agreement: on a
    # signed agreement that needs an amendment, which the decision opens.
    amendment_opened = False
    if kind in ORGANISATION_DECISIONS:
        try:
            amendment_opened = open_amendment_if_needed(partnership=partnership, user=user)
        except ValidationError as exc:
            raise ValidationError({NON_FIELD_ERRORS: exc.messages}) from exc
    if kind == DecisionKind.ADMIT_ORGANISATION:
        try:
            party = party_add(
                partnership=partnership, organisation=organisation, joined_on=meeting.date
            )
        except ValidationError as exc:
            # Keep the messages on fields the decision form has (a refusal may name none).
            fields = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            raise ValidationError(
                {
                    ("organisation" if field == "organisation" else NON_FIELD_ERRORS): messages
                    for field, messages in fields.items()
                }
            ) from exc
    decision = Decision(
        meeting=meeting,
        kind=kind,
        text=text,
        organisation=organisation,
        party=party,
        proposed_by_group=proposed_by_group,
        proposed_by_person=proposed_by_person,
        proposed_on=proposed_on,
        recorded_by=user,
    )
    decision.full_clean(validate_unique=False, validate_constraints=False)
    decision.save()
    # Not stored: tells the page to say that an amendment is now open.
    decision.amendment_opened = amendment_opened
    return decision
