"""What a token may do. A token reads as its body's staff do (the `visible_to` querysets,
through the principal of `api.services.principal_for`); these answer the rest."""

from partnerships.models import Party

from .models import ApiToken


def can_write_finance(token: ApiToken) -> bool:
    return token.is_active and token.may_write_finance


def partner_ids(token: ApiToken, organisation_ids) -> set[int]:
    """`UserRoles.partners_with(body, organisation)` for a page of organisations in one
    query. Of `organisation_ids`, those the token's body partners with (a party, current or
    former, to one of its partnerships, a draft included), and the body itself: only for
    those does the API give more than the identity fields."""
    ids = set(organisation_ids)
    found = set(
        Party.objects.filter(partnership__public_body_id=token.body_id, organisation_id__in=ids)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    if token.body_id in ids:
        found.add(token.body_id)
    return found
