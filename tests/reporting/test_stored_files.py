"""A signed copy's file is kept only with its row: a rolled-back transaction leaves no file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from common.uploads import stored_files_scope
from reporting.models import SignedCopy
from reporting.services import agreements

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% scanned and signed\n"


class Rollback(Exception):
    pass


def test_a_rolled_back_signed_copy_leaves_no_file(eu, official, media_root):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    with stored_files_scope(), pytest.raises(Rollback), transaction.atomic():
        copy = agreements.signed_copy_upload(
            version=version, uploaded_file=SimpleUploadedFile("scan.pdf", PDF), user=official
        )
        stored = media_root / copy.file.name
        assert stored.read_bytes() == PDF  # written while the transaction was open
        raise Rollback  # e.g. a later step of the same request fails

    assert not SignedCopy.objects.exists()
    assert not stored.exists()


def test_a_committed_signed_copy_keeps_its_file(eu, official, media_root):
    version = agreements.agreement_version_create(partnership=eu, user=official)
    copy = agreements.signed_copy_upload(
        version=version, uploaded_file=SimpleUploadedFile("scan.pdf", PDF), user=official
    )
    assert (media_root / copy.file.name).read_bytes() == PDF
