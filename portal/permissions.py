"""Who may do what in the portal. Views start every lookup from a `visible_to(user)` queryset
(what a user may not see is a 404); these functions decide what a visible object allows.

A representative speaks for an organisation towards the bodies that invited them, so every
question about a party is asked with the party's partnership's body."""

from organisations.models import Organisation
from organisations.permissions import administered_bodies
from organisations.roles import roles_for
from partnerships.models import Partnership, Party
from partnerships.permissions import administers_partnership

from .constants import ReportStatus
from .models import ActivityReport, AnnualAccount


def has_portal(user) -> bool:
    """The portal's start page is for representatives."""
    return roles_for(user).is_representative


def starts_in_portal(user) -> bool:
    """Representatives who work for no body start on the portal's page."""
    return roles_for(user).is_representative_only


def speaks_for(user, party: Party) -> bool:
    """A representative of the party's organisation invited by the partnership's body."""
    return not party.is_public and roles_for(user).represents(
        party.organisation_id, party.partnership.public_body_id
    )


def represented_parties(user, parties=None):
    """The parties (of visible partnerships) whose organisation the user speaks for."""
    parties = Party.objects.all() if parties is None else parties
    roles = roles_for(user)
    return parties.filter(
        roles.represented_q("organisation_id", "partnership__public_body_id"), is_public=False
    )


def can_invite(user) -> bool:
    """Administrators invite organisations' representatives (for their own bodies)."""
    return roles_for(user).is_administrator


def can_invite_for(user, body) -> bool:
    return roles_for(user).administers(body)


def inviting_bodies(user):
    """The bodies the user may invite representatives for."""
    return administered_bodies(user)


def invitable_organisations(user):
    """Idea-based organisations that partner with a body the user administers: the invitation
    form's choices (nothing of other bodies' partners)."""
    return (
        Organisation.objects.idea_based()
        .filter(parties__partnership__public_body__in=administered_bodies(user))
        .distinct()
        .order_by("name")
    )


def can_fill_account(user, account: AnnualAccount) -> bool:
    """The organisation's representatives write its account (while the status allows)."""
    return speaks_for(user, account.party)


def can_edit_account(user, account: AnnualAccount) -> bool:
    """The organisation's representatives fill in the account while it is a draft or returned."""
    return account.is_editable and can_fill_account(user, account)


def can_start_account(user, party: Party) -> bool:
    return speaks_for(user, party)


def can_review_account(user, account: AnnualAccount) -> bool:
    """Administrators of the partnership's public body approve or return accounts."""
    return administers_partnership(user, account.party.partnership)


def can_review_any(user) -> bool:
    return roles_for(user).is_staff_member


def reporting_organisations(user, partnership: Partnership) -> list:
    """The organisations a user may enter an activity report for in this partnership: a
    representative's own organisations that are parties, or the public body for its
    administrators."""
    represented = roles_for(user).represented_towards(partnership.public_body_id)
    ids = set()
    parties = list(partnership.parties.select_related("organisation"))
    for party in parties:
        if not party.is_public and party.organisation_id in represented:
            ids.add(party.organisation_id)
    if administers_partnership(user, partnership):
        ids.add(partnership.public_body_id)
    return [party.organisation for party in parties if party.organisation_id in ids]


def owns_report(user, report: ActivityReport) -> bool:
    """The organisation that entered a report sees its small figures; everyone else "<5"."""
    roles = roles_for(user)
    if report.organisation_id == report.partnership.public_body_id:
        # The body's own report: its staff (membership, not the superuser's reach).
        return report.organisation_id in roles.staff_of
    return roles.represents(report.organisation_id, report.partnership.public_body_id)


def can_edit_report(user, report: ActivityReport) -> bool:
    if report.status != ReportStatus.DRAFT:
        return False
    roles = roles_for(user)
    if report.organisation_id == report.partnership.public_body_id:
        return report.organisation_id in roles.administrator_of
    return roles.represents(report.organisation_id, report.partnership.public_body_id)
