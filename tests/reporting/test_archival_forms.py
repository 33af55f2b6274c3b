"""Signed copies in the archive package as PDF/A (issue 15, point 3): the upload is kept byte for
byte as the evidence, and one that is not PDF/A gets a PDF/A-2b rendition (Ghostscript) beside
it, made once and listed with the original in mets.xml and sha256sums.txt."""

import hashlib
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from pypdf import PdfReader

from jobs.models import Job
from partnerships.models import Partnership
from reporting.archive import archive_package
from reporting.constants import ArchivalError, ArchivalForm, CopyVerification
from reporting.models import SignedCopy
from reporting.pades import check_pdf
from reporting.pdfa import ghostscript_missing
from reporting.selectors import partnership_for_documents
from reporting.services import agreements
from reporting.services.renditions import (
    signed_copies_archival_forms_make,
    signed_copy_archival_form_make,
)

from . import pki
from .conftest import login, pdf_text, sign_all
from .pdfcheck import structure_of

pytestmark = pytest.mark.django_db

METS = "{http://www.loc.gov/METS/}"
XLINK = "{http://www.w3.org/1999/xlink}"
DC = "{http://purl.org/dc/elements/1.1/}"
ORIGINAL = "content/underskrivna/version-01-kopia-1.pdf"
RENDITION = "content/underskrivna/version-01-kopia-1-pdfa.pdf"


def _ghostscript_required() -> bool:
    return os.environ.get("IOP_REQUIRE_GHOSTSCRIPT", "").lower() in ("1", "true", "yes")


@pytest.fixture
def ghostscript():
    """Ghostscript (Debian's `ghostscript`, which `make test` installs when it can): without it
    these tests skip, unless IOP_REQUIRE_GHOSTSCRIPT=1 (set by CI) makes them fail."""
    if not ghostscript_missing():
        return
    message = "PDF/A renditions need Ghostscript: apt-get install ghostscript."
    if _ghostscript_required():
        pytest.fail(f"IOP_REQUIRE_GHOSTSCRIPT=1 and no Ghostscript. {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def ca():
    return pki.make_ca()


@pytest.fixture(scope="module")
def signer(ca):
    return pki.make_person(ca, "Åsa Lind")


@pytest.fixture
def trust_test_ca(settings, tmp_path, ca):
    path = tmp_path / "roots.pem"
    path.write_bytes(ca.pem)
    settings.IOP_SIGNATURE_TRUST_ROOTS = [str(path)]


def plain_pdf() -> bytes:
    """A scan-like PDF that is not PDF/A (WeasyPrint's plain output: no XMP, no output intent)."""
    from weasyprint import HTML

    return HTML(
        string="<h1>Avtal om idéburet offentligt partnerskap</h1>"
        "<p>Undertecknat av Åsa Lind, ordförande.</p><p style='color:#c00'>Sida ett.</p>"
    ).write_pdf()


@pytest.fixture
def version(eu, official):
    return sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)


def _upload(version, data, user) -> SignedCopy:
    return agreements.signed_copy_upload(
        version=version, uploaded_file=SimpleUploadedFile("underskrivet.pdf", data), user=user
    )


def _build(partnership) -> bytes:
    fresh = partnership_for_documents(Partnership.objects.all(), partnership.pk)
    return archive_package(fresh, host="iop.example.se")


def _build_in_background(client, partnership, user) -> zipfile.ZipFile:
    login(client, user)
    client.post(reverse("reporting:archive", args=[partnership.pk]))
    job = Job.objects.latest("created_at")
    assert job.state == "done", job.details
    download = client.get(reverse("jobs:download", args=[job.pk]))
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _mets_files(archive) -> dict:
    root = etree.fromstring(archive.read("mets.xml"))
    files = {}
    for entry in root.iter(f"{METS}file"):
        href = entry.find(f"{METS}FLocat").get(f"{XLINK}href").removeprefix("file:")
        dmd = root.find(f"{METS}dmdSec[@ID='{entry.get('DMDID')}']")
        files[href] = (entry, dmd)
    return files


def _output_intents(content: bytes) -> list:
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    return [intent.get_object() for intent in root.get("/OutputIntents", [])]


