"""Reading the electronic (PAdES) signatures of an uploaded PDF with pyHanko.

This module only reads: it turns a PDF's bytes into one `SignatureCheck` per embedded
signature, judged against the trust roots the installation configured
(`IOP_SIGNATURE_TRUST_ROOTS`, PEM files). Nothing here trusts the operating system's list of web
certificate authorities: a signature is valid only when its certificate chains to a root that
the installation chose to trust.

A signature is *valid* when all of these hold: the signed bytes are unchanged (intact), the
cryptographic signature matches the certificate, the certificate chains to a trusted root and
was not revoked as far as the configured revocation checks can tell, the signature covers the
document, and whatever was added after it is at most further signatures, time stamps or form
filling. Anything else is a named reason, never "valid".

pyHanko and its certificate validator are imported inside the functions: loading them takes
seconds, and only an upload of a signed copy needs them.
"""

import io
import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from common.event_loops import outside_event_loop

from .constants import EmbeddedSignatureStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    status: str  # EmbeddedSignatureStatus
    signer_name: str
    signer_organisation: str
    signer_email: str
    issuer_name: str
    certificate_serial: str
    certificate_sha256: str
    signing_time: object  # aware datetime or None
    timestamp_time: object  # aware datetime or None
    intact: bool
    cryptographically_valid: bool
    trusted: bool
    coverage: str
    modification_level: str
    detail: str  # pyHanko's own words, for the technical record (not shown as a verdict)


@dataclass(frozen=True)
class DocumentCheck:
    readable: bool
    signatures: tuple[SignatureCheck, ...]
    detail: str = ""


def _load_roots(paths: tuple[str, ...]):
    from asn1crypto import pem, x509

    roots = []
    for name in paths:
        path = Path(name)
        files = sorted(path.glob("*.pem")) + sorted(path.glob("*.crt")) if path.is_dir() else [path]
        for file in files:
            data = file.read_bytes()
            if pem.detect(data):
                for _type, _headers, der in pem.unarmor(data, multiple=True):
                    roots.append(x509.Certificate.load(der))
            else:
                roots.append(x509.Certificate.load(data))
    return roots


@lru_cache(maxsize=8)
def _cached_roots(paths: tuple[str, ...]):
    return tuple(_load_roots(paths))


def trust_roots():
    """The certificates the installation trusts as roots for electronic signatures."""
    paths = tuple(getattr(settings, "IOP_SIGNATURE_TRUST_ROOTS", ()) or ())
    return list(_cached_roots(paths))


def _validation_context():
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=trust_roots(),
        allow_fetching=getattr(settings, "IOP_SIGNATURE_FETCH_REVOCATION", False),
        revocation_mode=getattr(settings, "IOP_SIGNATURE_REVOCATION_MODE", "soft-fail"),
    )


def _name_part(name, attribute: str) -> str:
    try:
        value = name.native.get(attribute, "")
    except (AttributeError, ValueError):
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return str(value or "").strip()


def certificate_person(cert) -> tuple[str, str, str]:
    """(name, organisation, e-mail) of a certificate's subject. The subject's serial number
    (a personal identity number in Swedish e-identities) is deliberately not kept."""
    subject = cert.subject
    name = _name_part(subject, "common_name")
    if not name:
        name = " ".join(
            part
            for part in (_name_part(subject, "given_name"), _name_part(subject, "surname"))
            if part
        )
    return name, _name_part(subject, "organization_name"), _name_part(subject, "email_address")


def _status_of(status) -> str:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return EmbeddedSignatureStatus.CHANGED
    if not status.valid:
        return EmbeddedSignatureStatus.BROKEN
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return EmbeddedSignatureStatus.CHANGED
    level = status.modification_level
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        level is None or level > ModificationLevel.FORM_FILLING
    ):
        return EmbeddedSignatureStatus.CHANGED
    if status.docmdp_ok is False:
        return EmbeddedSignatureStatus.CHANGED
    if status.revoked:
        return EmbeddedSignatureStatus.REVOKED
    if not status.trusted:
        return EmbeddedSignatureStatus.UNTRUSTED
    ts = status.timestamp_validity
    if ts is not None and not (ts.intact and ts.valid and ts.trusted):
        return EmbeddedSignatureStatus.UNTRUSTED
    return EmbeddedSignatureStatus.VALID


def _check(embedded, context) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature

    cert = embedded.signer_cert
    name, organisation, email = certificate_person(cert)
    issuer = _name_part(cert.issuer, "common_name") or cert.issuer.human_friendly
    base = {
        "field_name": embedded.field_name or "",
        "signer_name": name,
        "signer_organisation": organisation,
        "signer_email": email,
        "issuer_name": issuer,
        "certificate_serial": format(cert.serial_number, "X"),
        "certificate_sha256": cert.sha256.hex(),
    }
    try:
        status = outside_event_loop(
            validate_pdf_signature, embedded, signer_validation_context=context
        )
    except Exception as exc:  # pyHanko raises many kinds on malformed signatures
        logger.info("Signature %s could not be validated: %s", base["field_name"], exc)
        return SignatureCheck(
            **base,
            status=EmbeddedSignatureStatus.BROKEN,
            signing_time=embedded.self_reported_timestamp,
            timestamp_time=None,
            intact=False,
            cryptographically_valid=False,
            trusted=False,
            coverage="",
            modification_level="",
            detail=f"{type(exc).__name__}: {exc}"[:1000],
        )
    ts = status.timestamp_validity
    return SignatureCheck(
        **base,
        status=_status_of(status),
        signing_time=status.signer_reported_dt,
        timestamp_time=ts.timestamp if ts is not None else None,
        intact=bool(status.intact),
        cryptographically_valid=bool(status.valid),
        trusted=bool(status.trusted),
        coverage=status.coverage.name if status.coverage is not None else "",
        modification_level=(
            status.modification_level.name if status.modification_level is not None else ""
        ),
        detail=status.summary()[:1000],
    )


def check_pdf(data: bytes) -> DocumentCheck:
    """Every embedded signature of the PDF, judged. A PDF pyHanko cannot read gives
    `readable=False`; a PDF without signatures gives an empty tuple."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # a scan from any device: any parse error means "unreadable"
        return DocumentCheck(readable=False, signatures=(), detail=f"{type(exc).__name__}: {exc}")
    context = _validation_context()
    return DocumentCheck(readable=True, signatures=tuple(_check(e, context) for e in embedded))


def normalised_name(name: str) -> str:
    """Names compared the way a person reads them: case, accents' encoding and spacing do
    not matter; letters do (Åsa is not Asa)."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())
