import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.constants import AppendixStatus, Status
from partnerships.models import Appendix, CriterionAssessment, Partnership, StatusChange
from tests.factories import AppendixFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def form_data(public_body=None, **overrides):
    data = {
        "title": "Stöd till ensamkommande",
        "registry_number": "1.6.1-123/2017",
        "purpose": "Att stödja ensamkommande ungdomar.",
        "start_date": "2017-09-01",
        "end_date": "2019-08-31",
        "latest_end_date": "2021-08-31",
    }
    if public_body is not None:
        data["public_body"] = public_body.pk
    data.update(overrides)
    return data


def text(response):
    return response.content.decode()


# --- create and edit -----------------------------------------------------------------------


def test_create_redirects_to_the_page_with_public_party(admin_client_, public_body):
    response = admin_client_.post(reverse("partnerships:create"), form_data(public_body))
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partnerships:detail", args=[partnership.pk])
    assert partnership.parties.get().organisation == public_body
    page = text(admin_client_.get(response.url))
    assert "Stöd till ensamkommande" in page
    assert "kan förlängas med ett år i taget, dock längst till 2021-08-31" in page


def test_create_form_preselects_the_only_body_and_uses_date_inputs(admin_client_, public_body):
    page = text(admin_client_.get(reverse("partnerships:create")))
    assert f'<option value="{public_body.pk}" selected>' in page
    assert 'type="date" name="start_date"' in page


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"end_date": "2017-08-01"}, "Perioden kan inte sluta innan den börjar."),
        (
            {"latest_end_date": "2019-01-01"},
            "Senaste slutdatum med förlängningar kan inte ligga före slutdatum.",
        ),
    ],
)
def test_create_refuses_bad_dates(admin_client_, public_body, overrides, field_message):
    data = form_data(public_body, **overrides)
    response = admin_client_.post(reverse("partnerships:create"), data)
    assert response.status_code == 200
    page = text(response)
    assert field_message in page
    assert 'value="Stöd till ensamkommande"' in page
    assert 'value="1.6.1-123/2017"' in page
    assert not Partnership.objects.exists()


def test_create_refuses_duplicate_registry_number_in_the_same_body(admin_client_, public_body):
    PartnershipFactory(public_body=public_body, registry_number="1.6.1-123/2017")
    response = admin_client_.post(reverse("partnerships:create"), form_data(public_body))
    page = text(response)
    assert "Ett annat partnerskap har redan detta diarienummer." in page
    assert 'value="Stöd till ensamkommande"' in page
    assert Partnership.objects.count() == 1


def test_same_registry_number_in_another_body_is_fine(superuser, client, public_body, other_body):
    PartnershipFactory(public_body=other_body, registry_number="1.6.1-123/2017")
    client.force_login(superuser)
    response = client.post(reverse("partnerships:create"), form_data(public_body))
    assert response.status_code == 302
    assert Partnership.objects.count() == 2


def test_create_refuses_missing_public_body(admin_client_, public_body):
    response = admin_client_.post(reverse("partnerships:create"), form_data())
    page = text(response)
    assert "Välj vilken offentlig part partnerskapet gäller." in page
    assert 'value="Stöd till ensamkommande"' in page
    assert not Partnership.objects.exists()


def test_create_refuses_another_bodys_public_body(admin_client_, other_body):
    response = admin_client_.post(reverse("partnerships:create"), form_data(other_body))
    assert response.status_code == 200
    assert not Partnership.objects.exists()


def test_update_saves_and_refuses_bad_input(admin_client_, partnership):
    url = reverse("partnerships:update", args=[partnership.pk])
    response = admin_client_.post(url, form_data(title="Nytt namn", end_date="2016-01-01"))
    assert "Perioden kan inte sluta innan den börjar." in text(response)
    assert 'value="Nytt namn"' in text(response)
    partnership.refresh_from_db()
    assert partnership.title == "Stödgrupper för placerade barn"
    response = admin_client_.post(url, form_data(title="Nytt namn"))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.title == "Nytt namn"


def test_update_refused_once_decided(admin_client_, public_body, organisation):
    partnership = PartnershipFactory(public_body=public_body, active=True)
    url = reverse("partnerships:update", args=[partnership.pk])
    response = admin_client_.post(url, form_data(title="Ändrat"), follow=True)
    assert "kan inte längre redigeras" in text(response)
    partnership.refresh_from_db()
    assert partnership.title != "Ändrat"


# --- criteria -------------------------------------------------------------------------------


def criteria_data(partnership, **by_criterion):
    rows = list(partnership.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": len(rows),
        "criteria-INITIAL_FORMS": len(rows),
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 6,
    }
    for i, row in enumerate(rows):
        met, justification = by_criterion.get(row.criterion, ("yes", ""))
        data[f"criteria-{i}-criterion"] = row.criterion
        data[f"criteria-{i}-met"] = met
        data[f"criteria-{i}-justification"] = justification
    return data


