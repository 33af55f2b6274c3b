from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from common.uploads import JPEG, PNG, FileType, validate_upload

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000


def validate_logo(upload) -> FileType:
    """A PNG or JPEG that Pillow can read, at most 1 MB and 4000 px a side."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("The logo may be at most 1 MB.")})
    try:
        kind = validate_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"logo": exc.messages}) from None
    if kind not in (PNG, JPEG):
        raise ValidationError({"logo": _("The logo must be a PNG or JPEG image.")})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"logo": _("The logo is not a readable image.")}) from None
    finally:
        upload.seek(0)
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError({"logo": _("The logo may be at most 4000 pixels wide and high.")})
    return kind
