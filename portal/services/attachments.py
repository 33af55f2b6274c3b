"""Documents behind an account: checked by content (common.uploads.validate_upload), stored
through the storage API under an unguessable name, served only by a permission-checked view."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from common.uploads import store_file, stored_files_scope, unguessable_name, validate_upload
from portal.constants import AttachmentKind
from portal.models import AccountAttachment, AnnualAccount
from portal.permissions import can_edit_account


@stored_files_scope()
@transaction.atomic
def attachment_add(*, account: AnnualAccount, user, kind: str, upload) -> AccountAttachment:
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose what kind of document this is.")})
    if not can_edit_account(user, account):
        raise ValidationError(
            _("The account has been submitted and can no longer be changed by the organisation.")
        )
    try:
        file_type = validate_upload(upload)
    except ValidationError as exc:
        raise ValidationError({kind: exc.messages}) from exc
    attachment = AccountAttachment(
        account=account,
        kind=kind,
        original_name=(upload.name or "")[-255:],
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=user,
    )
    upload.seek(0)
    store_file(attachment.file, unguessable_name(file_type.extension), File(upload))
    attachment._history_user = user
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: AccountAttachment, user) -> None:
    if not can_edit_account(user, attachment.account):
        raise ValidationError(
            _("The account has been submitted and can no longer be changed by the organisation.")
        )
    storage, name = attachment.file.storage, attachment.file.name
    attachment._history_user = user  # the deletion's history row says who removed it
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
