"""Inviting an organisation's representative: a user (created or reused), a representative
membership, and an e-mail with a link to set a password (Django's token generator: the link
stops working once the password is set, and after PASSWORD_RESET_TIMEOUT)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from organisations.constants import Role, Sector
from organisations.models import Membership, Organisation
from organisations.roles import body_partners_with
from portal.models import Invitation
from portal.permissions import can_invite_for

NOT_A_PARTNER = _(
    "The body has no partnership with this organisation. Register the partnership (a draft "
    "is enough) before inviting its representatives."
)


def set_password_path(user) -> str:
    return reverse(
        "portal:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


@transaction.atomic
def invitation_send(
    *,
    organisation: Organisation,
    body: Organisation,
    email: str,
    invited_by,
    base_url: str,
    first_name: str = "",
    last_name: str = "",
) -> Invitation:
    """Invite `email` to represent `organisation` towards `body`.

    A new account is made with the membership; its owner accepts by setting a password with
    the link. An existing account is never attached silently: the invitation waits until its
    owner, logged in, accepts it by its link (`invitation_accept`)."""
    if not can_invite_for(invited_by, body):
        raise ValidationError(_("Only an administrator of the body can invite representatives."))
    if not body_partners_with(body, organisation):
        raise ValidationError({"organisation": NOT_A_PARTNER})
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    if organisation.sector != Sector.IDEA_BASED:
        raise ValidationError(
            {"organisation": _("A representative belongs to an idea-based organisation.")}
        )
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    existing = user is not None
    if user is None:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError({"email": _("The e-mail address is already a user name.")})
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    invitation = Invitation.objects.create(
        organisation=organisation,
        body=body,
        user=user,
        email=email,
        invited_by=invited_by,
        token=secrets.token_urlsafe(32),
    )
    if not existing:
        _attach(invitation)
    context = {
        "organisation": organisation,
        "user": user,
        "link": base_url.rstrip("/") + set_password_path(user),
        "login": base_url.rstrip("/") + reverse("login"),
        "username": user.get_username(),
        "has_password": user.has_usable_password(),
        "accept": None
        if invitation.accepted_at
        else base_url.rstrip("/") + reverse("portal:invitation_accept", args=[invitation.token]),
    }
    send_mail(
        subject=render_to_string("portal/email/invitation_subject.txt", context).strip(),
        message=render_to_string("portal/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return invitation


def _attach(invitation: Invitation) -> Membership:
    """The representative membership the invitation gives (once), and the invitation accepted."""
    membership = Membership.objects.filter(
        user=invitation.user, organisation=invitation.organisation, body=invitation.body
    ).first()
    if membership is None:
        membership = Membership(
            user=invitation.user,
            organisation=invitation.organisation,
            body=invitation.body,
            role=Role.REPRESENTATIVE,
            invited_by=invitation.invited_by,
            invited_at=invitation.invited_at,
        )
        membership.full_clean()
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """The invited person, logged in as the invited account, accepts: from now on they speak
    for the organisation towards the inviting body."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.user_id != getattr(user, "pk", None):
        raise ValidationError(_("The invitation is for another account."))
    if locked.accepted_at is not None:
        raise ValidationError(_("The invitation has already been accepted."))
    if not body_partners_with(locked.body, locked.organisation):
        raise ValidationError({"organisation": NOT_A_PARTNER})
    membership = _attach(locked)
    invitation.refresh_from_db()
    return membership
