"""Demo data for the portal (idempotent): Bris's submitted annual account for 2017 and a
submitted half-year activity report, entered as the demo representative `rep-bris`.

Runs after finance.demo (which creates the budgets). The actual costs, figures and texts are
DEMO FIGURES, not from the seeds. Running it again changes nothing that is already there."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from finance.models import BudgetPeriod
from partnerships.models import Partnership
from portal import services
from portal.constants import AccountStatus
from portal.models import ActivityReport, AnnualAccount

from . import timeline

# DEMO FIGURES: actual costs per budget line for Bris 2017 (Material deviates by 25 %).
BRIS_2017_ACTUALS = {
    "Personal": Decimal("672410.00"),
    "Material": Decimal("10000.00"),
    "Mat och dryck": Decimal("14250.50"),
    "Resekostnader": Decimal("9120.00"),
}
BRIS_2017_EXPLANATIONS = {
    "Material": "Nytt samtalsmaterial till stödgrupperna, godkänt av samverkansgruppen.",
}
SUBMITTED_ON = datetime.date(2017, 12, 1)


def _submitted_on(partnership):
    return timeline.shifted(SUBMITTED_ON, timeline.shift_of(partnership))


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _bris():
    partnership = (
        Partnership.objects.filter(registry_number="DEMO-1/2016").first()
        or Partnership.objects.filter(title__startswith="Stödgrupper").first()
    )
    if partnership is None:
        return None, None, None
    party = partnership.parties.filter(is_public=False, organisation__name__startswith="Bris")
    # The seed's first contract year (2017), wherever the demo moved the partnership to.
    first_year = 2017 + timeline.shift_of(partnership)
    period = BudgetPeriod.objects.filter(partnership=partnership, start__year=first_year).first()
    return partnership, party.first(), period


@transaction.atomic
def load(*, stdout=None) -> None:
    partnership, party, period = _bris()
    user = get_user_model().objects.filter(username="rep-bris").first()
    if not (partnership and party and period and user):
        _say(stdout, "portal: Bris partnership, budget period 2017 or rep-bris missing; skipped.")
        return
    account = AnnualAccount.objects.filter(party=party, period=period).first()
    if account is None:
        try:
            account = services.account_create(party=party, period=period, user=user)
        except Exception as exc:  # noqa: BLE001 - no budget yet: say so and go on
            _say(stdout, f"portal: no account for Bris 2017 ({exc}); skipped.")
            return
    if account.status == AccountStatus.DRAFT:
        lines = {
            line.pk: (
                BRIS_2017_ACTUALS.get(line.category, line.budget_amount),
                BRIS_2017_EXPLANATIONS.get(line.category, ""),
            )
            for line in account.lines.all()
        }
        services.account_save(
            account=account,
            user=user,
            lines=lines,
            other_income=Decimal("15000"),
            other_income_note="Tre barn från andra kommuner à 5 000 kr (DEMO).",
            own_in_kind="Lokaler, verksamhetsansvarig och metodutveckling (DEMO).",
            narrative="Sex stödgrupper genomfördes under året (DEMO).",
        )
        services.account_submit(account=account, user=user, today=_submitted_on(partnership))
        _say(stdout, f"portal: Bris's annual account for {period.label} submitted (DEMO figures).")
    if not ActivityReport.objects.filter(
        partnership=partnership, period=period, kind="half_year", organisation=party.organisation
    ).exists():
        report = services.report_create(
            partnership=partnership,
            period=period,
            kind="half_year",
            organisation=party.organisation,
            user=user,
            figures=[
                ("age_band", "7-12", 21),
                ("age_band", "13-17", 12),
                ("age_band", "unknown", 2),
                ("gender", "woman", 19),
                ("gender", "man", 14),
                ("gender", "other", 2),
                ("country", "Sverige", 31),
                ("country", "Somalia", 4),
            ],
            feedback_count=18,
            feedback_summary="Barnen uppskattar att träffa andra i samma situation (DEMO).",
            complaints_count=1,
            complaints_summary="Önskemål om fler träffar på helger (DEMO).",
            narrative="Tre grupper under vårterminen (DEMO).",
        )
        services.report_submit(report=report, user=user, today=_submitted_on(partnership))
        _say(
            stdout,
            f"portal: Bris's half-year activity report {period.label} submitted (DEMO figures).",
        )
