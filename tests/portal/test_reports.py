import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.constants import Role
from portal import services
from portal.constants import ReportStatus
from portal.models import ActivityReport, ReachFigure
from portal.selectors import mask_small
from tests.factories import MembershipFactory

from .conftest import TODAY, saved

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "owner", "shown"),
    [(0, False, "<5"), (4, False, "<5"), (5, False, 5), (120, False, 120), (3, True, 3)],
)
def test_mask_small(count, owner, shown):
    assert mask_small(count, owner) == shown


@pytest.fixture
def report(partnership, periods, organisation, representative):
    return services.report_create(
        partnership=partnership,
        period=periods[0],
        kind="half_year",
        organisation=organisation,
        user=representative,
        figures=[
            ("age_band", "7-12", 14),
            ("age_band", "13-17", 3),
            ("gender", "woman", 9),
            ("gender", "man", 8),
            ("country", "Sverige", 15),
            ("country", "Somalia", 2),
        ],
        feedback_count=12,
        complaints_count=1,
        narrative="Sex grupper under våren.",
    )


class TestServices:
    def test_stores_counts_only(self, report):
        assert set(report.figures.values_list("dimension", "category", "count")) == {
            ("age_band", "7-12", 14),
            ("age_band", "13-17", 3),
            ("gender", "woman", 9),
            ("gender", "man", 8),
            ("country", "Sverige", 15),
            ("country", "Somalia", 2),
        }

    def test_no_field_is_about_a_person(self):
        names = {field.name for field in ActivityReport._meta.get_fields()}
        names |= {field.name for field in ReachFigure._meta.get_fields()}
        assert not names & {"name", "first_name", "last_name", "personal_number", "ssn", "person"}

    @pytest.mark.parametrize(
        "figure",
        [
            ("age_band", "100-200", 3),
            ("gender", "woman", -1),
            ("height", "x", 1),
            ("country", "", 2),
        ],
    )
    def test_refuses_bad_figures(self, partnership, periods, organisation, representative, figure):
        with pytest.raises(ValidationError):
            services.report_create(
                partnership=partnership,
                period=periods[0],
                kind="year",
                organisation=organisation,
                user=representative,
                figures=[figure],
            )
        assert not ActivityReport.objects.exists()

    def test_cannot_report_for_another_organisation(
        self, partnership, periods, other_organisation, representative
    ):
        with pytest.raises(ValidationError):
            services.report_create(
                partnership=partnership,
                period=periods[0],
                kind="year",
                organisation=other_organisation,
                user=representative,
            )

    def test_submit_once(self, report, representative):
        services.report_submit(report=report, user=representative, today=TODAY)
        assert report.status == ReportStatus.SUBMITTED
        with pytest.raises(ValidationError) as excinfo:
            services.report_submit(report=report, user=representative, today=TODAY)
        assert "Rapporten är redan inlämnad." in str(excinfo.value)
        with pytest.raises(ValidationError):
            services.report_update(report=report, user=representative, narrative="Ändrad")


class TestMasking:
    def test_the_owner_sees_the_small_figures(self, client, representative, report):
        client.force_login(representative)
        content = client.get(reverse("portal:report", args=[report.pk])).content.decode()
        assert "&lt;5" not in content
        assert ">3<" in content

    @pytest.mark.parametrize("who", ["administrator", "other_representative"])
    def test_others_see_less_than_five(self, request, client, report, who):
        client.force_login(request.getfixturevalue(who))
        content = client.get(reverse("portal:report", args=[report.pk])).content.decode()
        assert "&lt;5" in content
        assert ">14<" in content
        assert ">3<" not in content

    def test_csv_export_masks_outside_the_organisation(self, client, administrator, report):
        client.force_login(administrator)
        response = client.get(reverse("portal:reports_csv") + f"?report={report.pk}")
        rows = response.content.decode("utf-8-sig").splitlines()
        assert rows[0] == "partnership;contract_year;report;entered_by;dimension;category;count"
        assert any(row.endswith("age_band;13-17;<5") for row in rows)
        assert any(row.endswith("age_band;7-12;14") for row in rows)
        assert any(row.endswith("complaints;;<5") for row in rows)

    def test_csv_export_for_the_owner(self, client, representative, report):
        client.force_login(representative)
        response = client.get(reverse("portal:reports_csv"))
        assert "age_band;13-17;3" in response.content.decode("utf-8-sig")

    def test_csv_leaves_out_other_bodies_reports(self, client, other_administrator, report):
        client.force_login(other_administrator)
        rows = client.get(reverse("portal:reports_csv")).content.decode("utf-8-sig").splitlines()
        assert len(rows) == 1


