"""How long a staff member's session lasts: it ends after `IOP_STAFF_IDLE_MINUTES` without a
request and `IOP_STAFF_SESSION_HOURS` after signing in, whatever happens in between.

Representatives' sessions end with the session cookie (`SESSION_COOKIE_AGE`, 12 hours).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from organisations.roles import roles_for

from . import second_factor

SIGNED_IN_AT = "iop_signed_in_at"
SEEN_AT = "iop_seen_at"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 60


def session_started(session) -> None:
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and roles_for(user).is_staff_member:
            ended = self._ended(request.session)
            if ended:
                request.iop_session_ended = True
                logout(request)
                messages.info(request, ended)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _ended(session) -> str:
        now = int(time.time())
        signed_in_at = session.get(SIGNED_IN_AT)
        seen_at = session.get(SEEN_AT)
        if signed_in_at is None or seen_at is None:
            session_started(session)
            return ""
        idle = settings.IOP_STAFF_IDLE_MINUTES
        if now - seen_at > idle * 60:
            return _(
                "You were signed out after %(minutes)s minutes without activity. Sign in again "
                "to continue."
            ) % {"minutes": idle}
        hours = settings.IOP_STAFF_SESSION_HOURS
        if now - signed_in_at > hours * 3600:
            return _("You were signed out %(hours)s hours after signing in. Sign in again.") % {
                "hours": hours
            }
        if now - seen_at >= SEEN_RESOLUTION_SECONDS:
            session[SEEN_AT] = now
        return ""


class SecondFactorMiddleware:
    """A signed-in user who has, or must have, a second factor and whose session was not
    verified with it is signed out: whatever way they signed in (the Django admin's own
    login page, a session from before the rule, a second factor an administrator reset)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (
                request.session.get(second_factor.VERIFIED_FLAG) or second_factor.is_required(user)
            )
            and not user.is_verified()
            and not request.session.get(second_factor.VERIFIED_BY_PROVIDER)
        ):
            logout(request)
            messages.info(request, _("Sign in with your second factor to continue."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
