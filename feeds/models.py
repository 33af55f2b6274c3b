from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models import Partnership


class CalendarFeed(models.Model):
    """A secret calendar address (iCalendar) of one user, or of one partnership for its
    body's staff. The address is the random `nonce` and its HMAC under the installation's
    secret key (feeds.services.feed_secret): it can be shown on the page whenever it is
    needed, yet a copy of the database alone does not give it. Renewing draws a new nonce, and
    the old address answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
        verbose_name=_("partnership"),
    )
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    renewed_at = models.DateTimeField(_("address made"))
    renewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("made by"),
    )

    history = HistoricalRecords(excluded_fields=["nonce"])

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, partnership__isnull=True)
                | Q(user__isnull=True, partnership__isnull=False),
                name="calendar_feed_of_user_or_partnership",
            ),
        ]

    def __str__(self):
        return f"{self.user or self.partnership}"
