"""The sign-in log: every sign-in, failure, lockout and sign-out, with who, when and from where.

Kept by the app (fed by Django's and django-axes' signals) rather than read from axes' own
tables: axes folds failures into one counting row per username and address, and deletes them
when an account is unlocked, while a body's administrator needs the whole history of a
person.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import SignInEventKind


class SignInEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user).select_related("actor").order_by("-at", "-pk")


class SignInEvent(models.Model):
    # Null when the username given matches no account (a failure for an unknown name).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_in_events",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username given"), max_length=150, blank=True)
    kind = models.CharField(_("event"), max_length=30, choices=SignInEventKind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    # Who did it, when it was someone else (the administrator who unlocked the account).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    objects = SignInEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        indexes = [models.Index(fields=["user", "-at"], name="signin_user_at_idx")]

    def __str__(self):
        return f"{self.username} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class UserSession(models.Model):
    """A session a user signed in with, so "sign out everywhere" can end them all (the
    session table itself cannot be searched by user)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class ExternalIdentity(models.Model):
    """A user of the register as the identity provider knows them (its `sub`), linked at
    their first single sign-on by e-mail address, and found by it afterwards."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("user"),
    )
    provider = models.CharField(_("provider"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("linked"), default=timezone.now)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="external_identity_unique_subject"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.provider}"
