"""The second factor: who must have one, the sign-in step that asks for it, enrolment and
the administrator's reset. TOTP (an authenticator app) with ten one-time recovery codes,
through django-otp.

Signing in is two steps. The password (or the identity provider) names the user; when that
user has a second factor, or must have one, the session only remembers who is *pending* and
the user is not signed in until the code is right. A wrong code keeps them signed out and
counts as a failed attempt, so django-axes locks the account after repeated wrong codes
just as after wrong passwords.
"""

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from organisations.roles import roles_for

from .constants import SignInEventKind
from .services import end_sessions_of, sign_in_event_record

PENDING_USER = "iop_pending_user"
PENDING_BACKEND = "iop_pending_backend"
PENDING_AT = "iop_pending_at"
PENDING_NEXT = "iop_pending_next"
# Set on a session signed in with a second factor, so the middleware need not ask the
# database on every request whether the user has one.
VERIFIED_FLAG = "iop_second_factor"
# Set on a session signed in through an identity provider that the installation trusts to
# ask for a second factor itself (IOP_OIDC_PROVIDER_CHECKS_SECOND_FACTOR).
VERIFIED_BY_PROVIDER = "iop_second_factor_at_provider"
# How long the password step is valid while the user looks up the code.
PENDING_SECONDS = 5 * 60
RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"


def is_required(user) -> bool:
    """Administrators and officials must have a second factor where the installation says
    so (IOP_REQUIRE_2FA, on by default); representatives may choose one."""
    return bool(settings.IOP_REQUIRE_2FA) and roles_for(user).is_staff_member


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_asked_for(user) -> bool:
    return is_required(user) or has_second_factor(user)


# --- the pending sign-in ---------------------------------------------------------------


def pending_begin(request, *, user, next_url: str = "") -> None:
    request.session.cycle_key()
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_BACKEND] = user.backend
    request.session[PENDING_AT] = int(time.time())
    request.session[PENDING_NEXT] = next_url


def pending_user(request):
    pk = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if pk is None or time.time() - started > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is not None:
        user.backend = request.session.get(PENDING_BACKEND)
    return user


def pending_end(request) -> str:
    for key in (PENDING_USER, PENDING_BACKEND, PENDING_AT):
        request.session.pop(key, None)
    return request.session.pop(PENDING_NEXT, "")


def sign_in_with_device(request, *, user, device) -> None:
    """The last step: signed in, and the session marked as verified by `device`."""
    pending_end(request)
    auth_login(request, user, backend=user.backend)
    otp_login(request, device)
    request.session[VERIFIED_FLAG] = True


def verify(request, *, user, code: str):
    """The device that accepts `code` (an authenticator code or an unused recovery code),
    or None; a wrong code is a failed sign-in (the log and the lockout count it)."""
    device = match_token(user, code.strip().replace(" ", "")) if code else None
    if device is None:
        request.iop_second_factor_failed = True
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
    return device


# --- enrolment ---------------------------------------------------------------------------


ENROLMENT_KEY = "iop_enrolment_key"


def enrolment_device(request, *, user) -> TOTPDevice:
    """The authenticator being set up, not saved: its secret waits in the session until a
    code from the app confirms it (so showing the page writes nothing)."""
    key = request.session.get(ENROLMENT_KEY)
    if not key:
        key = random_hex(20)
        request.session[ENROLMENT_KEY] = key
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, drawn here (an SVG data URI: no outside
    service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base 32, in groups of four, for typing into the app by hand."""

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def enrolment_confirm(*, user, device: TOTPDevice, code: str, request=None) -> list[str] | None:
    """Confirm the authenticator with a code from it: any older authenticator and recovery
    codes of the user are replaced. Returns the new recovery codes (shown once), or None
    when the code is wrong."""
    try:
        token = int(code.strip().replace(" ", ""))
    except ValueError:
        return None
    check = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    check.time = time.time()
    if not check.verify(token, device.tolerance):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.last_t = check.t()
    device.full_clean()
    device.save()
    if request is not None:
        request.session.pop(ENROLMENT_KEY, None)
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    static.token_set.bulk_create([StaticToken(device=static, token=c) for c in codes])
    sign_in_event_record(kind=SignInEventKind.SECOND_FACTOR_ADDED, request=request, user=user)
    return codes


@transaction.atomic
def second_factor_reset(*, member, user, request=None) -> None:
    """The body's administrator removes `member`'s authenticator and recovery codes (a lost
    phone): the member's sessions end, and the next sign-in asks them to enrol again."""
    TOTPDevice.objects.filter(user=member).delete()
    StaticDevice.objects.filter(user=member).delete()
    end_sessions_of(user=member)
    sign_in_event_record(
        kind=SignInEventKind.SECOND_FACTOR_RESET, request=request, user=member, actor=user
    )
