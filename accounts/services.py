"""Writes of the accounts app: the sign-in log and unlocking an account."""

from datetime import datetime, timedelta

from axes.helpers import get_client_ip_address, get_client_user_agent, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.sessions.models import Session
from django.db.models import Max, Sum
from django.utils import timezone

from .constants import SignInEventKind
from .models import SignInEvent, UserSession


def sign_in_event_record(
    *,
    kind: str,
    request=None,
    user=None,
    username: str = "",
    actor=None,
) -> SignInEvent:
    """One row of the sign-in log. The address and browser come from the request (the
    address as django-axes reads it, so the log and the lockout agree on "from where")."""
    if user is None and username:
        user = get_user_model().objects.filter(username=username).first()
    event = SignInEvent(
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        kind=kind,
        ip_address=get_client_ip_address(request) if request is not None else None,
        user_agent=get_client_user_agent(request)[:255] if request is not None else "",
        actor=actor,
    )
    event.full_clean()
    event.save()
    return event


def _cool_off() -> timedelta:
    return get_cool_off() or timedelta(0)


def locked_until(*, username: str = "", ip_address: str | None = None) -> datetime | None:
    """When the lockout of this username (or of this address, if given) ends, or None if
    neither is locked. The lockout runs from the last failure that counted."""
    window_start = timezone.now() - _cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=window_start)
    ends = []
    for condition in ({"username": username}, {"ip_address": ip_address}):
        if not next(iter(condition.values())):
            continue
        row = recent.filter(**condition).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if (row["failures"] or 0) >= settings.AXES_FAILURE_LIMIT:
            ends.append(row["last"] + _cool_off())
    return max(ends, default=None)


def account_unlock(*, member, user, request=None) -> int:
    """Lift the lockout of `member`'s account (and the failures it counted against the
    addresses it was tried from). Returns how many failure records were removed."""
    removed = axes_reset(username=member.get_username())
    sign_in_event_record(kind=SignInEventKind.UNLOCKED, request=request, user=member, actor=user)
    return removed


def user_session_remember(*, user, session_key: str) -> None:
    """Note a new session of `user`, forgetting those of theirs that have ended."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    UserSession.objects.filter(user=user).exclude(session_key__in=live).delete()
    UserSession.objects.get_or_create(session_key=session_key, defaults={"user": user})


def end_sessions_of(*, user) -> int:
    """End every session `user` signed in with. Returns how many."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def sign_out_everywhere(*, request) -> int:
    """End every session of the request's user, this one included. Returns how many."""
    user = request.user
    ended = end_sessions_of(user=user)
    sign_in_event_record(kind=SignInEventKind.SIGNED_OUT_EVERYWHERE, request=request, user=user)
    request.iop_signed_out_everywhere = True
    logout(request)
    return ended
