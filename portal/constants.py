"""Statuses and choices of the organisation portal; transitions are written next to them as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")


# The lifecycle of an annual account, as data.
ACCOUNT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    AccountStatus.DRAFT: (AccountStatus.SUBMITTED,),
    AccountStatus.SUBMITTED: (AccountStatus.RETURNED, AccountStatus.APPROVED),
    AccountStatus.RETURNED: (AccountStatus.SUBMITTED,),
    AccountStatus.APPROVED: (),
}

# The organisation may change the account only in these statuses.
EDITABLE_ACCOUNT_STATUSES = (AccountStatus.DRAFT, AccountStatus.RETURNED)
# The account counts as handed in (no longer due) in these statuses.
HANDED_IN_ACCOUNT_STATUSES = (AccountStatus.SUBMITTED, AccountStatus.APPROVED)


class ReviewDecision(models.TextChoices):
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")


class AttachmentKind(models.TextChoices):
    FINANCIAL_STATEMENT = "financial_statement", _("Signed financial statement")
    AUDITOR_REPORT = "auditor_report", _("Auditor's report")
    OTHER = "other", _("Other document")


class SettlementKind(models.TextChoices):
    """What an approved account with unspent money proposes."""

    REDUCTION = "reduction", _("Reduce the next payment")
    REPAYMENT = "repayment", _("Repayment to the public body")


class SettlementDecision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class ReportKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year activity report")
    YEAR = "year", _("Yearly activity report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


REPORT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReportStatus.DRAFT: (ReportStatus.SUBMITTED,),
    ReportStatus.SUBMITTED: (),
}


class Dimension(models.TextChoices):
    """What the people reached are counted by. Counts only: never a person."""

    AGE_BAND = "age_band", _("Age")
    GENDER = "gender", _("Gender")
    COUNTRY = "country", _("Country of origin")


class AgeBand(models.TextChoices):
    UNDER_7 = "0-6", _("0–6 years")
    FROM_7 = "7-12", _("7–12 years")
    FROM_13 = "13-17", _("13–17 years")
    FROM_18 = "18-25", _("18–25 years")
    FROM_26 = "26-64", _("26–64 years")
    FROM_65 = "65-", _("65 years or older")
    UNKNOWN = "unknown", _("Age not known")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Women and girls")
    MAN = "man", _("Men and boys")
    OTHER = "other", _("Other or not known")


# Figures below this are shown as "<5" outside the organisation that entered them.
SMALL_COUNT_LIMIT = 5
SMALL_COUNT_LABEL = "<5"


class DeadlineKind(models.TextChoices):
    ACCOUNT = "account", _("Annual financial account")
    HALF_YEAR_REPORT = "half_year", _("Half-year activity report")
    YEAR_REPORT = "year", _("Yearly activity report")
