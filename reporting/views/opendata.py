"""The public open-data pages, JSON and CSV (no login)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from organisations.constants import Sector
from organisations.models import Organisation
from reporting import opendata


def _public_body(org_number: str):
    return get_object_or_404(
        Organisation, org_number=org_number.replace("-", ""), sector=Sector.PUBLIC
    )


def open_data_index(request):
    """Public: every public body that publishes partnerships, with links to its open data."""
    return render(
        request, "reporting/open_data_index.html", {"bodies": opendata.publishing_bodies()}
    )


def open_data_page(request, org_number):
    body = _public_body(org_number)
    return render(
        request,
        "reporting/open_data.html",
        {"body": body, "grants": opendata.grants_for(body)},
    )


def open_data_json(request, org_number):
    body = _public_body(org_number)
    response = JsonResponse(opendata.package(body), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_data_csv(request, org_number):
    body = _public_body(org_number)
    response = HttpResponse(
        opendata.grants_csv(opendata.grants_for(body)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="iop-{body.org_number}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
