"""Checking the electronic signatures of signed copies and keeping the verdict with the copy.

A copy whose signatures fail is kept as uploaded: the verdict says why, and nothing shows it
as valid. Checking again (after the installation's trust roots changed) replaces the verdict.
"""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from reporting.constants import CopyVerification, EmbeddedSignatureStatus
from reporting.models import EmbeddedSignature, SignedCopy
from reporting.pades import check_pdf


def _verdict(check) -> str:
    if not check.readable:
        return CopyVerification.UNREADABLE
    if not check.signatures:
        return CopyVerification.NO_SIGNATURES
    if all(s.status == EmbeddedSignatureStatus.VALID for s in check.signatures):
        return CopyVerification.VALID
    return CopyVerification.INVALID


@transaction.atomic
def signed_copy_verify(*, copy: SignedCopy) -> SignedCopy:
    """Read every PAdES signature of the copy with pyHanko and store the verdicts."""
    locked = SignedCopy.objects.select_for_update().get(pk=copy.pk)
    with locked.file.open("rb") as handle:
        data = handle.read()
    check = check_pdf(data)
    locked.embedded_signatures.all().delete()
    rows = []
    for signature in check.signatures:
        row = EmbeddedSignature(
            copy=locked,
            field_name=signature.field_name[:200],
            status=signature.status,
            signer_name=signature.signer_name[:300],
            signer_organisation=signature.signer_organisation[:300],
            signer_email=signature.signer_email[:300],
            issuer_name=signature.issuer_name[:300],
            certificate_serial=signature.certificate_serial[:100],
            certificate_sha256=signature.certificate_sha256,
            signing_time=signature.signing_time,
            timestamp_time=signature.timestamp_time,
            intact=signature.intact,
            cryptographically_valid=signature.cryptographically_valid,
            trusted=signature.trusted,
            coverage=signature.coverage,
            modification_level=signature.modification_level,
            detail=signature.detail,
        )
        row.full_clean(exclude=["copy"])
        rows.append(row)
    bulk_create_with_history(rows, EmbeddedSignature)
    locked.verification = _verdict(check)
    locked.verified_at = timezone.now()
    locked.save(update_fields=["verification", "verified_at"])
    return locked
