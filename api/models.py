from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation

from .constants import TokenScope


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_list(self):
        return self.select_related("body", "created_by", "revoked_by")


class ApiToken(models.Model):
    """A key a public body gives one of its systems (the finance system, the registry). It
    sees what the body's staff see; the secret is shown once and kept only as a hash."""

    body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        limit_choices_to={"sector": "public"},
        verbose_name=_("public body"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. Ekonomisystemet.")
    )
    prefix = models.CharField(_("prefix"), max_length=20, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(_("scope"), max_length=20, choices=TokenScope.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    history = HistoricalRecords(excluded_fields=["secret_hash", "last_used_at"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False),
                name="api_token_revoked_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def may_write_finance(self) -> bool:
        return self.scope == TokenScope.FINANCE_WRITE


class ApiWrite(models.Model):
    """Every change made through a token: which token (and so its creator), what, when."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.PROTECT, related_name="writes", verbose_name=_("API token")
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change through the API")
        verbose_name_plural = _("changes through the API")
        indexes = [models.Index(fields=["token", "-at"], name="api_write_token_idx")]

    def __str__(self):
        return f"{self.token} {self.action} {self.object_type}:{self.object_id}"
