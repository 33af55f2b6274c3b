"""The one content-checked upload validator (minutes, account attachments)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import DOCX, ODT, PDF, PNG, XLSX, unguessable_name, validate_upload


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("bokslut.pdf", b"%PDF-1.7\n...", PDF),
        ("kvitto.png", b"\x89PNG\r\n\x1a\n....", PNG),
        ("budget.xlsx", _zip({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), XLSX),
        ("rapport.docx", _zip({"[Content_Types].xml": b"", "word/document.xml": b""}), DOCX),
        (
            "rapport.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            ODT,
        ),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, kind):
    assert validate_upload(SimpleUploadedFile(name, content)) == kind


def test_a_program_named_pdf_is_refused_with_the_reason():
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("bokslut.pdf", b"MZ\x90\x00 a windows program"))
    assert exc.value.messages == [
        "Filtypen är inte tillåten. Tillåtna filtyper är PDF, XLSX, DOCX, ODS, ODT, PNG och JPEG."
    ]


def test_a_name_that_hides_the_content_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("bild.png", b"%PDF-1.7\n"))
    assert "stämmer inte med innehållet (en PDF-fil)" in exc.value.messages[0]


def test_a_file_over_the_limit_is_refused(settings):
    settings.IOP_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("bokslut.pdf", b"%PDF-1.7 and more than ten bytes"))
    assert exc.value.messages[0].startswith("Filen är för stor")


def test_stored_names_are_unguessable():
    first, second = unguessable_name("pdf"), unguessable_name("pdf")
    assert first != second and first.endswith(".pdf") and len(first) == 36
