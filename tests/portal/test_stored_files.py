"""An account attachment's file is kept only with its row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from common.uploads import stored_files_scope
from portal import services
from portal.models import AccountAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_attachment_whose_transaction_fails_leaves_no_file(
    account, representative, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with stored_files_scope(), pytest.raises(IntegrityError), transaction.atomic():
        attachment = services.attachment_add(
            account=account,
            user=representative,
            kind="financial_statement",
            upload=SimpleUploadedFile("bokslut.pdf", PDF),
        )
        stored = tmp_path / attachment.file.name
        assert stored.exists()
        # A real database refusal later in the same transaction: a second row with the same
        # primary key.
        AccountAttachment.objects.bulk_create(
            [AccountAttachment(pk=attachment.pk, account=account, kind="financial_statement")]
        )

    assert not AccountAttachment.objects.exists()
    assert not stored.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_a_saved_attachment_keeps_its_file(account, representative, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = services.attachment_add(
        account=account,
        user=representative,
        kind="financial_statement",
        upload=SimpleUploadedFile("bokslut.pdf", PDF),
    )
    assert (tmp_path / attachment.file.name).read_bytes() == PDF
