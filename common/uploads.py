"""Uploaded files: allowed types are checked by their content, never by name alone."""

import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str


PDF = FileType("pdf", "application/pdf")
PNG = FileType("png", "image/png")
JPEG = FileType("jpg", "image/jpeg")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text")

# The extensions a file of each type may carry.
EXTENSIONS = {
    PDF: {"pdf"},
    PNG: {"png"},
    JPEG: {"jpg", "jpeg"},
    XLSX: {"xlsx"},
    DOCX: {"docx"},
    ODS: {"ods"},
    ODT: {"odt"},
}


def max_upload_bytes() -> int:
    return getattr(settings, "IOP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def _zip_type(upload) -> FileType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                for kind in (ODS, ODT):
                    if mimetype == kind.content_type:
                        return kind
                return None
            if "[Content_Types].xml" in names:
                if "xl/workbook.xml" in names:
                    return XLSX
                if "word/document.xml" in names:
                    return DOCX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def detect_type(upload) -> FileType | None:
    """The file's type from its content (magic bytes, or the structure of a zip package)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(upload)
        return None
    finally:
        upload.seek(0)


def validate_upload(upload) -> FileType:
    """Refuse a file that is too large, of a type not allowed, or whose name hides its type."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    kind = detect_type(upload)
    allowed = _("Allowed types are PDF, XLSX, DOCX, ODS, ODT, PNG and JPEG.")
    if kind is None:
        raise ValidationError(
            _("The file's type is not allowed. %(allowed)s") % {"allowed": allowed}
        )
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("The file's name does not match its content (a %(type)s file). %(allowed)s")
            % {"type": kind.extension.upper(), "allowed": allowed}
        )
    return kind


def unguessable_name(extension: str) -> str:
    return f"{uuid.uuid4().hex}.{extension}"
