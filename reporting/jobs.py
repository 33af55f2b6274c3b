"""The documents' background work: an agreement of many appendices is rendered by the
worker (173 pages take longer than a request may), and kept for download."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from jobs import registry
from partnerships.models import Partnership

from . import permissions
from .archive import archive_package
from .filenames import document_filename
from .models import SignedCopy
from .selectors import agreement_problems, agreement_snapshot, partnership_for_documents
from .services.documents import agreement_document
from .services.renditions import signed_copies_archival_forms_make, signed_copy_archival_form_make

AGREEMENT_PDF = "reporting.agreement_pdf"


def agreement_in_background(snapshot: dict) -> bool:
    """More appendices than this and the agreement is rendered in the background."""
    limit = getattr(settings, "IOP_AGREEMENT_INLINE_APPENDICES", 10)
    return sum(1 for party in snapshot.get("parties", []) if party.get("appendix")) > limit


@registry.register(AGREEMENT_PDF, title=_("The agreement as PDF"))
def render_agreement(job, progress):
    # The job re-checks what its owner may do: permissions can change while it waits.
    partnership = partnership_for_documents(
        Partnership.objects.visible_to(job.owner), job.params["partnership_id"]
    )
    if not permissions.can_export(job.owner, partnership):
        raise PermissionDenied
    progress(0, 2)
    snapshot = agreement_snapshot(partnership)
    problems = agreement_problems(partnership, snapshot)
    progress(1, 2)
    content = agreement_document(snapshot, problems=problems)
    progress.keep_file(
        document_filename(partnership, "avtal-utkast" if problems else "avtal"),
        content,
        "application/pdf",
    )
    return {"pages": content.count(b"/Type /Page\n") or None}


ARCHIVE_PACKAGE = "reporting.archive_package"


@registry.register(ARCHIVE_PACKAGE, title=_("The archive package"))
def build_archive(job, progress):
    partnership = partnership_for_documents(
        Partnership.objects.visible_to(job.owner), job.params["partnership_id"]
    )
    if not permissions.can_build_archive(job.owner, partnership):
        raise PermissionDenied
    # Signed copies uploaded since the last package get their archival form first (once:
    # what is made is kept, so the next package is the same).
    signed_copies_archival_forms_make(partnership=partnership)
    content = archive_package(partnership, host=job.params.get("host", ""), progress=progress)
    name = document_filename(partnership, "arkivpaket", suffix=".zip")
    progress.keep_file(name, content, "application/zip")
    return {"bytes": len(content)}


SIGNED_COPY_ARCHIVAL_FORM = "reporting.signed_copy_archival_form"


@registry.register(SIGNED_COPY_ARCHIVAL_FORM, title=_("The PDF/A archival form of a signed copy"))
def make_archival_form(job, progress):
    """Started by the upload, so that the version page soon says whether the copy is PDF/A or
    got its rendition (the archive package's job makes whatever this did not)."""
    partnership = partnership_for_documents(
        Partnership.objects.visible_to(job.owner), job.params["partnership_id"]
    )
    copy = SignedCopy.objects.get(pk=job.params["copy_id"], version__partnership=partnership)
    copy = signed_copy_archival_form_make(copy=copy)
    return {"archival_form": copy.archival_form}
