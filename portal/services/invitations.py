"""Inviting an organisation's representative: a user (created or reused), a representative
membership, and an e-mail with a link to set a password (Django's token generator: the link
stops working once the password is set, and after PASSWORD_RESET_TIMEOUT)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
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
    """Invite `email` to represent `organisation` towards `body`. An existing user with that
    e-mail is reused (a representative may belong to several organisations)."""
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
    if user is None:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError({"email": _("The e-mail address is already a user name.")})
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    invitation = Invitation.objects.create(
        organisation=organisation, body=body, user=user, email=email, invited_by=invited_by
    )
    membership = Membership.objects.filter(user=user, organisation=organisation, body=body).first()
    if membership is None:
        membership = Membership(
            user=user,
            organisation=organisation,
            body=body,
            role=Role.REPRESENTATIVE,
            invited_by=invited_by,
            invited_at=invitation.invited_at,
        )
        membership.full_clean()
        membership.save()
    context = {
        "organisation": organisation,
        "user": user,
        "link": base_url.rstrip("/") + set_password_path(user),
        "login": base_url.rstrip("/") + reverse("login"),
        "username": user.get_username(),
        "has_password": user.has_usable_password(),
    }
    send_mail(
        subject=render_to_string("portal/email/invitation_subject.txt", context).strip(),
        message=render_to_string("portal/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return invitation
