"""Electronic (PAdES) signatures on uploaded signed copies, checked with pyHanko against a
certificate authority the tests make themselves."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reporting.constants import CopyVerification, EmbeddedSignatureStatus
from reporting.esignatures import version_esignatures
from reporting.models import EmbeddedSignature, SignedCopy
from reporting.services import agreements
from tests.factories import SignatoryFactory

from . import pki
from .conftest import login


@pytest.fixture(scope="module")
def ca():
    return pki.make_ca()


@pytest.fixture(scope="module")
def foreign_ca():
    return pki.make_ca("Someone Else's Root CA")


@pytest.fixture(scope="module")
def people(ca, foreign_ca):
    return {
        "gillis": pki.make_person(ca, "Gillis Hammar", organisation="Stockholms stad"),
        "convictus": pki.make_person(ca, "Åsa Lind"),
        "stranger": pki.make_person(ca, "Eva Obehörig"),
        "untrusted": pki.make_person(foreign_ca, "Åsa Lind"),
    }


@pytest.fixture
def trust_test_ca(settings, tmp_path, ca):
    """The installation trusts the tests' root (only here, never outside the tests)."""
    path = tmp_path / "roots.pem"
    path.write_bytes(ca.pem)
    settings.IOP_SIGNATURE_TRUST_ROOTS = [str(path)]
    return path


@pytest.fixture
def version(eu, official):
    convictus = eu.parties.get(organisation__name="Convictus").organisation
    SignatoryFactory(
        relation__body=eu.public_body,
        relation__organisation=convictus,
        name="Åsa Lind",
        title="Ordförande",
    )
    return agreements.agreement_version_create(partnership=eu, user=official)


def _pdf(version) -> bytes:
    with version.pdf.open("rb") as handle:
        return handle.read()


def _upload(version, data, user, name="undertecknat.pdf") -> SignedCopy:
    return agreements.signed_copy_upload(
        version=version, uploaded_file=SimpleUploadedFile(name, data), user=user
    )


def _rows(version):
    rows, strangers = version_esignatures(version)
    return {row.name: row for row in rows}, strangers


def test_valid_signatures_by_signatories_count_for_their_parties(
    version, official, people, trust_test_ca, public_body
):
    signed = pki.sign(_pdf(version), people["gillis"], field_name="Stockholm")
    signed = pki.sign(signed, people["convictus"], field_name="Convictus")

    copy = _upload(version, signed, official)

    assert copy.verification == CopyVerification.VALID
    first, second = copy.embedded_signatures.order_by("pk")
    assert (first.signer_name, first.field_name) == ("Gillis Hammar", "Stockholm")
    assert first.signer_organisation == "Stockholms stad"
    assert first.issuer_name == "IOP Test Root CA"
    assert first.certificate_sha256 == people["gillis"].cert.fingerprint(pki.hashes.SHA256()).hex()
    assert abs(first.signing_time - timezone.now()) < datetime.timedelta(minutes=5)
    assert first.intact and first.cryptographically_valid and first.trusted
    assert second.signer_name == "Åsa Lind" and second.status == EmbeddedSignatureStatus.VALID
    rows, strangers = _rows(version)
    assert rows[public_body.name].state == "valid"
    assert rows["Convictus"].state == "valid"
    assert rows["Convictus"].valid.signer_name == "Åsa Lind"
    assert rows["Filadelfiaförsamlingen"].state == "missing"
    assert strangers == []


def test_the_signers_personal_identity_number_is_not_kept(version, official, people, trust_test_ca):
    copy = _upload(version, pki.sign(_pdf(version), people["gillis"]), official)

    signature = copy.embedded_signatures.get()
    kept = [str(getattr(signature, f.attname)) for f in EmbeddedSignature._meta.concrete_fields]
    assert not any("190001019999" in value for value in kept)


def test_changed_after_signing_is_kept_and_never_valid(version, official, people, trust_test_ca):
    tampered = pki.change_after_signing(pki.sign(_pdf(version), people["convictus"]))

    copy = _upload(version, tampered, official)

    assert SignedCopy.objects.filter(pk=copy.pk).exists()
    with copy.file.open("rb") as handle:
        assert handle.read() == tampered
    assert copy.verification == CopyVerification.INVALID
    signature = copy.embedded_signatures.get()
    assert signature.status == EmbeddedSignatureStatus.CHANGED
    assert not signature.intact
    rows, _strangers = _rows(version)
    assert rows["Convictus"].state == "failed"
    assert rows["Convictus"].valid is None


def test_a_page_rewritten_after_signing_is_a_change(version, official, people, trust_test_ca):
    changed = pki.append_page_change(pki.sign(_pdf(version), people["convictus"]))

    copy = _upload(version, changed, official)

    signature = copy.embedded_signatures.get()
    assert signature.intact  # the signed bytes themselves are untouched …
    assert signature.status == EmbeddedSignatureStatus.CHANGED  # … but the document is not
    assert copy.verification == CopyVerification.INVALID


