"""Reporting's steps on the partnership page: the decision memo, the agreement version for
signing and every party's signature."""

from django.urls import reverse
from django.utils.translation import gettext as _

from common.checklist import PREPARE, SIGN, Step

from .models import AgreementVersion, DecisionMemo, Signature


def reporting_steps(*, user, obj) -> list[Step]:
    partnership = obj
    documents = reverse("reporting:overview", args=[partnership.pk])
    memo = DecisionMemo.objects.filter(partnership=partnership).first()
    version = AgreementVersion.objects.filter(partnership=partnership).order_by("-number").first()
    prepared = version is not None and version.prepared_at is not None
    parties = len(version.party_ids) if version else 0
    signed = Signature.objects.filter(version=version).count() if version else 0
    return [
        Step(
            key="memo",
            stage=PREPARE,
            order=60,
            label=_("The decision memo written"),
            done=memo is not None,
            url=reverse("reporting:memo", args=[partnership.pk]),
        ),
        Step(
            key="version",
            stage=SIGN,
            order=10,
            label=_("The agreement prepared for signing"),
            done=prepared,
            url=documents,
        ),
        Step(
            key="signatures",
            stage=SIGN,
            order=20,
            label=_("Every party's signature recorded"),
            done=prepared and parties > 0 and signed >= parties,
            url=reverse("reporting:version", args=[partnership.pk, version.number])
            if version
            else documents,
            detail=_("%(signed)s of %(parties)s parties have signed.")
            % {"signed": signed, "parties": parties}
            if prepared and signed < parties
            else "",
        ),
    ]