def test_a_plain_pdf_gets_a_pdf_a_rendition_beside_the_untouched_original(
    client, ghostscript, version, eu, official
):
    upload = plain_pdf()
    assert structure_of(upload).pdfa is None
    copy = _upload(version, upload, official)
    # The upload request only stores and checks the signatures; the rendition is made in the
    # background, with the package.
    assert copy.archival_form == ArchivalForm.PENDING

    archive = _build_in_background(client, eu, official)

    copy.refresh_from_db()
    assert copy.archival_form == ArchivalForm.RENDITION
    assert copy.archival_conformance == "PDF/A-2B"
    assert archive.read(ORIGINAL) == upload
    with copy.file.open("rb") as handle:
        assert handle.read() == upload
    rendition = archive.read(RENDITION)
    assert _sha(rendition) == copy.archival_sha256
    structure = structure_of(rendition)
    assert structure.pdfa == ("2", "B")
    assert structure.fonts and all(structure.fonts.values()), structure.fonts
    (intent,) = _output_intents(rendition)
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 3
    assert "Undertecknat av Åsa Lind" in pdf_text(rendition)
    assert len(PdfReader(io.BytesIO(rendition)).pages) == len(PdfReader(io.BytesIO(upload)).pages)

    # mets.xml names both, tied as a master and its derivative, with their checksums.
    files = _mets_files(archive)
    (original_entry, original_dmd), (rendition_entry, rendition_dmd) = (
        files[ORIGINAL],
        files[RENDITION],
    )
    assert original_entry.get("CHECKSUM") == _sha(upload)
    assert rendition_entry.get("CHECKSUM") == _sha(rendition)
    assert rendition_entry.get("SIZE") == str(len(rendition))
    assert original_entry.get("GROUPID") and (
        original_entry.get("GROUPID") == rendition_entry.get("GROUPID")
    )
    assert rendition_dmd.findtext(f".//{DC}source") == ORIGINAL
    assert rendition_dmd.findtext(f".//{DC}format") == "application/pdf; PDF/A-2B"
    assert RENDITION in original_dmd.findtext(f".//{DC}relation")
    root = etree.fromstring(archive.read("mets.xml"))
    provenance_id = rendition_entry.get("ADMID").split()[-1]
    provenance = root.find(f".//{METS}digiprovMD[@ID='{provenance_id}']")
    assert "Ghostscript" in "".join(provenance.itertext())
    assert copy.sha256 in "".join(provenance.itertext())

    sums = {}
    for line in archive.read("sha256sums.txt").decode().splitlines():
        sha, size, name = line.split("  ")
        sums[name] = (sha, int(size))
    assert sums[ORIGINAL] == (_sha(upload), len(upload))
    assert sums[RENDITION] == (_sha(rendition), len(rendition))


def test_a_pades_signature_stays_valid_in_the_original(
    client, ghostscript, version, eu, official, signer, trust_test_ca
):
    signed = pki.sign(plain_pdf(), signer, field_name="Convictus")
    copy = _upload(version, signed, official)
    assert copy.verification == CopyVerification.VALID

    archive = _build_in_background(client, eu, official)

    original = archive.read(ORIGINAL)
    assert original == signed
    (signature,) = check_pdf(original).signatures
    assert signature.status == "valid" and signature.signer_name == "Åsa Lind"
    # The rendition shows the document; it carries no signature of its own.
    rendition = archive.read(RENDITION)
    assert structure_of(rendition).pdfa == ("2", "B")
    assert check_pdf(rendition).signatures == ()


def test_an_upload_that_already_is_pdf_a_is_not_converted(
    client, ghostscript, version, eu, official, signer, trust_test_ca
):
    # The register's own agreement (PDF/A-2a), signed electronically: the usual e-signed copy.
    with version.pdf.open("rb") as handle:
        signed = pki.sign(handle.read(), signer)
    copy = _upload(version, signed, official)

    archive = _build_in_background(client, eu, official)

    copy.refresh_from_db()
    assert copy.archival_form == ArchivalForm.ORIGINAL
    assert copy.archival_conformance == "PDF/A-2A"
    assert not copy.archival_file
    assert RENDITION not in archive.namelist()
    assert archive.read(ORIGINAL) == signed
    entry, dmd = _mets_files(archive)[ORIGINAL]
    assert dmd.findtext(f".//{DC}format") == "application/pdf; PDF/A-2A"
    assert check_pdf(archive.read(ORIGINAL)).signatures[0].status == "valid"


def test_the_rendition_is_made_once_and_the_package_stays_the_same(
    ghostscript, version, eu, official
):
    copy = _upload(version, plain_pdf(), official)
    signed_copies_archival_forms_make(partnership=eu)
    copy.refresh_from_db()
    made = (copy.archival_file.name, copy.archival_sha256, copy.archival_made_at)

    first = _build(eu)
    assert signed_copies_archival_forms_make(partnership=eu) == 0
    signed_copy_archival_form_make(copy=copy)
    second = _build(eu)

    copy.refresh_from_db()
    assert (copy.archival_file.name, copy.archival_sha256, copy.archival_made_at) == made
    assert _sha(first) == _sha(second)
    assert RENDITION in zipfile.ZipFile(io.BytesIO(first)).namelist()


