"""The sign-in log's receivers: Django's sign-in, sign-out and failure signals, and
django-axes' lockout."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .constants import SignInEventKind
from .middleware import session_started
from .services import sign_in_event_record, user_session_remember


@receiver(user_logged_in, dispatch_uid="accounts_signed_in")
def _signed_in(sender, request, user, **kwargs):
    sign_in_event_record(kind=SignInEventKind.SIGNED_IN, request=request, user=user)
    session = getattr(request, "session", None)
    if session is not None:
        session_started(session)
        if session.session_key:
            user_session_remember(user=user, session_key=session.session_key)


@receiver(user_logged_out, dispatch_uid="accounts_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if user is None or getattr(request, "iop_signed_out_everywhere", False):
        return
    kind = (
        SignInEventKind.SESSION_ENDED
        if getattr(request, "iop_session_ended", False)
        else SignInEventKind.SIGNED_OUT
    )
    sign_in_event_record(kind=kind, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts_failed")
def _failed(sender, credentials, request=None, **kwargs):
    # During a lockout the password is not checked; that attempt is logged as a lockout.
    if getattr(request, "iop_refused_while_locked", False):
        return
    wrong_code = getattr(request, "iop_second_factor_failed", False)
    sign_in_event_record(
        kind=SignInEventKind.WRONG_CODE if wrong_code else SignInEventKind.FAILED,
        request=request,
        username=str(credentials.get("username") or ""),
    )
    if request is not None:
        request.iop_failure_logged = True
        pending = getattr(request, "iop_lockout_pending", None)
        if pending is not None:
            _record_lockout(request, pending)


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    # The failure that caused a new lockout comes first in the log, whichever of the two
    # receivers of the failure (axes' or ours) runs first.
    refused = getattr(request, "iop_refused_while_locked", False)
    if refused or getattr(request, "iop_failure_logged", False):
        _record_lockout(request, username)
    else:
        request.iop_lockout_pending = username


def _record_lockout(request, username):
    sign_in_event_record(
        kind=SignInEventKind.LOCKED_OUT, request=request, username=str(username or "")
    )