def test_a_valid_signature_by_someone_who_is_not_a_signatory_counts_for_no_party(
    version, official, people, trust_test_ca
):
    copy = _upload(version, pki.sign(_pdf(version), people["stranger"]), official)

    assert copy.embedded_signatures.get().status == EmbeddedSignatureStatus.VALID
    rows, strangers = _rows(version)
    assert all(row.state == "missing" for row in rows.values())
    assert [s.signer_name for s in strangers] == ["Eva Obehörig"]


def test_a_certificate_from_an_authority_not_trusted_is_not_valid(
    version, official, people, trust_test_ca
):
    copy = _upload(version, pki.sign(_pdf(version), people["untrusted"]), official)

    signature = copy.embedded_signatures.get()
    assert signature.intact and signature.cryptographically_valid
    assert signature.status == EmbeddedSignatureStatus.UNTRUSTED
    assert _rows(version)[0]["Convictus"].state == "failed"


def test_without_configured_roots_nothing_is_trusted(settings, version, official, people):
    settings.IOP_SIGNATURE_TRUST_ROOTS = []

    copy = _upload(version, pki.sign(_pdf(version), people["convictus"]), official)

    assert copy.embedded_signatures.get().status == EmbeddedSignatureStatus.UNTRUSTED
    assert copy.verification == CopyVerification.INVALID


def test_a_scan_without_signatures_and_an_unreadable_pdf_are_kept(version, official):
    scan = _upload(version, _pdf(version), official)
    broken = _upload(version, b"%PDF-1.7\nnot really a pdf", official)

    assert scan.verification == CopyVerification.NO_SIGNATURES
    assert broken.verification == CopyVerification.UNREADABLE
    assert SignedCopy.objects.filter(version=version).count() == 2
    assert not EmbeddedSignature.objects.exists()


def test_version_page_shows_per_party_and_marks_what_failed(
    client, version, official, people, trust_test_ca, public_body
):
    signed = pki.sign(_pdf(version), people["gillis"], field_name="Stockholm")
    _upload(version, signed, official, name="stockholm.pdf")
    _upload(
        version,
        pki.change_after_signing(pki.sign(_pdf(version), people["convictus"])),
        official,
        name="convictus.pdf",
    )
    _upload(version, pki.sign(_pdf(version), people["stranger"]), official, name="eva.pdf")
    login(client, official)

    response = client.get(version.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Elektronisk underskrift per part" in page
    table = page[page.index("Elektronisk underskrift per part") :]
    public_row = table[table.index(public_body.name) :].split("</tr>")[0]
    convictus_row = table[table.index("<td>Convictus</td>") :].split("</tr>")[0]
    assert "Giltig" in public_row and "Gillis Hammar" in public_row
    assert "Inte giltig" in convictus_row
    assert "Dokumentet har ändrats efter underskriften" in convictus_row
    assert "Giltig</span>" not in convictus_row
    assert "som inte är behörig firmatecknare" in page and "Eva Obehörig" in page


def test_checking_again_after_the_roots_changed(
    client, settings, version, official, people, tmp_path, ca
):
    settings.IOP_SIGNATURE_TRUST_ROOTS = []
    copy = _upload(version, pki.sign(_pdf(version), people["convictus"]), official)
    assert copy.verification == CopyVerification.INVALID
    roots = tmp_path / "later.pem"
    roots.write_bytes(ca.pem)
    settings.IOP_SIGNATURE_TRUST_ROOTS = [str(roots)]
    login(client, official)

    response = client.post(
        reverse("reporting:signed_copy_verify", args=[version.partnership_id, copy.pk])
    )

    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.verification == CopyVerification.VALID
    assert copy.embedded_signatures.get().status == EmbeddedSignatureStatus.VALID


def test_only_the_bodys_staff_check_again(client, version, official, representative, other_body):
    from organisations.constants import Role
    from tests.factories import MembershipFactory

    copy = _upload(version, _pdf(version), official)
    url = reverse("reporting:signed_copy_verify", args=[version.partnership_id, copy.pk])
    outsider = MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user
    login(client, outsider)
    assert client.post(url).status_code == 404
    login(client, representative)
    assert client.post(url).status_code == 404


def test_the_command_checks_stored_copies_again(settings, version, official, people, tmp_path, ca):
    from io import StringIO

    from django.core.management import call_command

    settings.IOP_SIGNATURE_TRUST_ROOTS = []
    copy = _upload(version, pki.sign(_pdf(version), people["convictus"]), official)
    roots = tmp_path / "roots"
    roots.mkdir()
    (roots / "test-root.pem").write_bytes(ca.pem)
    settings.IOP_SIGNATURE_TRUST_ROOTS = [str(roots)]
    out = StringIO()

    call_command("verify_signed_copies", stdout=out)

    copy.refresh_from_db()
    assert copy.verification == CopyVerification.VALID
    assert "valid: 1" in out.getvalue()
