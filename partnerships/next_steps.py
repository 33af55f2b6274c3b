"""The partnership page's "Next step": a checklist driven by the status and the data, each
step linking to where it is done, and one primary action.

Partnerships contributes its own steps (parties with organisation numbers, appendices,
criteria, the board's decision); finance, reporting and the portal register theirs in their
AppConfig.ready() (`register_steps`).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.checklist import DECIDE, PREPARE, RUN, SIGN, Checklist, Step

from .constants import Criterion, Status
from .selectors import current_parties

partnership_steps = Checklist()
register_steps = partnership_steps.register

# The stage a partnership in each status is in: the steps of that stage are what is next.
STAGE_OF = {
    Status.DRAFT: PREPARE,
    Status.PROPOSED: DECIDE,
    Status.DECIDED: SIGN,
    Status.SIGNED: RUN,
    Status.ACTIVE: RUN,
}


@dataclass
class NextSteps:
    stage: str | None
    steps: list[Step]
    primary: Step | None

    @property
    def missing_before_proposal(self) -> list[Step]:
        return [step for step in self.steps if step.stage == PREPARE and not step.done]


@register_steps
def _own_steps(*, user, obj) -> list[Step]:
    partnership = obj
    detail_url = partnership.get_absolute_url()
    parties = current_parties(partnership, with_appendices=True)
    organisations = [party for party in parties if not party.is_public]
    without_number = [p.organisation.name for p in organisations if not p.organisation.org_number]
    without_appendix = [p.organisation.name for p in organisations if p.current_appendix is None]
    criteria = {c.criterion: c.is_met for c in partnership.criteria.all()}
    unassessed = [c for c in Criterion.values if criteria.get(c) is None]
    if not organisations:
        parties_detail = _("No idea-based organisation is a party yet.")
    elif without_number:
        parties_detail = _("Without an organisation number: %(names)s.") % {
            "names": ", ".join(without_number)
        }
    else:
        parties_detail = ""
    steps = [
        Step(
            key="parties",
            stage=PREPARE,
            order=10,
            label=_("Parties with organisation numbers"),
            done=bool(organisations) and not without_number,
            url=reverse("partnerships:party_create", args=[partnership.pk])
            if not organisations
            else f"{detail_url}#parties",
            detail=parties_detail,
        ),
        Step(
            key="appendices",
            stage=PREPARE,
            order=20,
            label=_("An appendix for every organisation"),
            done=bool(organisations) and not without_appendix,
            url=f"{detail_url}#parties",
            detail=_("Missing for: %(names)s.") % {"names": ", ".join(without_appendix)}
            if without_appendix
            else "",
        ),
        Step(
            key="criteria",
            stage=PREPARE,
            order=30,
            label=_("Forum's criteria assessed"),
            done=not unassessed,
            url=reverse("partnerships:criteria", args=[partnership.pk]),
            detail=ngettext(
                "%(count)s criterion not assessed.",
                "%(count)s criteria not assessed.",
                len(unassessed),
            )
            % {"count": len(unassessed)}
            if unassessed
            else "",
        ),
        Step(
            key="decision",
            stage=DECIDE,
            order=10,
            label=_("The board's decision recorded"),
            done=partnership.decided_on is not None,
            url=f"{detail_url}#status",
        ),
    ]
    return steps


def next_steps(*, user, partnership) -> NextSteps:
    """Every step, in order; the primary action is the first open step of the current stage
    (or of an earlier one still open)."""
    steps = partnership_steps.steps(user=user, obj=partnership)
    stage = STAGE_OF.get(partnership.status)
    primary = None
    if stage is not None:
        order = [PREPARE, DECIDE, SIGN, RUN]
        upto = order[: order.index(stage) + 1]
        primary = next((s for s in steps if s.stage in upto and not s.done), None)
    return NextSteps(stage=stage, steps=steps, primary=primary)


__all__ = ["NextSteps", "RUN", "SIGN", "next_steps", "partnership_steps", "register_steps"]
