"""The board's yearly summary: each organisation's annual account and the year's aggregated
activity figures, read back from the PDF. Figures below 5 print as "<5"."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from finance.models import BudgetPeriod
from portal.models import AccountReview, ActivityReport, AnnualAccount, ReachFigure
from reporting.selectors import yearly_summary
from reporting.services.documents import summary_document
from tests.factories import UserFactory

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(day: str) -> datetime.datetime:
    # Late in the evening, Stockholm time: the printed date must be the local one.
    return datetime.datetime.fromisoformat(f"{day}T23:30").replace(tzinfo=STOCKHOLM)


def _party(partnership, name):
    return partnership.parties.get(organisation__name=name)


def _account(partnership, period, name, status, *, submitted=None, reviews=()):
    user = UserFactory()
    account = AnnualAccount.objects.create(party=_party(partnership, name), period=period)
    AnnualAccount.objects.filter(pk=account.pk).update(
        status=status, submitted_at=_at(submitted) if submitted else None
    )
    for number, (decision, day) in enumerate(reviews, start=1):
        review = AccountReview.objects.create(
            account=account, round=number, decision=decision, reviewer=user
        )
        AccountReview.objects.filter(pk=review.pk).update(reviewed_at=_at(day))
    return account


def _report(partnership, period, name, kind, figures, *, status="submitted", **counts):
    report = ActivityReport.objects.create(
        partnership=partnership,
        period=period,
        kind=kind,
        organisation=_party(partnership, name).organisation,
        created_by=UserFactory(),
        **counts,
    )
    ActivityReport.objects.filter(pk=report.pk).update(status=status)
    for dimension, category, count in figures:
        ReachFigure.objects.create(
            report=report, dimension=dimension, category=category, count=count
        )
    return report


@pytest.fixture
def eu_year(eu):
    return BudgetPeriod.objects.get(partnership=eu, start=datetime.date(2017, 5, 1))


def test_summary_prints_each_accounts_state_with_its_date(eu, eu_year):
    _account(
        eu,
        eu_year,
        "Convictus",
        "approved",
        submitted="2018-05-10",
        reviews=[("returned", "2018-05-12"), ("approved", "2018-05-20")],
    )
    _account(
        eu,
        eu_year,
        "Filadelfiaförsamlingen",
        "returned",
        submitted="2018-05-11",
        reviews=[("returned", "2018-05-15")],
    )
    _account(eu, eu_year, "Frälsningsarmén", "submitted", submitted="2018-05-12")
    _account(eu, eu_year, "Ny Gemenskap", "draft")  # started, never handed in

    text = pdf_text(summary_document(yearly_summary(eu)))

    assert "Ekonomiska redovisningar" in text
    assert "Ej tillgängligt" not in text.split("Möten")[0]
    assert "Convictus Godkänd 2018-05-20" in text
    assert "Filadelfiaförsamlingen Återsänd för komplettering 2018-05-15" in text
    assert "Frälsningsarmén Inlämnad 2018-05-12" in text
    assert "Ny Gemenskap Saknas –" in text
    assert "Stockholms stadsmission Saknas –" in text


def test_summary_sums_the_years_figures_and_masks_small_ones(eu, eu_year):
    # Convictus's yearly report replaces its half-year report (the same people, counted again).
    _report(eu, eu_year, "Convictus", "half_year", [("gender", "woman", 100)])
    _report(
        eu,
        eu_year,
        "Convictus",
        "year",
        [
            ("gender", "woman", 10),
            ("gender", "man", 2),
            ("age_band", "26-64", 9),
            ("age_band", "65-", 4),
            ("country", "Rumänien", 6),
        ],
        feedback_count=7,
        complaints_count=1,
    )
    _report(
        eu,
        eu_year,
        "Filadelfiaförsamlingen",
        "half_year",
        [("gender", "woman", 3), ("gender", "man", 1), ("country", "rumänien", 2)],
        feedback_count=4,
    )
    # A draft is not part of the summary.
    _report(eu, eu_year, "Frälsningsarmén", "year", [("gender", "woman", 50)], status="draft")

    text = pdf_text(summary_document(yearly_summary(eu)))

    assert "Sammanställda uppgifter ur 2 verksamhetsrapporter" in text
    assert "Kön Kvinnor och flickor 13" in text
    assert "Kön Män och pojkar <5" in text
    assert "Ålder 26–64 år 9" in text
    assert "Ålder 65 år eller äldre <5" in text
    assert "Ursprungsland Rumänien 8" in text  # "rumänien" is the same country
    assert "Synpunkter från deltagare 11" in text
    assert "Klagomål <5" in text
    table = text.split("Kategori Antal")[1].split("Endast sammanställda")[0]
    assert not re.findall(r"(?<![\d–<])[0-4](?![\d–])", table)  # no figure below 5 shows
    for not_counted in ("100", "113", "63", "50"):  # the half-year report replaced, the draft
        assert not_counted not in table
    assert re.search(r"Antal under 5 redovisas som ”<5”", text)


def test_summary_without_accounts_or_reports_says_so(bris):
    text = pdf_text(summary_document(yearly_summary(bris)))
    assert "Bris (Barnens rätt i samhället) Saknas" in text
    assert "Inga verksamhetsrapporter har lämnats för avtalsåret." in text
    assert "Ej tillgängligt" not in text


def test_summary_reads_the_chosen_year_only(bris):
    second = BudgetPeriod.objects.get(partnership=bris, start=datetime.date(2018, 1, 1))
    _account(bris, second, "Bris (Barnens rätt i samhället)", "submitted", submitted="2019-01-20")
    _report(bris, second, "Bris (Barnens rätt i samhället)", "year", [("gender", "woman", 30)])

    first = pdf_text(summary_document(yearly_summary(bris)))
    assert "Inlämnad" not in first and "Kvinnor och flickor" not in first

    text = pdf_text(summary_document(yearly_summary(bris, year_start="2018-01-01")))
    assert "Årssammanställning 2018" in text
    assert "Bris (Barnens rätt i samhället) Inlämnad 2019-01-20" in text
    assert "Kön Kvinnor och flickor 30" in text


def test_summary_reads_accounts_and_figures_in_a_fixed_number_of_queries(
    eu, eu_year, django_assert_max_num_queries
):
    for name in ("Convictus", "Filadelfiaförsamlingen", "Frälsningsarmén"):
        _account(
            eu,
            eu_year,
            name,
            "approved",
            submitted="2018-05-10",
            reviews=[("approved", "2018-05-20")],
        )
        _report(eu, eu_year, name, "year", [("gender", "woman", 10), ("country", name, 6)])
    # 26: one of them the body's settings (its board and letterhead), one the signatories
    # read through the body's relations, one the partnership's terminations, and the groups
    # with their members and the body's and the partnership's clause texts that the snapshot
    # holds (fixed, not per row).
    with django_assert_max_num_queries(26):
        summary = yearly_summary(eu)
    assert [a["state"] for a in summary["accounts"]].count("approved") == 3
