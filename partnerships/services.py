"""Every write to partnerships, parties and appendices goes through these functions."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from common.transitions import Lifecycle, transition
from common.versions import Rows, Versioned
from organisations.constants import Sector
from organisations.models import Organisation

from . import guards
from .constants import FINAL_STATUSES, TRANSITIONS, AppendixStatus, Criterion, Status
from .guards import amendment_in_progress, ensure_changes_allowed
from .models import (
    Appendix,
    CriterionAssessment,
    Partnership,
    Party,
    Resource,
    StatusChange,
    appendix_heading,
)
from .numbering import appendix_numbers
from .selectors import case_officer_choices

PARTNERSHIP_FIELDS = (
    "title",
    "registry_number",
    "purpose",
    "goal",
    "target_group",
    "shared_values",
    "background",
    "activities",
    "start_date",
    "end_date",
    "latest_end_date",
)

# What each edit form covers (common.versions).
PARTNERSHIP_VERSION = Versioned(Partnership, PARTNERSHIP_FIELDS)
CRITERIA_VERSION = Versioned(
    Partnership,
    (),
    rows=(Rows("criteria", ("criterion", "is_met", "justification"), label_field="criterion"),),
)
CASE_OFFICER_VERSION = Versioned(Partnership, ("case_officer",))
APPENDIX_VERSION = Versioned(
    Appendix,
    ("title", "commitments", "valid_from", "status", "ended_on"),
    rows=(Rows("resources", ("kind", "description", "amount")),),
)


def _check_registry_number_free(*, partnership: Partnership) -> None:
    clash = Partnership.objects.filter(
        public_body=partnership.public_body, registry_number=partnership.registry_number
    ).exclude(pk=partnership.pk)
    if clash.exists():
        raise ValidationError(
            {"registry_number": _("Another partnership already has this registry number.")}
        )


def _check_case_officer(*, public_body_id: int, officer) -> None:
    if officer is None:
        return
    if not case_officer_choices(public_body_id).filter(pk=officer.pk).exists():
        raise ValidationError(
            {
                "case_officer": _(
                    "Only the public body's administrators and officials can be responsible "
                    "for its partnerships."
                )
            }
        )


@transaction.atomic
def partnership_create(*, public_body: Organisation, registered_by=None, **fields) -> Partnership:
    """Create a partnership with its public party (from the start date) and an empty
    assessment row for each of Forum's criteria. Whoever registers it answers for it (its case
    officer) when they are one of the body's staff, until someone else is chosen."""
    if public_body.sector != Sector.PUBLIC:
        raise ValidationError({"public_body": _("The public party must be a public body.")})
    case_officer = None
    if registered_by is not None:
        case_officer = case_officer_choices(public_body.pk).filter(pk=registered_by.pk).first()
    partnership = Partnership(public_body=public_body, case_officer=case_officer, **fields)
    partnership.full_clean(validate_unique=False, validate_constraints=False)
    _check_registry_number_free(partnership=partnership)
    partnership.save()
    Party.objects.create(
        partnership=partnership,
        organisation=public_body,
        is_public=True,
        joined_on=partnership.start_date,
    )
    bulk_create_with_history(
        [
            CriterionAssessment(partnership=partnership, criterion=criterion)
            for criterion in Criterion.values
        ],
        CriterionAssessment,
    )
    return partnership


def ensure_editable(partnership: Partnership) -> None:
    """A partnership's own fields change only while it is being prepared, or while an
    amendment to its signed agreement is open: otherwise a change is an amendment."""
    if not partnership.is_editable and not amendment_in_progress(partnership):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "A partnership that is “%(status)s” can no longer be edited: "
                    "changes are made as amendments."
                )
                % {"status": partnership.get_status_display()}
            }
        )


