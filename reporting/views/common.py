"""Lookups and responses shared by the document views: what a user may not see is a 404."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from partnerships.models import Partnership
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


def _filename(partnership: Partnership, kind: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in partnership.registry_number)
    return f"{kind}-{safe}.pdf"
