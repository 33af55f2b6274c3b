"""The archival form of a signed copy: the upload itself when it already is PDF/A, otherwise a
PDF/A-2b rendition kept beside it. The upload is never rewritten (it is the evidence, and a
PAdES signature covers its exact bytes).

Decided once per copy, in the background (the archive package's job makes what is missing
before it packs, `make_archival_forms` does it for every copy): the upload request stays fast,
and since Ghostscript writes the time and a random identifier into what it makes, a rendition
is kept rather than made again, so that the package stays the same byte for byte."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from common.uploads import store_file, stored_files_scope
from partnerships.models import Partnership
from reporting.constants import ArchivalError, ArchivalForm
from reporting.models import SignedCopy
from reporting.pdfa import (
    RenditionError,
    ghostscript_missing,
    ghostscript_version,
    pdfa_check,
    pdfa_rendition,
)

FIELDS = [
    "archival_form",
    "archival_conformance",
    "archival_file",
    "archival_size",
    "archival_sha256",
    "archival_tool",
    "archival_error",
    "archival_detail",
    "archival_made_at",
]


@stored_files_scope()
@transaction.atomic
def signed_copy_archival_form_make(*, copy: SignedCopy, retry: bool = False) -> SignedCopy:
    """Decide the copy's archival form, once: a copy already decided is left as it is (a
    failed one is tried again only with `retry`). Without Ghostscript a copy that is not
    PDF/A stays undecided, with the reason, until an installation with Ghostscript makes it."""
    locked = SignedCopy.objects.select_for_update().get(pk=copy.pk)
    redo = retry and locked.archival_form == ArchivalForm.FAILED
    if locked.archival_form != ArchivalForm.PENDING and not redo:
        return locked
    with locked.file.open("rb") as handle:
        data = handle.read()
    check = pdfa_check(data)
    locked.archival_conformance, locked.archival_tool, locked.archival_detail = "", "", ""
    locked.archival_size, locked.archival_sha256, locked.archival_error = None, "", ""
    if check.is_pdfa:
        locked.archival_form = ArchivalForm.ORIGINAL
        locked.archival_conformance = check.conformance
    elif missing := ghostscript_missing():
        locked.archival_error, locked.archival_detail = ArchivalError.NO_GHOSTSCRIPT, missing
        locked.save(update_fields=["archival_error", "archival_detail"])
        return locked
    else:
        # A claim that does not hold is converted like any other file; the record says so.
        claimed = f"{check.conformance}: {check.problem}" if check.conformance else ""
        try:
            rendition = pdfa_rendition(data)
        except RenditionError as exc:
            locked.archival_form = ArchivalForm.FAILED
            locked.archival_error = exc.code
            locked.archival_detail = "\n".join(filter(None, [claimed, exc.detail]))
        else:
            store_file(locked.archival_file, "pdfa.pdf", ContentFile(rendition))
            locked.archival_form = ArchivalForm.RENDITION
            locked.archival_conformance = pdfa_check(rendition).conformance
            locked.archival_size = len(rendition)
            locked.archival_sha256 = hashlib.sha256(rendition).hexdigest()
            locked.archival_tool = ghostscript_version()[:100]
            locked.archival_detail = claimed
    locked.archival_made_at = timezone.now()
    locked.save(update_fields=FIELDS)
    return locked


def signed_copies_archival_forms_make(*, partnership: Partnership | None = None) -> int:
    """Decide the archival form of every undecided copy (of `partnership`, or of every
    partnership); returns how many were looked at."""
    copies = SignedCopy.objects.filter(archival_form=ArchivalForm.PENDING)
    if partnership is not None:
        copies = copies.filter(version__partnership=partnership)
    pks = list(copies.order_by("pk").values_list("pk", flat=True))
    for pk in pks:
        signed_copy_archival_form_make(copy=SignedCopy(pk=pk))
    return len(pks)
