"""The public open-data pages, files and their DCAT-AP-SE descriptions (no login).

A request reads the body with its stored set and the sources' version in one query; the set is
rebuilt only when that version moved (reporting.services.opendata). The files stream from the
stored rows, carry an ETag and Last-Modified (a repeated request answers 304 before reading a
row) and may be cached publicly for a few minutes."""

import hashlib

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.gzip import gzip_page

from common.pagination import paginate
from reporting import dcat, opendata
from reporting.services.opendata import open_data_current

MAX_AGE = 300
RDF_XML = "application/rdf+xml; charset=utf-8"


def _base_url(request) -> str:
    return (settings.IOP_BASE_URL or request.build_absolute_uri("/")).rstrip("/")


def _current(request, org_number):
    body = opendata.public_body(org_number)
    if body is None:
        raise Http404
    return body, open_data_current(body=body, base_url=_base_url(request))


def _public_file(request, *, etag: str, changed_at, respond):
    """`respond()`, or a 304 when the client has this version; cacheable by anyone."""
    etag = f'"{etag}"'
    last_modified = int(changed_at.timestamp()) if changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = respond()
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_data_index(request):
    """Public: every public body that publishes partnerships, with links to its open data."""
    listing = paginate(request, opendata.publishing_bodies())
    return render(request, "reporting/open_data_index.html", {"listing": listing})


def open_data_page(request, org_number):
    body, dataset = _current(request, org_number)
    listing = paginate(request, opendata.page_rows(dataset))
    return render(
        request,
        "reporting/open_data.html",
        {"body": body, "dataset": dataset, "listing": listing},
    )


# The files grow with a body's grants (8 MB of JSON for a body of a thousand partnerships):
# compressed as they stream, to about a twentieth, for clients that accept it. They are public
# and hold no secret, so compression leaks nothing (BREACH needs one in the response).
@gzip_page
def open_data_json(request, org_number):
    body, dataset = _current(request, org_number)

    def respond():
        return StreamingHttpResponse(
            opendata.json_chunks(dataset), content_type="application/json; charset=utf-8"
        )

    return _public_file(
        request, etag=f"{dataset.digest}-json", changed_at=dataset.changed_at, respond=respond
    )


@gzip_page
def open_data_csv(request, org_number):
    body, dataset = _current(request, org_number)

    def respond():
        response = StreamingHttpResponse(
            opendata.csv_chunks(dataset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="iop-{body.org_number}.csv"'
        return response

    return _public_file(
        request, etag=f"{dataset.digest}-csv", changed_at=dataset.changed_at, respond=respond
    )


def _rdf(context: dict):
    # The description is Swedish whatever the visitor's language (xml:lang="sv").
    with translation.override("sv"):
        content = render_to_string("reporting/open_data_dcat.rdf", context)
    return HttpResponse(content, content_type=RDF_XML)


def open_data_dcat(request, org_number):
    """The DCAT-AP-SE description of one body's open data (a catalogue of one dataset), for
    dataportal.se to harvest."""
    body, dataset = _current(request, org_number)
    base_url = _base_url(request)
    return _public_file(
        request,
        etag=f"{dataset.digest}-dcat-{dcat.VERSION}",
        changed_at=dataset.changed_at,
        respond=lambda: _rdf(dcat.body_catalog(body=body, dataset=dataset, base_url=base_url)),
    )


def open_data_catalog(request):
    """The DCAT-AP-SE catalogue of every body that publishes (their sets as last built)."""
    base_url = _base_url(request)
    bodies = list(opendata.publishing_bodies())
    fingerprint = hashlib.sha256(
        repr([dcat.fingerprint(body) for body in bodies] + [base_url]).encode()
    ).hexdigest()
    changed = [
        body.open_data_set.changed_at for body in bodies if opendata.stored_set(body) is not None
    ]
    return _public_file(
        request,
        etag=f"{fingerprint}-catalog-{dcat.VERSION}",
        changed_at=max(changed) if changed else None,
        respond=lambda: _rdf(dcat.full_catalog(bodies=bodies, base_url=base_url)),
    )
