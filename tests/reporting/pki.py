"""A certificate authority of the tests' own, and PAdES signing with pyHanko.

Only the tests trust this authority: they put its root in `IOP_SIGNATURE_TRUST_ROOTS`.
Keys are elliptic-curve (P-256) so making them is fast.
"""

import datetime
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from common.event_loops import outside_event_loop


@dataclass
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    issuer: "Identity | None" = None

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str = "", serial: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "SE")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    if serial:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attributes)


def _now():
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def make_ca(common_name: str = "IOP Test Root CA") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, "Testmyndigheten")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - datetime.timedelta(days=1))
        .not_valid_after(_now() + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key=key, cert=cert)


def make_person(ca: Identity, common_name: str, *, organisation: str = "") -> Identity:
    """A person's signing certificate, the way Swedish e-identities carry the name in CN and
    the personal identity number in the subject's serial number (here a made-up one)."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation, serial="190001019999"))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - datetime.timedelta(days=1))
        .not_valid_after(_now() + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Identity(key=key, cert=cert, issuer=ca)


def _asn1_cert(cert: x509.Certificate):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def sign(pdf: bytes, person: Identity, *, field_name: str = "Signature1") -> bytes:
    """The PDF with one more PAdES signature by `person` (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = signers.SimpleSigner(
        signing_cert=_asn1_cert(person.cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            person.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(person.issuer.cert)]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = outside_event_loop(
        signers.sign_pdf,
        writer,
        signers.PdfSignatureMetadata(field_name=field_name, subfilter=SigSeedSubFilter.PADES),
        signer=signer,
    )
    return out.getvalue()


def change_after_signing(signed: bytes) -> bytes:
    """Tamper inside the signed bytes: one letter of the document's metadata changes, so the
    PDF still opens but the signed digest no longer matches."""
    marker = b"WeasyPrint"
    index = signed.index(marker)
    return signed[:index] + b"WeasyPrinT" + signed[index + len(marker) :]


def append_page_change(signed: bytes) -> bytes:
    """Tamper after signing with an incremental update that rewrites the first page's
    content: the signed bytes are untouched, the document shown is not."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.content import RawContent
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    content = RawContent(b"BT /F1 24 Tf 72 720 Td (Belopp: 9 999 999 kr) Tj ET")
    stream = writer.add_object(generic.StreamObject(stream_data=content.data))
    page = page_ref.get_object()
    page["/Contents"] = stream
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
