"""Writes of this app: a body's settings, registering a public body, and its staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.uploads import store_file, stored_files_scope, unguessable_name
from common.versions import Versioned
from organisations.models import Organisation

from .models import BodySettings
from .permissions import can_manage_body
from .selectors import forget_body_settings
from .validators import validate_logo

SETTINGS_FIELDS = (
    "letterhead_name",
    "deciding_body",
    "head_title",
    "signing_place",
    "two_person_approval",
    "deviation_threshold_percent",
    "sie_expense_account",
    "sie_expense_account_name",
    "sie_payable_account",
    "sie_payable_account_name",
    "account_due_days",
)
# What the settings form covers (common.versions): the fields and the logo it shows in use.
BODY_SETTINGS_VERSION = Versioned(BodySettings, (*SETTINGS_FIELDS, "logo"))
# Empty means "the installation's value": NULL for these, "" for the texts.
_NULLABLE = {"two_person_approval", "deviation_threshold_percent", "account_due_days"}


@stored_files_scope()
@transaction.atomic
def body_settings_update(
    *,
    body: Organisation,
    user,
    logo=None,
    remove_logo: bool = False,
    version: str | None = None,
    **fields,
) -> BodySettings:
    """Save the body's own settings (empty values fall back to the installation's); a new
    logo replaces the old one, `remove_logo` goes back to the installation's logo.
    `version` (BODY_SETTINGS_VERSION), when given, is what the form showed: a save over a
    newer one is refused (common.versions)."""
    if not can_manage_body(user, body):
        raise ValidationError(_("Only an administrator of the body can change its settings."))
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Not body settings: {sorted(unknown)}")
    # The body's row is locked first, so two first saves of its settings queue up too.
    list(Organisation.objects.select_for_update().filter(pk=body.pk).values("pk"))
    own = BodySettings.objects.select_for_update().filter(body=body).first()
    BODY_SETTINGS_VERSION.check(version, own)
    if own is None:
        own, _created = BodySettings.objects.get_or_create(body=body)
    for name, value in fields.items():
        setattr(own, name, "" if value is None and name not in _NULLABLE else value)
    old_logo = own.logo.name if own.logo else ""
    if logo is not None:
        kind = validate_logo(logo)
        store_file(own.logo, unguessable_name(kind.extension), logo)
    elif remove_logo:
        own.logo = ""
    own.updated_by = user
    own.full_clean(exclude=["body"])
    own.save()
    if old_logo and old_logo != (own.logo.name if own.logo else ""):
        # The replaced file goes once the new row is committed.
        storage = own.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    forget_body_settings(body)
    return own
