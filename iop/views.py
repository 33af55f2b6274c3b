from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.permissions import starts_in_portal


@never_cache
@require_GET
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers, 503 when it does not. Outside ATOMIC_REQUESTS, which
    would connect (and fail) before the view could answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request):
    """Representatives start on their organisation's page; staff on the partnership list."""
    if starts_in_portal(request.user):
        return redirect("portal:home")
    return redirect("partnerships:list")


def bad_request(request, exception):
    """Django's 400 page has no request context, and so no header or navigation."""
    return render(request, "400.html", status=400)


def server_error(request):
    """The 500 page without the database (it may be what failed): no session, user or roles,
    only the template with the site's frame."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
