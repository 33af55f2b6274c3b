"""API tokens: created by an administrator of the body, shown once, revoked; and the lookup
that turns a presented token into the principal the API acts as."""

import datetime
import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.roles import UserRoles, roles_for

from .constants import LAST_USED_RESOLUTION, PREFIX_BYTES, SECRET_BYTES, TOKEN_PREFIX, TokenScope
from .models import ApiToken, ApiWrite


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, body, name: str, scope: str, user) -> tuple[ApiToken, str]:
    """A new token for `body`; returns the row and the secret token, which is not kept."""
    if not roles_for(user).administers(body):
        raise ValidationError(
            {"body": _("Only an administrator of the body can create its tokens.")}
        )
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Name the system that will use the token.")
    if scope not in TokenScope.values:
        errors["scope"] = _("Choose what the token may do.")
    if errors:
        raise ValidationError(errors)
    while True:
        prefix = TOKEN_PREFIX + secrets.token_hex(PREFIX_BYTES)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken(
        body=body, name=name, scope=scope, prefix=prefix, secret_hash=_hash(raw), created_by=user
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> ApiToken:
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("The token has already been revoked."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = user
    locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def token_for(raw: str) -> ApiToken | None:
    """The active token whose secret is `raw`, or None. Records the use (at most once a
    minute)."""
    raw = (raw or "").strip()
    prefix = raw[: len(TOKEN_PREFIX) + 2 * PREFIX_BYTES]
    if not prefix.startswith(TOKEN_PREFIX) or raw[len(prefix) : len(prefix) + 1] != "_":
        return None
    if len(raw) > 200:
        return None
    token = ApiToken.objects.active().select_related("body").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(raw)):
        return None
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=LAST_USED_RESOLUTION)
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=cutoff), pk=token.pk
    ).update(last_used_at=now)
    return token


def principal_for(token: ApiToken):
    """Whom the API acts as for `token`: its creator's user row, but with the roles of the
    token's body only (an official's reading; an administrator's for finance writes), never
    the creator's own roles, so a token sees exactly what its body's staff see. Events the
    services write name the creator; `api_write_record` names the token."""
    user = get_user_model().objects.get(pk=token.created_by_id)
    user.is_superuser = False  # in memory only: the token never acts as the installation
    body = frozenset({token.body_id})
    user._iop_roles = UserRoles(
        administrator_of=body if token.may_write_finance else frozenset(),
        official_of=frozenset() if token.may_write_finance else body,
    )
    user.api_token = token
    return user


def api_write_record(*, token: ApiToken, action: str, obj, data: dict) -> ApiWrite:
    return ApiWrite.objects.create(
        token=token,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        data=data,
    )
