"""No lost updates (issue 12, point 7), made checkable: every form in the project's forms
modules that edits an existing record carries a version (common.forms.VersionedForm). A form
that does not is listed below with why it needs none; a new edit form that is neither fails.

The two-person test of each versioned form is in tests/<app>/test_edit_conflicts.py."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from common.forms import VersionedForm

CREATES = "creates a record (a duplicate is refused by the service under its lock)"
ROW = "a row of a formset: the page's VersionedForm carries the version of every row"
ACTION = "a one-shot action, done exactly once under the row lock (a second is refused)"
FILTER = "a filter or search: it writes nothing"
LOGIN = "a login code: it writes no record the user edits"

EXEMPT = {
    "accounts.forms.CodeForm": LOGIN,
    "accounts.forms.EnrolmentForm": LOGIN,
    "api.forms.TokenForm": CREATES,
    "bodies.forms.BodySearchForm": FILTER,
    "bodies.forms.PublicBodyForm": CREATES,
    "bodies.forms.StaffInviteForm": CREATES,
    "finance.forms.AllowanceForm": ACTION + " (a decision that allows a payment)",
    "finance.forms.BudgetLineForm": ROW,
    "finance.forms.BudgetPeriodForm": CREATES,
    "finance.forms.DecisionForm": "the base of the extension and allowance forms (actions)",
    "finance.forms.ExtensionForm": ACTION + " (an extension by one contract year)",
    "finance.forms.OtherIncomeForm": CREATES,
    "finance.forms.PayForm": ACTION + " (pay)",
    "finance.forms.PeriodsGenerateForm": ACTION + " (generate the budget periods)",
    "finance.forms.StopForm": ACTION + " (stop a payment)",
    "finance.forms.TerminationForm": ACTION + " (terminate)",
    "governance.forms.CompilationForm": CREATES,
    "governance.forms.DecisionForm": CREATES,
    "governance.forms.DrawForm": ACTION + " (draw the chair)",
    "governance.forms.GroupForm": CREATES,
    "governance.forms.MeetingForm": CREATES + "; a recorded meeting is not edited",
    "governance.forms.MemberForm": CREATES,
    "governance.forms.MemberLeaveForm": ACTION + " (a member leaves)",
    "governance.forms.RedrawForm": ACTION + " (draw again)",
    "governance.forms.ReportForm": CREATES + "; a submitted report is not edited",
    "organisations.forms.ImportForm": ACTION + " (an import, all rows or none)",
    "organisations.forms.OrganisationSearchForm": FILTER,
    "organisations.forms.SignatoryForm": ROW,
    "partnerships.forms.AppendixDropForm": ACTION + " (drop an appendix)",
    "partnerships.forms.CriterionForm": ROW,
    "partnerships.forms.HistoryFilterForm": FILTER,
    "partnerships.forms.PartyForm": CREATES,
    "partnerships.forms.PartyLeaveForm": ACTION + " (a party leaves)",
    "partnerships.forms.ResourceForm": ROW,
    "partnerships.forms.TransitionForm": ACTION + " (a status change through its transition)",
    "portal.forms.InvitationForm": CREATES,
    "portal.forms.ReviewForm": ACTION + " (approve or return an account)",
    "portal.forms.SettlementForm": ACTION + " (decide on the settlement)",
    "reporting.forms.PaperAgreementForm": ACTION + " (record the paper signing, once)",
    "reporting.forms.SignatureForm": CREATES + " (a party's signature, once per party)",
    "reporting.forms.SignedCopyForm": ACTION + " (upload a signed copy)",
}


def _project_forms() -> dict[str, type]:
    """Every form class defined in a forms module of the project's own apps (a folder at the
    project's root; the libraries in the virtualenv are not ours)."""
    found = {}
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != base:
            continue
        name = f"{config.name}.forms"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for _attr, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found[f"{name}.{cls.__qualname__}"] = cls
    return found


FORMS = _project_forms()


def test_the_walk_finds_the_forms_of_every_app():
    apps_with_forms = {name.split(".")[0] for name in FORMS}
    assert {"organisations", "partnerships", "finance", "portal", "governance"} <= apps_with_forms
    assert {"bodies", "reporting", "accounts", "api"} <= apps_with_forms


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_edit_form_carries_a_version(name):
    versioned = issubclass(FORMS[name], VersionedForm)
    assert versioned or name in EXEMPT, (
        f"{name} is not a VersionedForm: if it edits an existing record, give it a version "
        "(common.versions) checked in its service; otherwise list it in EXEMPT with why."
    )
    assert not (versioned and name in EXEMPT), f"{name} carries a version: drop it from EXEMPT"


def test_every_exemption_names_a_form_and_says_why():
    assert sorted(set(EXEMPT) - set(FORMS)) == []
    for name, reason in EXEMPT.items():
        assert reason.strip() and "\n" not in reason, name


@pytest.mark.django_db
def test_a_form_that_creates_carries_no_version_and_prints_none_in_its_place(
    administrator_client,
):
    page = administrator_client.get(reverse("organisations:create")).content.decode()
    form = next(part for part in page.split("<form")[1:] if 'name="org_number"' in part)
    form = form.split("</form>")[0]
    assert 'name="version"' not in form and "None" not in form
