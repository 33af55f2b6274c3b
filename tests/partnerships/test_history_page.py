"""The partnership's "Historik" page: every recorded change of what belongs to the partnership,
with who, when, which record and the values before and after, for the body's staff only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from common.history import belonging_paths, history_model
from finance import services as finance_services
from finance.models import Payment
from partnerships.history import history_kinds
from partnerships.models import Partnership
from portal import services as portal_services
from tests.portal.conftest import *  # noqa: F403
from tests.portal.conftest import TODAY, fill

pytestmark = pytest.mark.django_db


def page(client, partnership, **query):
    return client.get(reverse("partnerships:history", args=[partnership.pk]), query)


def rows(response) -> list[str]:
    """The table's rows as a reader sees them: cells joined, tags and spacing gone."""
    html = response.content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    body = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", body)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr>")[1:]
    ]


def name(user):
    return user.get_full_name()


@pytest.fixture
def worked(account, representative, administrator, budgets, periods, settings, tmp_path):
    """A year's work on the partnership: a budget line changed, the account filled in and
    submitted and approved, an attachment uploaded and removed."""
    settings.MEDIA_ROOT = tmp_path
    finance_services.budget_save(
        appendix=budgets,
        period=periods[1],
        lines=[("Personal", Decimal("678833")), ("Material", Decimal("9000"))],
        user=administrator,
    )
    fill(account, representative)
    attachment = portal_services.attachment_add(
        account=account,
        user=representative,
        kind="financial_statement",
        upload=SimpleUploadedFile("bokslut.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
    )
    portal_services.attachment_remove(attachment=attachment, user=representative)
    portal_services.account_submit(account=account, user=representative, today=TODAY)
    portal_services.account_approve(account=account, user=administrator)
    return account.party.partnership


class TestWhatTheStaffSee:
    def test_changes_with_old_and_new_values_in_swedish(self, client, official, worked):
        client.force_login(official)
        shown = rows(page(client, worked))
        assert any(
            row.startswith(timezone.localdate().isoformat())
            and "Ekonomisk redovisning: Bris" in row
            and "Status: Inlämnad → Godkänd" in row
            for row in shown
        ), shown
        assert any(
            "Budgetpost: Material" in row and "Belopp (kr): 8 000 kr → 9 000 kr" in row
            for row in shown
        ), shown
        assert any("Budgetpost: Mat och dryck" in row and "Borttagen" in row for row in shown), (
            shown
        )
        assert any(
            "Redovisningsrad: Personal" in row and "Faktisk kostnad (kr): – → 678 833 kr" in row
            for row in shown
        ), shown

    def test_who_made_each_change(self, client, administrator, representative, worked):
        client.force_login(administrator)
        shown = rows(page(client, worked, kind="portal.annualaccount"))
        approved = next(row for row in shown if "Inlämnad → Godkänd" in row)
        assert name(administrator) in approved
        submitted = next(row for row in shown if "Utkast → Inlämnad" in row)
        assert name(representative) in submitted
        shown = rows(page(client, worked, kind="portal.accountattachment"))
        removed = [row for row in shown if "Bilaga" in row and "bokslut.pdf" in row]
        assert len(removed) == 2  # uploaded, then removed
        assert all(name(representative) in row for row in removed)
        assert "Borttagen" in removed[0] and "Skapad" in removed[1]

    def test_the_partnership_page_links_to_it(self, client, official, worked):
        client.force_login(official)
        response = client.get(reverse("partnerships:detail", args=[worked.pk]))
        assert reverse("partnerships:history", args=[worked.pk]) in response.content.decode()


class TestWhoMaySeeIt:
    def test_the_other_body_gets_a_404(self, client, other_administrator, worked):
        client.force_login(other_administrator)
        assert page(client, worked).status_code == 404

    def test_representatives_get_a_404_and_no_link(self, client, representative, worked):
        client.force_login(representative)
        assert page(client, worked).status_code == 404
        detail = client.get(reverse("partnerships:detail", args=[worked.pk]))
        assert detail.status_code == 200
        assert reverse("partnerships:history", args=[worked.pk]) not in detail.content.decode()


class TestFilters:
    def test_by_kind_of_record(self, client, official, worked):
        client.force_login(official)
        shown = rows(page(client, worked, kind="finance.budgetline"))
        assert shown and all("Budgetpost:" in row for row in shown)
        assert not any("Redovisningsrad:" in row for row in shown)

    def test_by_person(self, client, official, representative, administrator, worked):
        client.force_login(official)
        shown = rows(page(client, worked, person=representative.pk))
        assert shown and all(name(representative) in row for row in shown)
        assert not any(name(administrator) in row for row in shown)

    def test_by_date_range(self, client, official, worked):
        client.force_login(official)
        today = timezone.localdate()
        assert rows(page(client, worked, since=today.isoformat(), until=today.isoformat()))
        tomorrow = (today + datetime.timedelta(days=1)).isoformat()
        assert rows(page(client, worked, since=tomorrow)) == ["Inga ändringar registrerade."]

    def test_an_end_before_the_start_is_refused_next_to_the_field(self, client, official, worked):
        client.force_login(official)
        response = page(client, worked, since="2026-02-01", until="2026-01-01")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Slutdatumet kan inte vara före startdatumet." in html
        assert 'value="2026-02-01"' in html  # what was typed is kept
        assert len(rows(response)) > 1  # the list is shown unfiltered

    def test_every_kind_of_the_partnership_is_offered(self):
        labels = dict(history_kinds())
        for kind in [
            "partnerships.partnership",
            "partnerships.party",
            "partnerships.appendix",
            "finance.budget",
            "finance.budgetline",
            "finance.cofinancing",
            "finance.financeterms",
            "finance.payment",
            "portal.annualaccount",
            "portal.accountline",
            "portal.accountattachment",
            "portal.activityreport",
            "governance.group",
            "governance.meeting",
            "reporting.decisionmemo",
            "reporting.agreementversion",
            "reporting.signedcopy",
        ]:
            assert kind in labels, kind
        # Not the register's other records: an organisation or a person is not the
        # partnership's.
        assert "organisations.organisation" not in labels
        assert "organisations.membership" not in labels


def _queries(client, partnership) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = page(client, partnership)
    assert response.status_code == 200
    return len(captured)


def test_the_page_costs_the_same_with_3_and_30_rows(
    client, official, administrator, partnership, party, periods
):
    """Only what the page shows is read: 3 changes or 30 (a page of 25), the same queries."""
    client.force_login(official)
    for model in belonging_paths(Partnership):
        # A register from before its history: only what follows counts.
        history_model(model).objects.all().delete()

    def add(count):
        for n in range(count):
            payment = Payment(
                partnership=partnership,
                party=party,
                period=periods[0],
                due_date=datetime.date(2017, 1, 1) + datetime.timedelta(days=n),
                covers_from=datetime.date(2017, 1, 1),
                covers_to=datetime.date(2017, 3, 31),
                amount=Decimal("1000"),
                prepared_by=administrator,
            )
            payment._history_user = administrator
            payment.save()
            payment.amount = Decimal("900")
            payment.save()

    add(3)
    few = _queries(client, partnership)
    assert len(rows(page(client, partnership))) == 6  # each payment created, then changed
    add(27)
    many = _queries(client, partnership)
    assert len(rows(page(client, partnership))) == 25
    assert many == few