def test_a_failed_rendition_is_recorded_shown_and_named_in_the_package(
    client, ghostscript, version, eu, official
):
    # Begins like a PDF (the upload accepts it) but holds no page Ghostscript can read.
    broken = b"%PDF-1.7\n% inskannad\n"
    copy = _upload(version, broken, official)

    archive = _build_in_background(client, eu, official)

    copy.refresh_from_db()
    assert copy.archival_form == ArchivalForm.FAILED
    assert copy.archival_error == ArchivalError.CONVERSION_FAILED
    assert not copy.archival_file
    assert archive.read(ORIGINAL) == broken
    assert RENDITION not in archive.namelist()
    root = etree.fromstring(archive.read("mets.xml"))
    package_note = " ".join(root.find(f"{METS}amdSec").itertext())
    assert f"Arkivform (PDF/A) saknas för: {ORIGINAL}" in package_note
    _entry, dmd = _mets_files(archive)[ORIGINAL]
    assert "Ghostscript kunde inte läsa eller omvandla PDF-filen" in dmd.findtext(
        f".//{DC}description"
    )

    page = client.get(reverse("reporting:overview", args=[eu.pk])).content.decode()
    assert "Alla underskrivna kopior har inte en arkivform i PDF/A" in page
    assert "underskrivet.pdf (version 1): Ghostscript kunde inte läsa eller omvandla" in page
    version_page = client.get(reverse("reporting:version", args=[eu.pk, 1])).content.decode()
    assert "Ingen arkivform i PDF/A kunde göras" in version_page

    # Tried again on request (management command), it fails the same way, still recorded.
    signed_copy_archival_form_make(copy=copy, retry=True)
    copy.refresh_from_db()
    assert copy.archival_form == ArchivalForm.FAILED


def test_without_ghostscript_the_package_says_so_and_nothing_breaks(
    client, settings, version, eu, official
):
    settings.IOP_GHOSTSCRIPT = "/nonexistent/gs"
    upload = plain_pdf()
    copy = _upload(version, upload, official)

    archive = _build_in_background(client, eu, official)

    copy.refresh_from_db()
    # Undecided, with the reason: an installation with Ghostscript makes it later.
    assert copy.archival_form == ArchivalForm.PENDING
    assert copy.archival_error == ArchivalError.NO_GHOSTSCRIPT
    assert archive.read(ORIGINAL) == upload
    assert RENDITION not in archive.namelist()
    _entry, dmd = _mets_files(archive)[ORIGINAL]
    assert "Ghostscript är inte installerat på servern" in dmd.findtext(f".//{DC}description")
    page = client.get(reverse("reporting:overview", args=[eu.pk])).content.decode()
    assert "underskrivet.pdf (version 1): Ghostscript är inte installerat på servern" in page


def test_another_bodys_staff_get_404_and_start_nothing(
    client, version, eu, official, other_official, other_administrator
):
    _upload(version, plain_pdf(), official)
    for outsider in (other_official, other_administrator):
        login(client, outsider)
        assert client.post(reverse("reporting:archive", args=[eu.pk])).status_code == 404
        assert client.get(reverse("reporting:version", args=[eu.pk, 1])).status_code == 404
    assert not Job.objects.exists()
    assert SignedCopy.objects.get().archival_form == ArchivalForm.PENDING


def test_check_deploy_warns_without_ghostscript(settings, ghostscript):
    from reporting.apps import ghostscript_check

    settings.IOP_GHOSTSCRIPT = "/nonexistent/gs"
    (warning,) = ghostscript_check(None)
    assert warning.id == "reporting.W001" and "Ghostscript" in warning.msg
    settings.IOP_GHOSTSCRIPT = "gs"
    settings.IOP_PDFA_ICC_PROFILE = "/nonexistent/srgb.icc"
    assert "sRGB" in ghostscript_check(None)[0].msg


def test_the_upload_page_starts_the_archival_form_in_the_background(
    client, ghostscript, version, eu, official
):
    login(client, official)
    upload = plain_pdf()
    response = client.post(
        reverse("reporting:upload", args=[eu.pk, 1]),
        {"file": SimpleUploadedFile("skannat.pdf", upload, content_type="application/pdf")},
    )
    assert response.status_code == 302
    job = Job.objects.get(kind="reporting.signed_copy_archival_form")
    assert job.state == "done" and job.owner == official
    copy = SignedCopy.objects.get()
    assert copy.archival_form == ArchivalForm.RENDITION
    with copy.file.open("rb") as handle:
        assert handle.read() == upload
    page = client.get(reverse("reporting:version", args=[eu.pk, 1])).content.decode()
    assert "Arkivform (PDF/A): En arkivform i PDF/A-2b har gjorts bredvid originalet" in page
