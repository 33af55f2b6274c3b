"""Who may do what with a partnership's money. Lookups start from
`Partnership.objects.visible_to(user)` / `Payment.objects.visible_to(user)`, so what a user may
not see is a 404; these functions decide what a visible object allows."""

from organisations.roles import roles_for
from partnerships.models import Partnership
from partnerships.permissions import administers_partnership, works_on_partnership

from .models import Payment


def can_manage_finance(user, partnership: Partnership) -> bool:
    """Administrators of the public body change budgets and payments."""
    return administers_partnership(user, partnership)


def can_manage_payment(user, payment: Payment) -> bool:
    return administers_partnership(user, payment.partnership)


def can_work_the_queue(user) -> bool:
    """Administrators approve and mark paid from the queue (each payment is still checked by
    its own transition: body, two-person rule, agreement)."""
    return roles_for(user).is_administrator


def can_export_payments(user) -> bool:
    """Staff of a body export its approved payments (the export holds only their bodies')."""
    return roles_for(user).is_staff_member


def can_see_sie_batches(user, body) -> bool:
    """The body's staff read its SIE batches and download them again."""
    return roles_for(user).works_for(body)


def can_create_sie_batch(user, body) -> bool:
    """Exporting marks payments as booked in the ledger: the body's administrators do it."""
    return roles_for(user).administers(body)


def organisation_filter(user, partnership: Partnership) -> frozenset[int] | None:
    """None when the user sees every organisation of the partnership (the body's staff),
    else the ids of the organisations whose figures they may see: those they represent
    towards the partnership's body."""
    if works_on_partnership(user, partnership):
        return None
    return roles_for(user).represented_towards(partnership.public_body_id)
