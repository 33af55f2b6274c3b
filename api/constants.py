from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    FINANCE_WRITE = "finance_write", _("Read, and report payments as paid (finance system)")


# "iop_" + 8 hex characters (the prefix, kept in clear to find the row and to show) + "_" +
# 43 URL-safe characters (256 random bits, kept only as a SHA-256 hash).
TOKEN_PREFIX = "iop_"
PREFIX_BYTES = 4
SECRET_BYTES = 32
# The last use is written at most this often (seconds), so a busy integration does not write
# on every request.
LAST_USED_RESOLUTION = 60
