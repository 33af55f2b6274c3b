"""Bris's agreement was signed on paper in 2016, before the register existed: the demo
records it as such (a scan and each party's signatory and date), which makes it signed."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from organisations.models import AuthorisedSignatory
from partnerships.models import Partnership
from reporting.services.agreements import paper_agreement_record, paper_parties

# Who signs where the organisation has no authorised signatory on record (demo only).
FALLBACK_SIGNATORY = ("Ordförande (demo)", "Ordförande")


def scan_pdf(title: str) -> bytes:
    """A one-page PDF standing in for the scan of the signed paper (built by hand: the
    demo needs no PDF library at run time)."""
    text = f"{title} - undertecknat avtal (inskannat, demo)".encode("latin-1", "replace")
    text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 12 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def signing_date(partnership: Partnership) -> datetime.date:
    """A week after the board's decision, never after today."""
    return min(partnership.decided_on + datetime.timedelta(days=7), timezone.localdate())


def sign_on_paper(partnership: Partnership, *, user) -> bool:
    """Record the paper agreement once (True when recorded now)."""
    if partnership.agreement_versions.exists():
        return False
    signed_on = signing_date(partnership)
    signatures = {}
    for party in paper_parties(partnership):
        # The signatories the organisation gave this body (its relation).
        signatory = AuthorisedSignatory.objects.filter(
            relation__organisation=party.organisation, relation__body=partnership.public_body
        ).first()
        name, title = (signatory.name, signatory.title) if signatory else FALLBACK_SIGNATORY
        signatures[party.pk] = {"signed_by": name, "capacity": title, "signed_on": signed_on}
    scan = SimpleUploadedFile(
        "avtal-undertecknat.pdf", scan_pdf(partnership.title), content_type="application/pdf"
    )
    paper_agreement_record(partnership=partnership, scan=scan, signatures=signatures, user=user)
    return True