@pytest.fixture
def assessed(partnership):
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(partnership=partnership, criterion=c)
        for c in ("initiative", "political_programme", "not_grant", "no_market")
        + ("both_finance", "not_regulated")
    )
    return partnership


def test_criteria_no_without_justification_is_refused(admin_client_, assessed):
    url = reverse("partnerships:criteria", args=[assessed.pk])
    data = criteria_data(assessed, no_market=("no", ""), initiative=("yes", "Bris idé"))
    response = admin_client_.post(url, data)
    page = text(response)
    assert "Motivera varför kriteriet inte är uppfyllt." in page
    assert "Bris idé" in page
    assert not CriterionAssessment.objects.filter(is_met__isnull=False).exists()


def test_criteria_are_saved_and_shown(admin_client_, assessed):
    url = reverse("partnerships:criteria", args=[assessed.pk])
    data = criteria_data(
        assessed, no_market=("no", "Det finns privata aktörer."), not_grant=("", "")
    )
    assert admin_client_.post(url, data).status_code == 302
    no_market = assessed.criteria.get(criterion="no_market")
    assert (no_market.is_met, no_market.justification) == (False, "Det finns privata aktörer.")
    assert assessed.criteria.get(criterion="not_grant").is_met is None
    page = text(admin_client_.get(reverse("partnerships:detail", args=[assessed.pk])))
    assert "Det finns ingen marknad eller konkurrens att skydda" in page
    assert "Ej bedömt" in page


# --- parties --------------------------------------------------------------------------------


def test_add_party_and_refusals(admin_client_, partnership, organisation, other_body):
    url = reverse("partnerships:party_create", args=[partnership.pk])
    newcomer = OrganisationFactory(name="Rädda Barnen")
    response = admin_client_.post(url, {"organisation": organisation.pk, "joined_on": "2017-03-01"})
    assert "Organisationen är redan part i detta partnerskap." in text(response)
    response = admin_client_.post(url, {"organisation": other_body.pk, "joined_on": "2017-03-01"})
    assert "Partnerskapet har redan en offentlig part." in text(response)
    response = admin_client_.post(url, {"organisation": newcomer.pk, "joined_on": "2020-03-01"})
    assert "En part går med inom partnerskapets period." in text(response)
    assert 'value="2020-03-01"' in text(response)
    assert partnership.parties.count() == 2
    response = admin_client_.post(url, {"organisation": newcomer.pk, "joined_on": "2017-03-01"})
    assert response.status_code == 302
    assert partnership.parties.filter(organisation=newcomer, joined_on=D(2017, 3, 1)).exists()


def test_party_leaves_and_stays_listed(admin_client_, partnership, organisation):
    party = partnership.parties.get(organisation=organisation)
    url = reverse("partnerships:party_leave", args=[partnership.pk, party.pk])
    assert admin_client_.post(url, {"left_on": "2018-06-30"}).status_code == 302
    page = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert "Bris" in page
    assert "2018-06-30" in page


# --- appendices -----------------------------------------------------------------------------


def appendix_data(resources=(), **overrides):
    data = {
        "title": "Bris åtaganden",
        "commitments": "Leda stödgrupper.",
        "valid_from": "2017-01-01",
        "resources-TOTAL_FORMS": max(3, len(resources)),
        "resources-INITIAL_FORMS": 0,
        "resources-MIN_NUM_FORMS": 0,
        "resources-MAX_NUM_FORMS": 1000,
    }
    for i, (kind, description, amount) in enumerate(resources):
        data[f"resources-{i}-kind"] = kind
        data[f"resources-{i}-description"] = description
        data[f"resources-{i}-amount"] = amount
    data.update(overrides)
    return data


def test_appendix_create_with_resources(admin_client_, partnership, organisation):
    party = partnership.parties.get(organisation=organisation)
    url = reverse("partnerships:appendix_create", args=[partnership.pk, party.pk])
    data = appendix_data(
        [("money", "Egen finansiering", "1 728 000,50"), ("premises", "Lokal", "")]
    )
    assert admin_client_.post(url, data).status_code == 302
    appendix = Appendix.objects.get()
    assert appendix.number == "2.1"
    amounts = sorted((r.kind, r.amount) for r in appendix.resources.all())
    assert amounts == [("money", Decimal("1728000.50")), ("premises", None)]
    page = text(admin_client_.get(appendix.get_absolute_url()))
    assert "1\u00a0728\u00a0000,50\u00a0kr" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Beloppet kan inte vara negativt."),
        ("10,555", "Ett belopp har högst två decimaler (ören)."),
        ("tio kronor", "Ange ett belopp i kronor"),
        ("", "Pengar behöver ett belopp."),
    ],
)
def test_appendix_bad_amounts_are_refused(
    admin_client_, partnership, organisation, amount, message
):
    party = partnership.parties.get(organisation=organisation)
    url = reverse("partnerships:appendix_create", args=[partnership.pk, party.pk])
    response = admin_client_.post(url, appendix_data([("money", "Ersättning", amount)]))
    page = text(response)
    assert message in page
    assert "Leda stödgrupper." in page
    assert not Appendix.objects.exists()


