"""Who may do what in the portal. Views start every lookup from a `visible_to(user)` queryset
(what a user may not see is a 404); these functions decide what a visible object allows."""

from organisations.roles import roles_for
from partnerships.models import Partnership

from .constants import ReportStatus
from .models import ActivityReport, AnnualAccount


def can_invite(user) -> bool:
    """Administrators invite organisations' representatives."""
    return roles_for(user).is_administrator


def can_edit_account(user, account: AnnualAccount) -> bool:
    """The organisation's representatives fill in the account while it is a draft or returned."""
    roles = roles_for(user)
    return account.is_editable and account.party.organisation_id in roles.representative_of


def can_start_account(user, party) -> bool:
    return not party.is_public and party.organisation_id in roles_for(user).representative_of


def can_review_account(user, account: AnnualAccount) -> bool:
    """Administrators of the partnership's public body approve or return accounts."""
    roles = roles_for(user)
    return roles.is_superuser or account.party.partnership.public_body_id in roles.administrator_of


def can_review_any(user) -> bool:
    roles = roles_for(user)
    return roles.is_superuser or bool(roles.staff_of)


def reporting_organisations(user, partnership: Partnership) -> list:
    """The organisations a user may enter an activity report for in this partnership: a
    representative's own organisations that are parties, or the public body for its staff."""
    roles = roles_for(user)
    ids = set()
    parties = list(partnership.parties.select_related("organisation"))
    for party in parties:
        if not party.is_public and party.organisation_id in roles.representative_of:
            ids.add(party.organisation_id)
    if roles.is_superuser or partnership.public_body_id in roles.administrator_of:
        ids.add(partnership.public_body_id)
    return [party.organisation for party in parties if party.organisation_id in ids]


def owns_report(user, report: ActivityReport) -> bool:
    """The organisation that entered a report sees its small figures; everyone else "<5"."""
    roles = roles_for(user)
    return report.organisation_id in roles.representative_of or (
        report.organisation_id in roles.staff_of
    )


def can_edit_report(user, report: ActivityReport) -> bool:
    roles = roles_for(user)
    if report.status != ReportStatus.DRAFT:
        return False
    return report.organisation_id in roles.representative_of or (
        report.organisation_id in roles.administrator_of
    )
