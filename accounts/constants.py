from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    FAILED = "failed", _("Wrong password")
    LOCKED_OUT = "locked_out", _("Locked out")
    SIGNED_OUT = "signed_out", _("Signed out")
    UNLOCKED = "unlocked", _("Unlocked by an administrator")
    SESSION_ENDED = "session_ended", _("Signed out by the time limit")
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", _("Signed out everywhere")
    WRONG_CODE = "wrong_code", _("Wrong code (second factor)")
    SECOND_FACTOR_ADDED = "second_factor_added", _("Second factor set up")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset by an administrator")
