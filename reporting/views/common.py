"""Lookups and responses shared by the document views: what a user may not see is a 404."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from partnerships.models import Partnership
from reporting.filenames import document_filename
from reporting.selectors import partnership_for_documents


def _partnership(request, pk) -> Partnership:
    return partnership_for_documents(Partnership.objects.visible_to(request.user), pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


_filename = document_filename