class TestViews:
    def test_create_through_the_form(self, client, representative, partnership, periods):
        client.force_login(representative)
        url = reverse("portal:report_new", args=[partnership.pk])
        response = client.post(
            url,
            {
                "period": periods[0].pk,
                "kind": "year",
                "organisation": representative.memberships.get().organisation_id,
                "age_7-12": "20",
                "gender_woman": "11",
                "country_0": "Sverige",
                "country_count_0": "18",
                "feedback_count": "4",
                "complaints_count": "0",
                "narrative": "Ett bra år.",
            },
        )
        report = ActivityReport.objects.get()
        assert response["Location"] == reverse("portal:report", args=[report.pk])
        assert report.figures.get(dimension="country").category == "Sverige"

    def test_negative_count_is_refused_and_kept(self, client, representative, partnership, periods):
        client.force_login(representative)
        response = client.post(
            reverse("portal:report_new", args=[partnership.pk]),
            {
                "period": periods[0].pk,
                "kind": "year",
                "organisation": representative.memberships.get().organisation_id,
                "age_7-12": "-3",
                "narrative": "Behåll mig",
            },
        )
        content = response.content.decode()
        assert "Ett antal kan inte vara negativt." in content
        assert "Behåll mig" in content
        assert not ActivityReport.objects.exists()

    def test_other_body_cannot_see_a_report(self, client, other_administrator, report):
        client.force_login(other_administrator)
        assert client.get(reverse("portal:report", args=[report.pk])).status_code == 404

    def test_official_may_not_create(self, client, official, partnership):
        client.force_login(official)
        url = reverse("portal:report_new", args=[partnership.pk])
        assert client.get(url).status_code == 403

    def test_representative_of_two_organisations_chooses(
        self, client, representative, other_organisation, partnership
    ):
        MembershipFactory(
            user=representative,
            organisation=other_organisation,
            role=Role.REPRESENTATIVE,
            body=partnership.public_body,
        )
        saved(representative)
        client.force_login(representative)
        content = client.get(reverse("portal:report_new", args=[partnership.pk])).content.decode()
        assert "Bris" in content and "Rädda Barnen" in content


class TestGroupReportLink:
    def _group_report(self, partnership, periods):
        from governance.models import GroupReport
        from tests.factories import GroupFactory

        group = GroupFactory(partnership=partnership, cooperation=True)
        return GroupReport.objects.create(
            group=group,
            kind="half_year",
            period_start=periods[0].start,
            period_end=periods[0].start.replace(month=6, day=30),
            due_on=periods[0].start.replace(month=7, day=2),
            submitted_on=periods[0].start.replace(month=7, day=1),
            text="Samverkansgruppens rapport.",
        )

    def test_links_the_cooperation_groups_report(
        self, client, representative, partnership, periods
    ):
        group_report = self._group_report(partnership, periods)
        client.force_login(representative)
        client.post(
            reverse("portal:report_new", args=[partnership.pk]),
            {
                "period": periods[0].pk,
                "kind": "half_year",
                "organisation": representative.memberships.get().organisation_id,
                "group_report": group_report.pk,
            },
        )
        report = ActivityReport.objects.get()
        assert report.group_report == group_report
        page = client.get(reverse("portal:report", args=[report.pk])).content.decode()
        assert "Samverkansgruppens skriftliga rapport" in page

    def test_refuses_another_partnerships_group_report(
        self, partnership, periods, organisation, representative
    ):
        from tests.factories import PartnershipFactory

        other = PartnershipFactory()
        from finance.services import budget_periods_generate

        budget_periods_generate(partnership=other, basis="contract_year")
        group_report = self._group_report(other, list(other.budget_periods.all()))
        with pytest.raises(ValidationError):
            services.report_create(
                partnership=partnership,
                period=periods[0],
                kind="year",
                organisation=organisation,
                user=representative,
                group_report=group_report,
            )