def test_appendix_replace_prefills_and_keeps_old_readable(admin_client_, partnership, organisation):
    party = partnership.parties.get(organisation=organisation)
    old = AppendixFactory(party=party, commitments="Gamla åtaganden")
    url = reverse("partnerships:appendix_replace", args=[partnership.pk, old.pk])
    assert "Gamla åtaganden" in text(admin_client_.get(url))
    response = admin_client_.post(url, appendix_data(commitments="Nya", valid_from="2017-01-01"))
    assert "Den nya versionen måste börja gälla efter den som den ersätter." in text(response)
    assert admin_client_.post(url, appendix_data(valid_from="2018-01-01")).status_code == 302
    new = Appendix.objects.get(status=AppendixStatus.CURRENT)
    assert new.version == 2
    old_page = text(
        admin_client_.get(reverse("partnerships:appendix", args=[partnership.pk, old.pk]))
    )
    assert "Ersatt av version 2" in old_page
    assert "Gamla åtaganden" in old_page
    detail = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert "Tidigare versioner:" in detail


def test_appendix_drop(admin_client_, partnership, organisation):
    appendix = AppendixFactory(party=partnership.parties.get(organisation=organisation))
    url = reverse("partnerships:appendix_drop", args=[partnership.pk, appendix.pk])
    response = admin_client_.post(url, {"ended_on": "2016-01-01"})
    assert "En bilaga kan inte upphöra innan den börjar gälla." in text(response)
    assert admin_client_.post(url, {"ended_on": "2017-06-30"}).status_code == 302
    page = text(admin_client_.get(appendix.get_absolute_url()))
    assert "Utgått" in page


# --- lifecycle ------------------------------------------------------------------------------


def test_lifecycle_form_offers_only_allowed_transitions(admin_client_, partnership):
    page = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert '<option value="proposed">' in page
    assert '<option value="decided">' not in page
    assert 'name="decided_on"' not in page


def test_transition_records_who_and_when(admin_client_, partnership, administrator):
    url = reverse("partnerships:transition", args=[partnership.pk])
    response = admin_client_.post(
        url, {"to_status": "proposed", "propose_incomplete": "on"}, follow=True
    )
    assert "Partnerskapet är nu ”Föreslaget till nämnden”." in text(response)
    change = StatusChange.objects.get()
    assert change.changed_by == administrator
    assert "Statushistorik" in text(response)


def test_transition_not_allowed_is_refused(admin_client_, partnership):
    url = reverse("partnerships:transition", args=[partnership.pk])
    response = admin_client_.post(url, {"to_status": "active"})
    assert "Ett partnerskap som är ”Utkast” kan inte bli ”Pågående”." in text(response)
    partnership.refresh_from_db()
    assert partnership.status == Status.DRAFT
    assert not StatusChange.objects.exists()


def test_propose_without_idea_based_party_shows_service_message(admin_client_, public_body):
    partnership = PartnershipFactory(public_body=public_body)
    url = reverse("partnerships:transition", args=[partnership.pk])
    response = admin_client_.post(url, {"to_status": "proposed", "propose_incomplete": "on"})
    assert "Partnerskapet har ingen idéburen organisation som part." in text(response)
    assert Partnership.objects.get().status == Status.DRAFT


def test_decided_requires_date_and_paragraph(admin_client_, public_body, organisation):
    partnership = PartnershipFactory(public_body=public_body, proposed=True)
    url = reverse("partnerships:transition", args=[partnership.pk])
    response = admin_client_.post(url, {"to_status": "decided", "decision_paragraph": "§ 7"})
    page = text(response)
    assert "Ange datum för nämndens beslut." in page
    assert 'value="§ 7"' in page
    assert Partnership.objects.get().status == Status.PROPOSED
    data = {"to_status": "decided", "decided_on": "2017-06-20", "decision_paragraph": "§ 7"}
    assert admin_client_.post(url, data).status_code == 302
    partnership.refresh_from_db()
    assert (partnership.status, partnership.decided_on) == (Status.DECIDED, D(2017, 6, 20))


def test_transition_is_post_only(admin_client_, partnership):
    url = reverse("partnerships:transition", args=[partnership.pk])
    assert admin_client_.get(url).status_code == 405


# --- the page -------------------------------------------------------------------------------


def test_page_shows_everything_at_a_glance(admin_client_, public_body, organisation):
    organisation.org_number = "8020031954"
    organisation.save()
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[organisation],
        active=True,
        activities="Stödgrupper\nFöräldraträffar",
        shared_values="Barnets bästa",
        background="Seed 001",
    )
    page = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    for expected in [
        "802003-1954",
        "2017-01-01 – 2018-12-31",
        "2016-12-15, § 12",
        "<li>Föräldraträffar</li>",
        "Barnets bästa",
        "Pågående",
        "Idéburen",
        "Historik",
    ]:
        assert expected in page, expected
    assert "kan inte förlängas" in page
