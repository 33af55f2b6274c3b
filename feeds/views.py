"""The calendar feeds: the secret address itself (no sign-in: calendar programs cannot), and
making a new address for oneself or, as the body's administrator, for a partnership."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from partnerships.models import Partnership

from . import permissions, services
from .ical import calendar_bytes
from .selectors import feed_events, feed_for_secret, viewer_of


def _base_url(request) -> str:
    return (getattr(settings, "IOP_BASE_URL", "") or "").rstrip("/") or (
        f"{request.scheme}://{request.get_host()}"
    )


@require_GET
def feed(request, secret):
    found = feed_for_secret(secret)
    if found is None:
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        if found.user is not None:
            name = _("IOP register: %(name)s") % {
                "name": found.user.get_full_name() or found.user.get_username()
            }
        else:
            name = _("IOP register: %(partnership)s") % {"partnership": found.partnership.title}
        events = feed_events(viewer=viewer_of(found), partnership=found.partnership)
        content = calendar_bytes(
            name=name, events=events, host=request.get_host(), base_url=_base_url(request)
        )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="iop.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def _created(request, *, feed, secret, partnership=None):
    address = _base_url(request) + reverse("feeds:feed", args=[secret])
    return render(
        request,
        "feeds/created.html",
        {"calendar_feed": feed, "address": address, "partnership": partnership},
    )


@never_cache
@require_POST
@login_required
def renew_mine(request):
    feed, secret = services.feed_renew(user=request.user)
    return _created(request, feed=feed, secret=secret)


@never_cache
@require_POST
@login_required
def renew_partnership(request, pk):
    partnership = get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("public_body"), pk=pk
    )
    if not permissions.can_see_partnership_feed(request.user, partnership):
        raise Http404
    if not permissions.can_renew_partnership_feed(request.user, partnership):
        raise PermissionDenied
    feed, secret = services.feed_renew(user=request.user, partnership=partnership)
    return _created(request, feed=feed, secret=secret, partnership=partnership)
