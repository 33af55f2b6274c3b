"""Chairs drawn by lot, in a way anyone can check afterwards.

Who takes part: the idea-based organisations with a current member in the group. The public
body's officials sit in the groups (seed 002 §2) but do not chair: the seed has the chair
"drawn by lot" to lead the group's work, and we read that as rotating among the idea-based
parties. Fair rotation: an organisation is not drawn again until every eligible organisation has
chaired once in the current cycle (only draws in force count; a replaced draw does not).
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.dates import term_end as compute_term_end
from governance.models import ChairDraw, Group, choose_index
from organisations.constants import Sector
from organisations.models import Organisation


def eligible_organisations(*, group: Group) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            sector=Sector.IDEA_BASED,
            group_memberships__group=group,
            group_memberships__left_on__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )


def _rotation_candidates(
    *, group: Group, eligible: list[Organisation], exclude: ChairDraw | None = None
) -> list[Organisation]:
    """Those who have not chaired in the current cycle; a new cycle starts once all have."""
    eligible_ids = {organisation.pk for organisation in eligible}
    chaired: set[int] = set()
    draws = group.draws.in_force().order_by("term_start", "drawn_at", "pk")
    if exclude is not None:
        draws = draws.exclude(pk=exclude.pk)
    for result_id in draws.values_list("result_id", flat=True):
        if result_id in eligible_ids:
            chaired.add(result_id)
        if chaired >= eligible_ids:
            chaired = set()
    return [organisation for organisation in eligible if organisation.pk not in chaired] or eligible


def _record(
    *,
    group: Group,
    candidates: list[Organisation],
    term_start: datetime.date,
    term_end: datetime.date,
    user,
    seed: str | None,
    reason: str = "",
    supersedes: ChairDraw | None = None,
) -> ChairDraw:
    seed = seed or secrets.token_hex(16)
    ordered, index = choose_index(seed, [organisation.pk for organisation in candidates])
    by_id = {organisation.pk: organisation for organisation in candidates}
    draw = ChairDraw(
        group=group,
        drawn_at=timezone.now(),
        term_start=term_start,
        term_end=term_end,
        candidates=[{"id": pk, "name": by_id[pk].name} for pk in ordered],
        seed=seed,
        result=by_id[ordered[index]],
        reason=reason,
        drawn_by=user,
        supersedes=supersedes,
    )
    draw.full_clean(validate_unique=False, validate_constraints=False)
    draw.save()
    return draw


def next_term_start(*, group: Group, today: datetime.date | None = None) -> datetime.date:
    """The day after the term in force ends (the partnership's start for the first draw);
    today instead, when that day has passed and the partnership still runs."""
    today = today or timezone.localdate()
    partnership = group.partnership
    latest = group.draws.in_force().order_by("-term_end").first()
    start = latest.term_end + datetime.timedelta(days=1) if latest else partnership.start_date
    if start < today <= partnership.end_date:
        start = today
    return start


@transaction.atomic
def chair_draw(
    *,
    group: Group,
    user,
    term_start: datetime.date | None = None,
    seed: str | None = None,
) -> ChairDraw:
    """Draw the chair for a term (by default the next one, see `next_term_start`). A term
    already drawn is drawn again only by a redraw with a reason."""
    group = Group.objects.select_for_update().select_related("partnership").get(pk=group.pk)
    partnership = group.partnership
    if not group.chair_by_lot:
        raise ValidationError(_("The group's chair is not drawn by lot."))
    eligible = eligible_organisations(group=group)
    if not eligible:
        raise ValidationError(
            _(
                "No organisation can be drawn: the group has no current member from an "
                "idea-based organisation. Add the members first."
            )
        )
    if term_start is None:
        term_start = next_term_start(group=group)
    if not partnership.start_date <= term_start <= partnership.end_date:
        raise ValidationError(
            {
                "term_start": _(
                    "A chair's term must start within the partnership's period (%(start)s–%(end)s)."
                )
                % {"start": partnership.start_date, "end": partnership.end_date}
            }
        )
    term_end = min(compute_term_end(term_start, group.chair_term_months), partnership.end_date)
    if group.draws.in_force().filter(term_start__lte=term_end, term_end__gte=term_start).exists():
        raise ValidationError(
            {
                "term_start": _(
                    "A chair has already been drawn for this term. To draw again, redraw "
                    "with a reason."
                )
            }
        )
    return _record(
        group=group,
        candidates=_rotation_candidates(group=group, eligible=eligible),
        term_start=term_start,
        term_end=term_end,
        user=user,
        seed=seed,
    )


@transaction.atomic
def chair_redraw(*, draw: ChairDraw, user, reason: str, seed: str | None = None) -> ChairDraw:
    """A new, recorded draw for the same term, with the reason; the old draw stays, replaced.
    The organisation drawn last time is left out unless it is the only one eligible."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for drawing again.")})
    old = ChairDraw.objects.select_for_update().select_related("group").get(pk=draw.pk)
    Group.objects.select_for_update().get(pk=old.group_id)
    if ChairDraw.objects.filter(supersedes=old).exists():
        raise ValidationError(_("This draw has already been replaced by a redraw."))
    eligible = eligible_organisations(group=old.group)
    if not eligible:
        raise ValidationError(
            _(
                "No organisation can be drawn: the group has no current member from an "
                "idea-based organisation. Add the members first."
            )
        )
    candidates = (
        [
            organisation
            for organisation in _rotation_candidates(
                group=old.group, eligible=eligible, exclude=old
            )
            if organisation.pk != old.result_id
        ]
        or [organisation for organisation in eligible if organisation.pk != old.result_id]
        or eligible
    )
    return _record(
        group=old.group,
        candidates=candidates,
        term_start=old.term_start,
        term_end=old.term_end,
        user=user,
        seed=seed,
        reason=reason,
        supersedes=old,
    )
