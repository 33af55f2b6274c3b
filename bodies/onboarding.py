"""Starting a public body and keeping its staff: the national administrator registers the
body and appoints its first administrator; from then on the body's administrators invite,
change and remove their own administrators and officials.

An appointed person gets an e-mail with a link to choose a password (Django's token
generator: the link stops working once the password is set, and after
PASSWORD_RESET_TIMEOUT). Someone who already has an account is told to sign in as usual.
A body always keeps at least one administrator.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.versions import Versioned
from organisations.constants import STAFF_ROLES, LegalForm, Role, Sector
from organisations.models import Membership, Organisation
from organisations.roles import forget_roles
from organisations.services import organisation_create

from .permissions import can_manage_body, can_register_public_body

PUBLIC_LEGAL_FORMS = (LegalForm.MUNICIPALITY, LegalForm.REGION, LegalForm.OTHER)
# What the role form covers (common.versions): a role changed meanwhile is not set back.
STAFF_ROLE_VERSION = Versioned(Membership, ("role",))


def set_password_path(user) -> str:
    return reverse(
        "bodies:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _clean_email(email: str, field: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({field: _("Enter a valid e-mail address.")}) from None
    return email


def _user_for(email: str, field: str):
    """The account with this e-mail, or a new one without a password (set by the link)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        return user
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({field: _("The e-mail address is already a user name.")})
    user = User(username=email[:150], email=email)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def _notify(*, user, body: Organisation, role: str, base_url: str) -> None:
    base = base_url.rstrip("/")
    context = {
        "body": body,
        "role": role,
        "has_password": user.has_usable_password(),
        "link": base + set_password_path(user),
        "login": base + reverse("login"),
        "username": user.get_username(),
    }
    # The mail goes out in Swedish, whatever language the sender's page was in.
    with translation.override("sv"):
        context["role_label"] = Role(role).label
        subject = render_to_string("bodies/email/appointed_subject.txt", context).strip()
        message = render_to_string("bodies/email/appointed.txt", context)
    send_mail(
        subject=subject,
        message=message,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def _appoint(*, body: Organisation, email: str, role: str, by, base_url: str, field: str):
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose administrator or official.")})
    email = _clean_email(email, field)
    user = _user_for(email, field)
    if Membership.objects.filter(user=user, organisation=body).exists():
        raise ValidationError({field: _("The person already works for the body.")})
    membership = Membership(
        user=user, organisation=body, role=role, invited_by=by, invited_at=timezone.now()
    )
    membership.full_clean()
    membership.save()
    forget_roles(user)
    transaction.on_commit(lambda: _notify(user=user, body=body, role=role, base_url=base_url))
    return membership


@transaction.atomic
def public_body_register(
    *,
    name: str,
    org_number: str,
    admin_email: str,
    registered_by,
    base_url: str = "",
    legal_form: str = LegalForm.MUNICIPALITY,
    city: str = "",
) -> tuple[Organisation, Membership]:
    """Register a public body and appoint its first administrator, all or nothing.
    `registered_by` is the national administrator; None only from `manage.py
    add_public_body` (whoever runs it operates the installation)."""
    if registered_by is not None and not can_register_public_body(registered_by):
        raise ValidationError(_("Only the national administrator registers public bodies."))
    if legal_form not in PUBLIC_LEGAL_FORMS:
        raise ValidationError(
            {"legal_form": _("A public body is a municipality, a region or other.")}
        )
    errors = {}
    if not (org_number or "").strip():
        errors["org_number"] = _("A public body needs its organisation number.")
    try:
        admin_email = _clean_email(admin_email, "admin_email")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        body = organisation_create(
            name=name,
            org_number=org_number,
            sector=Sector.PUBLIC,
            legal_form=legal_form,
            city=city,
        )
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    membership = _appoint(
        body=body,
        email=admin_email,
        role=Role.ADMINISTRATOR,
        by=registered_by,
        base_url=base_url,
        field="admin_email",
    )
    return body, membership


@transaction.atomic
def staff_invite(
    *, body: Organisation, email: str, role: str, invited_by, base_url: str = ""
) -> Membership:
    """An administrator of `body` makes someone an administrator or official of it."""
    if not can_manage_body(invited_by, body):
        raise ValidationError(_("Only an administrator of the body manages its staff."))
    return _appoint(
        body=body, email=email, role=role, by=invited_by, base_url=base_url, field="email"
    )


LAST_ADMINISTRATOR = gettext_lazy(
    "The body must keep at least one administrator: appoint another administrator first."
)


def _locked_staff(membership: Membership, user) -> Membership:
    """The membership, re-read under a lock together with every administrator membership of
    its body, so two administrators removing each other at once cannot leave none."""
    body = membership.organisation
    if not can_manage_body(user, body):
        raise ValidationError(_("Only an administrator of the body manages its staff."))
    list(
        Membership.objects.select_for_update()
        .filter(organisation=body, role=Role.ADMINISTRATOR)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Membership.objects.select_for_update().get(pk=membership.pk, role__in=STAFF_ROLES)


def _is_last_administrator(membership: Membership) -> bool:
    return (
        membership.role == Role.ADMINISTRATOR
        and not Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def staff_role_change(
    *, membership: Membership, role: str, user, version: str | None = None
) -> Membership:
    """`version` (STAFF_ROLE_VERSION), when given, is what the form showed: a change over a
    newer one is refused (common.versions)."""
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose administrator or official.")})
    locked = _locked_staff(membership, user)
    STAFF_ROLE_VERSION.check(version, locked)
    if locked.role == role:
        return locked
    if role != Role.ADMINISTRATOR and _is_last_administrator(locked):
        raise ValidationError({"role": LAST_ADMINISTRATOR})
    locked.role = role
    locked.full_clean()
    locked.save(update_fields=["role"])
    forget_roles(locked.user)
    return locked


@transaction.atomic
def staff_remove(*, membership: Membership, user) -> None:
    """The person no longer works for the body (their account stays, with any other
    memberships they have)."""
    locked = _locked_staff(membership, user)
    if _is_last_administrator(locked):
        raise ValidationError(LAST_ADMINISTRATOR)
    locked.delete()
    forget_roles(locked.user)