@transaction.atomic
def partnership_update(
    *, partnership: Partnership, version: str | None = None, **fields
) -> Partnership:
    """Change the agreement's content while the partnership is being prepared. `version`
    (PARTNERSHIP_VERSION), when given, is what the form showed: a save over a newer one is
    refused (common.versions)."""
    for name in fields:
        if name not in PARTNERSHIP_FIELDS:
            raise ValueError(f"{name} is not an editable partnership field")
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    PARTNERSHIP_VERSION.check(version, locked)
    ensure_changes_allowed(locked)
    ensure_editable(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    _check_registry_number_free(partnership=locked)
    locked.save()
    if partnership is not locked:
        partnership.refresh_from_db()
    return locked


@transaction.atomic
def case_officer_assign(
    *, partnership: Partnership, officer, version: str | None = None
) -> Partnership:
    """Hand the partnership to one of its body's staff (or to no one), in any status: who
    answers for it is not part of the agreement. `version` (CASE_OFFICER_VERSION), when
    given, is what the form showed: a change over a newer one is refused (common.versions)."""
    _check_case_officer(public_body_id=partnership.public_body_id, officer=officer)
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    CASE_OFFICER_VERSION.check(version, locked)
    locked.case_officer = officer
    locked.save(update_fields=["case_officer", "updated_at"])
    partnership.case_officer = officer
    return partnership


@transaction.atomic
def partnership_end_extend(*, partnership: Partnership, end_date: datetime.date) -> Partnership:
    """Move the end date under the agreement's extension clause (finance's
    `partnership_extend` decides the date and records the decision). The agreement provides
    for it, so a signed agreement does not refuse it."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if end_date <= locked.end_date:
        raise ValidationError({"end_date": _("An extension must end later than the period.")})
    locked.end_date = end_date
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["end_date", "updated_at"])
    partnership.refresh_from_db()
    return locked


@transaction.atomic
def criteria_assess(
    *,
    partnership: Partnership,
    assessments: Iterable[tuple[str, bool | None, str]],
    version: str | None = None,
) -> None:
    """Record, per criterion, whether it is met and why: a criterion not met needs the
    reason. `version` (CRITERIA_VERSION), when given, is what the form showed."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    CRITERIA_VERSION.check(version, locked)
    assessments = [
        (criterion, is_met, (justification or "").strip())
        for criterion, is_met, justification in assessments
    ]
    unknown = [criterion for criterion, _met, _why in assessments if criterion not in Criterion]
    if unknown:
        raise ValidationError({NON_FIELD_ERRORS: _("Unknown criterion.")})
    unexplained = [
        Criterion(criterion).label
        for criterion, is_met, justification in assessments
        if is_met is False and not justification
    ]
    if unexplained:
        raise ValidationError(
            {
                "justification": [
                    _("Explain why the criterion is not met: %(criterion)s.") % {"criterion": label}
                    for label in unexplained
                ]
            }
        )
    for criterion, is_met, justification in assessments:
        CriterionAssessment.objects.update_or_create(
            partnership=partnership,
            criterion=criterion,
            defaults={"is_met": is_met, "justification": justification},
        )


def partnership_problems(*, partnership: Partnership) -> list[str]:
    """What keeps a partnership from going to the board: its parties."""
    parties = list(partnership.parties.filter(left_on__isnull=True))
    public = [party for party in parties if party.is_public]
    problems = []
    if not public:
        problems.append(_("The partnership has no public party."))
    elif len(public) > 1:
        problems.append(_("The partnership has more than one public party."))
    if not any(not party.is_public for party in parties):
        problems.append(_("The partnership has no idea-based organisation as party."))
    return problems


def _record_status_change(locked, from_status, to_status, user, note) -> StatusChange:
    return StatusChange.objects.create(
        partnership=locked, from_status=from_status, to_status=to_status, changed_by=user, note=note
    )


LIFECYCLE = Lifecycle(
    model=Partnership,
    transitions=TRANSITIONS,
    statuses=Status,
    refusal=gettext_lazy("A partnership that is “%(from)s” cannot become “%(to)s”."),
    concurrent_change=gettext_lazy(
        "Someone else changed the partnership at the same moment. Reload the page."
    ),
    record_event=_record_status_change,
    error_field="to_status",
)


def partnership_transition(
    *,
    partnership: Partnership,
    to_status: str,
    user,
    decided_on: datetime.date | None = None,
    decision_paragraph: str = "",
    note: str = "",
    by_signature: bool = False,
    by_termination: bool = False,
) -> Partnership:
    """Move a partnership one step through its lifecycle, if that step is allowed.

    "Signed" comes only from the agreement (`by_signature`: the last signature of a prepared
    version, or an agreement signed on paper recorded by reporting); "active" only on or after
    the start date; "terminated" only from finance's termination (`by_termination`: it stops the
    payments and settles the refund); ending or terminating needs the reason (`note`)."""
    note = (note or "").strip()

    def check(locked: Partnership) -> dict:
        if to_status == Status.PROPOSED:
            problems = partnership_problems(partnership=locked)
            if problems:
                raise ValidationError({"to_status": problems})
        if to_status == Status.SIGNED and not by_signature:
            raise ValidationError(
                {
                    "to_status": _(
                        "A partnership becomes “Signed” only when the last party signs the "
                        "prepared agreement, or when an agreement signed on paper is recorded."
                    )
                }
            )
        if to_status == Status.TERMINATED and not by_termination:
            raise ValidationError(
                {
                    "to_status": _(
                        "A partnership is terminated only through the termination under "
                        "Finances, which stops its payments and settles what is to be paid back."
                    )
                }
            )
        if to_status == Status.ACTIVE and timezone.localdate() < locked.start_date:
            raise ValidationError(
                {
                    "to_status": _(
                        "The partnership can become active on or after its start date, %(date)s."
                    )
                    % {"date": locked.start_date.isoformat()}
                }
            )
        if to_status in FINAL_STATUSES and not note:
            raise ValidationError({"note": _("Give the reason for ending the partnership.")})
        if to_status == Status.DECIDED:
            errors = {}
            if not decided_on:
                errors["decided_on"] = _("Enter the date of the board's decision.")
            elif decided_on > timezone.localdate():
                errors["decided_on"] = _("The board's decision cannot be dated in the future.")
            if not decision_paragraph.strip():
                errors["decision_paragraph"] = _("Enter the paragraph of the board's minutes.")
            if errors:
                raise ValidationError(errors)
            return {"decided_on": decided_on, "decision_paragraph": decision_paragraph.strip()}
        return {}

    return transition(
        lifecycle=LIFECYCLE,
        obj=partnership,
        to_status=to_status,
        user=user,
        note=note,
        check=check,
    )


@transaction.atomic
def party_add(
    *, partnership: Partnership, organisation: Organisation, joined_on: datetime.date
) -> Party:
    ensure_changes_allowed(partnership)
    errors = {}
    if organisation.sector == Sector.PUBLIC:
        if partnership.parties.filter(is_public=True).exists():
            errors["organisation"] = _("The partnership already has a public party.")
        elif organisation.pk != partnership.public_body_id:
            errors["organisation"] = _("The public party must be the partnership's public body.")
    elif partnership.parties.filter(organisation=organisation).exists():
        errors["organisation"] = _("The organisation is already a party to this partnership.")
    if joined_on and not partnership.start_date <= joined_on <= partnership.end_date:
        errors["joined_on"] = _("A party joins within the partnership's period.")
    if errors:
        raise ValidationError(errors)
    party = Party(
        partnership=partnership,
        organisation=organisation,
        is_public=organisation.sector == Sector.PUBLIC,
        joined_on=joined_on,
    )
    party.full_clean(validate_unique=False, validate_constraints=False)
    party.save()
    return party


@transaction.atomic
def party_leave(*, party: Party, left_on: datetime.date) -> Party:
    if party.is_public:
        raise ValidationError({"left_on": _("The public party cannot leave the partnership.")})
    if party.left_on:
        raise ValidationError({"left_on": _("The party has already left.")})
    party.left_on = left_on
    party.full_clean(validate_unique=False, validate_constraints=False)
    party.save(update_fields=["left_on"])
    appendices_renumber(partnership=party.partnership)
    return party


def appendices_renumber(*, partnership: Partnership) -> None:
    """Number the parties' appendices in force 2.1, 2.2 … (appendix 1 is the agreement): the
    organisations in the order they joined, the public party last (seed 004).

    Stable: a number already printed in an agreement prepared for signing is kept (the signed
    text cites it); the others follow it in that order. So before any version is prepared a
    new organisation takes its place before the public party, and afterwards it gets the
    next free number, without renumbering what has been signed. Replacing an appendix keeps
    its number; the title never carries one (appendix_heading). The rule itself is
    numbering.appendix_numbers."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    current = list(
        Appendix.objects.filter(
            party__partnership=partnership,
            party__left_on__isnull=True,
            status=AppendixStatus.CURRENT,
        ).select_related("party")
    )
    numbers = appendix_numbers(
        ((a.party_id, a.party.is_public, a.party.joined_on) for a in current),
        guards.issued_appendix_numbers(partnership),
    )
    for appendix in current:
        if appendix.number != numbers[appendix.party_id]:
            appendix.number = numbers[appendix.party_id]
            appendix.save(update_fields=["number"])


def _save_resources(
    *, appendix: Appendix, resources: Iterable[tuple[str, str, Decimal | None]]
) -> None:
    for kind, description, amount in resources:
        resource = Resource(appendix=appendix, kind=kind, description=description, amount=amount)
        resource.full_clean()
        resource.save()


@transaction.atomic
def appendix_create(
    *,
    party: Party,
    commitments: str,
    valid_from: datetime.date,
    title: str = "",
    resources: Iterable[tuple[str, str, Decimal | None]] = (),
) -> Appendix:
    ensure_changes_allowed(party.partnership)
    if party.appendices.filter(status=AppendixStatus.CURRENT).exists():
        raise ValidationError(_("The party already has an appendix in force: replace it instead."))
    previous = party.appendices.order_by("-version").first()
    appendix = Appendix(
        party=party,
        # A provisional number: appendices_renumber below puts it in the parties' order.
        number=previous.number if previous else "2.0",
        version=previous.version + 1 if previous else 1,
        title=appendix_heading(title),
        commitments=commitments,
        valid_from=valid_from,
    )
    appendix.full_clean(validate_unique=False, validate_constraints=False)
    appendix.save()
    _save_resources(appendix=appendix, resources=resources)
    appendices_renumber(partnership=party.partnership)
    appendix.refresh_from_db(fields=["number"])
    return appendix


@transaction.atomic
def appendix_replace(
    *,
    appendix: Appendix,
    commitments: str,
    valid_from: datetime.date,
    title: str = "",
    resources: Iterable[tuple[str, str, Decimal | None]] = (),
    version: str | None = None,
) -> Appendix:
    """A new version of a party's appendix; the old one stays, readable, as replaced.
    `version` (APPENDIX_VERSION of the old one), when given, is what the form showed."""
    old = Appendix.objects.select_for_update().select_related("party").get(pk=appendix.pk)
    APPENDIX_VERSION.check(version, old)
    ensure_changes_allowed(old.party.partnership)
    if old.status != AppendixStatus.CURRENT:
        raise ValidationError(_("Only an appendix in force can be replaced."))
    if valid_from <= old.valid_from:
        raise ValidationError(
            {"valid_from": _("The new version must take effect after the one it replaces.")}
        )
    old.status = AppendixStatus.REPLACED
    old.ended_on = valid_from - datetime.timedelta(days=1)
    old.save(update_fields=["status", "ended_on"])
    new = Appendix(
        party=old.party,
        number=old.number,
        version=old.version + 1,
        title=appendix_heading(title or old.title),
        commitments=commitments,
        valid_from=valid_from,
        replaces=old,
    )
    new.full_clean(validate_unique=False, validate_constraints=False)
    new.save()
    _save_resources(appendix=new, resources=resources)
    return new


@transaction.atomic
def appendix_drop(*, appendix: Appendix, ended_on: datetime.date) -> Appendix:
    old = Appendix.objects.select_for_update().select_related("party").get(pk=appendix.pk)
    ensure_changes_allowed(old.party.partnership)
    if old.status != AppendixStatus.CURRENT:
        raise ValidationError(_("Only an appendix in force can be dropped."))
    if ended_on < old.valid_from:
        raise ValidationError({"ended_on": _("An appendix cannot end before it takes effect.")})
    old.status = AppendixStatus.DROPPED
    old.ended_on = ended_on
    old.save(update_fields=["status", "ended_on"])
    appendices_renumber(partnership=old.party.partnership)
    return old
