"""Uploaded files: allowed types are checked by their content, never by name alone."""

import logging
import uuid
import zipfile
from contextlib import ContextDecorator
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, router
from django.db.transaction import TransactionManagementError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


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


def validate_size(upload) -> None:
    """Refuse a file larger than the installation allows."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def validate_upload(upload) -> FileType:
    """Refuse a file that is too large, of a type not allowed, or whose name hides its type."""
    validate_size(upload)
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


# Stored files whose row may yet be rolled back: kept per request (or per service call outside
# a request) and checked when that work ends. Django has no "on rollback" hook, so the check
# is whether a row still refers to the file once the transaction has ended.
_stored: ContextVar[list | None] = ContextVar("iop_stored_files", default=None)


@dataclass(frozen=True)
class _StoredFile:
    model: type
    field_name: str
    name: str
    storage: object


def store_file(field_file, name: str, content) -> None:
    """Write `content` through the model's file field (`save=False`: the caller saves the row).
    The file is removed again when the work around it ends without a row that refers to it
    (the transaction rolled back, the row was refused). Needs `stored_files_scope` around the
    work: the request middleware or the service's own decorator."""
    scope = _stored.get()
    if scope is None:
        raise RuntimeError("store_file() needs stored_files_scope() around the work.")
    field_file.save(name, content, save=False)
    scope.append(
        _StoredFile(
            model=type(field_file.instance),
            field_name=field_file.field.name,
            name=field_file.name,
            storage=field_file.storage,
        )
    )


def _is_referred_to(stored: _StoredFile) -> bool:
    alias = router.db_for_write(stored.model)
    try:
        return (
            stored.model._base_manager.using(alias)
            .filter(**{stored.field_name: stored.name})
            .exists()
        )
    except TransactionManagementError:
        return False  # the transaction is broken: nothing it wrote will be kept
    except DatabaseError:
        logger.warning("Cannot tell whether %s is still used; keeping it.", stored.name)
        return True


class stored_files_scope(ContextDecorator):  # noqa: N801 - used like contextlib's helpers
    """Around work that may store files: at its end (after its transaction), a stored file that
    no row refers to is deleted. Nested scopes leave the decision to the outermost one."""

    def __enter__(self):
        self._token = _stored.set([]) if _stored.get() is None else None
        return self

    def __exit__(self, *exc_info):
        if self._token is None:
            return False
        stored = _stored.get()
        _stored.reset(self._token)
        for item in stored:
            if not _is_referred_to(item):
                item.storage.delete(item.name)
        return False


class StoredFilesMiddleware:
    """One scope per request, outside the request's transaction (ATOMIC_REQUESTS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with stored_files_scope():
            return self.get_response(request)
