from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionKind(models.TextChoices):
    ORIGINAL = "original", _("Original agreement")
    AMENDMENT = "amendment", _("Amendment")


class VersionState(models.TextChoices):
    """Derived, not stored: where a version is on its way to being in force."""

    DRAFT = "draft", _("Being prepared")
    SIGNING = "signing", _("Ready for signing")
    FROZEN = "frozen", _("Signed and frozen")
    SUPERSEDED = "superseded", _("Superseded by a newer version")


class EmbeddedSignatureStatus(models.TextChoices):
    """The verdict on one electronic signature inside an uploaded PDF."""

    VALID = "valid", _("Valid")
    UNTRUSTED = "untrusted", _("Certificate not trusted")
    REVOKED = "revoked", _("Certificate revoked")
    CHANGED = "changed", _("Document changed after signing")
    BROKEN = "broken", _("Signature does not match")


class CopyVerification(models.TextChoices):
    """What the electronic signatures of a signed copy add up to."""

    NOT_CHECKED = "not_checked", _("Not checked")
    NO_SIGNATURES = "no_signatures", _("No electronic signature (scanned copy)")
    VALID = "valid", _("Every electronic signature is valid")
    INVALID = "invalid", _("An electronic signature is not valid")
    UNREADABLE = "unreadable", _("The PDF could not be read")


class ArchivalForm(models.TextChoices):
    """What a signed copy's archive package holds as its PDF/A."""

    PENDING = "pending", _("Not made yet (made when the archive package is built)")
    ORIGINAL = "original", _("The upload is PDF/A and is archived as it is")
    RENDITION = "rendition", _("A PDF/A-2b rendition was made beside the original")
    FAILED = "failed", _("No PDF/A rendition could be made")


class ArchivalError(models.TextChoices):
    """Why no PDF/A rendition of a signed copy was made."""

    NO_GHOSTSCRIPT = "no_ghostscript", _("Ghostscript is not installed on the server")
    CONVERSION_FAILED = "conversion_failed", _("Ghostscript could not read or convert the PDF")
    NOT_PDFA = "not_pdfa", _("Ghostscript's result did not pass the PDF/A check")
    TIMEOUT = "timeout", _("The conversion took too long")


# Swedish number words for "upprättat i N likalydande exemplar" (N ≥ 2 in practice).
SWEDISH_NUMBER_WORDS = {
    1: "ett",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
    13: "tretton",
    14: "fjorton",
    15: "femton",
    16: "sexton",
    17: "sjutton",
    18: "arton",
    19: "nitton",
    20: "tjugo",
}

# Payment frequencies as printed in the agreement (finance stores the code).
PAYMENT_FREQUENCY_TEXT = {
    "quarterly": "kvartalsvis",
    "monthly": "månadsvis",
    "yearly": "årsvis",
    "annually": "årsvis",
    "half_yearly": "halvårsvis",
    "semiannually": "halvårsvis",
    "once": "vid ett tillfälle",
}

# Snapshot fields compared line by line in the history's readable difference.
TEXT_FIELDS = (
    ("title", _("Title")),
    ("background", _("Background")),
    ("purpose", _("Purpose")),
    ("goal", _("Goal")),
    ("target_group", _("Target group")),
    ("shared_values", _("Shared values")),
    ("activities", _("Activities")),
)


def number_word(n: int) -> str:
    return SWEDISH_NUMBER_WORDS.get(n, str(n))
